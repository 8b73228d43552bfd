/** File names, in the data folder, of the .qwc identities this installation issued. */
export const QWC_IDENTITY_FILE = 'qwc-identity.json';
export const QWC_IDENTITIES_FILE = 'qwc-identities.json';

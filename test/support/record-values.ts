/** A record as the emulators hand it out: vendor-named fields of unknown shape. */
export type Rec = Record<string, unknown>;

/** A field as text: strings as they are, numbers printed, anything else empty. */
export const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

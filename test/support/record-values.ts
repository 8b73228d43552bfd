/** A record as the emulators hand it out: vendor-named fields of unknown shape. */
export type Rec = Record<string, unknown>;

/** A field as text: strings as they are, numbers printed, anything else empty. */
export const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A nested record, or an empty one when the field is not an object. */
export const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});

/** A list of records (multi-fields, rows), or an empty list. */
export const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.map(rec) : []);

import { toLatin1 } from '@qb-b24/qbxml';

/** Trimmed text with inner whitespace runs collapsed; '' for null/undefined. Pure. */
export function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** `clean`, but undefined when nothing is left. Pure. */
export function cleanOrUndefined(value: string | null | undefined): string | undefined {
  const v = clean(value);
  return v === '' ? undefined : v;
}

/**
 * Splits a display name into first and last name: "Mary Ann Smith" → Mary Ann / Smith,
 * "Smith, John" → John / Smith, "Cher" → Cher / ''. Pure.
 */
export function splitName(full: string): { readonly first: string; readonly last: string } {
  const name = clean(full);
  const comma = name.indexOf(',');
  if (comma > 0) {
    return { first: clean(name.slice(comma + 1)), last: clean(name.slice(0, comma)) };
  }
  const space = name.lastIndexOf(' ');
  if (space < 0) return { first: name, last: '' };
  return { first: name.slice(0, space), last: name.slice(space + 1) };
}

/**
 * The text QuickBooks ends up storing for `value` in a field of `max` characters: mapped to ISO-8859-1
 * and cut exactly as the qbxml builders do (ElementWriter.str: toLatin1, slice, trimEnd; blank = not
 * sent). Undefined when the builder would omit the element. Pure.
 */
export function qbStoredText(value: string | null | undefined, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text = toLatin1(value).value;
  if (text.length > max) text = text.slice(0, max).trimEnd();
  return text.trim() === '' ? undefined : text;
}

/**
 * QuickBooks uses ":" to separate parent and child in FullName (qbxml.md §4.1), so a name coming from
 * Bitrix24 must not contain one; it becomes "-". Whitespace is collapsed. Pure.
 */
export function qbName(value: string | null | undefined): string {
  return clean((value ?? '').replace(/:/g, '-'));
}

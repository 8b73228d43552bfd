import type { MultiFieldInput, MultiFieldValue } from './bitrix24.types.js';

/** A value we want the record to hold; without VALUE_TYPE any stored type is accepted (new ones get `WORK`). */
export interface DesiredMultiFieldValue {
  readonly VALUE: string;
  readonly VALUE_TYPE?: string;
}

export interface MultiFieldPatchOptions {
  /** How two values are compared; default: trimmed and case-insensitive (e-mail addresses). */
  readonly normalize?: (value: string) => string;
  /** Remove stored values that are not desired (default true: `desired` is the full set). */
  readonly removeOthers?: boolean;
  /** VALUE_TYPE for added values without one (default `WORK`). */
  readonly defaultValueType?: string;
}

const defaultNormalize = (v: string): string => v.trim().toLowerCase();

/**
 * Pure: the `PHONE`/`EMAIL` array for `crm.*.update` that turns `existing` into `desired` without
 * appending duplicates. Bitrix24 treats the array as a patch (bitrix24.md §6.2): entries without
 * `ID` are APPENDED, so sending the desired list as-is would duplicate every value on each sync.
 * Instead: equal values are left alone, changed ones are rewritten in place by ID, surplus stored
 * values are deleted by ID (`DELETE: 'Y'`), and only genuinely new values are appended.
 * Returns `[]` when nothing has to change (callers can then omit the field).
 */
export function buildMultiFieldPatch(
  existing: readonly MultiFieldValue[] | undefined,
  desired: readonly DesiredMultiFieldValue[],
  options: MultiFieldPatchOptions = {},
): MultiFieldInput[] {
  const normalize = options.normalize ?? defaultNormalize;
  const removeOthers = options.removeOthers ?? true;
  const defaultType = options.defaultValueType ?? 'WORK';

  // Desired values, de-duplicated by normalized value; blank values mean nothing.
  const wanted: DesiredMultiFieldValue[] = [];
  const seen = new Set<string>();
  for (const d of desired) {
    const key = normalize(d.VALUE);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    wanted.push({ VALUE: d.VALUE.trim(), ...(d.VALUE_TYPE !== undefined ? { VALUE_TYPE: d.VALUE_TYPE } : {}) });
  }

  const patch: MultiFieldInput[] = [];
  const unusedStored: MultiFieldValue[] = [];
  const matchedWanted = new Set<DesiredMultiFieldValue>();
  const claimed = new Set<string>();

  // 1. Same value already stored: keep it (fix only its VALUE_TYPE). A second stored copy of the
  //    same value is surplus and gets removed below.
  for (const stored of existing ?? []) {
    const key = normalize(stored.VALUE);
    const match = wanted.find((w) => !matchedWanted.has(w) && normalize(w.VALUE) === key);
    if (match === undefined || claimed.has(key)) {
      unusedStored.push(stored);
      continue;
    }
    matchedWanted.add(match);
    claimed.add(key);
    if (match.VALUE_TYPE !== undefined && match.VALUE_TYPE !== stored.VALUE_TYPE) {
      patch.push({ ID: stored.ID, VALUE: stored.VALUE, VALUE_TYPE: match.VALUE_TYPE });
    }
  }

  const toPlace = wanted.filter((w) => !matchedWanted.has(w));
  // 2. Changed values reuse a stored slot (same VALUE_TYPE first) instead of delete + append, which
  //    keeps the value's ID stable for the CRM's own history and links.
  if (removeOthers) {
    for (const w of [...toPlace]) {
      const sameType = unusedStored.findIndex((s) => s.VALUE_TYPE === (w.VALUE_TYPE ?? defaultType));
      const idx = sameType >= 0 ? sameType : w.VALUE_TYPE === undefined ? 0 : -1;
      const slot = idx >= 0 ? unusedStored[idx] : undefined;
      if (slot === undefined) continue;
      unusedStored.splice(idx, 1);
      toPlace.splice(toPlace.indexOf(w), 1);
      patch.push({ ID: slot.ID, VALUE: w.VALUE, VALUE_TYPE: w.VALUE_TYPE ?? slot.VALUE_TYPE });
    }
    for (const w of [...toPlace]) {
      const slot = unusedStored.shift();
      if (slot === undefined) break;
      toPlace.splice(toPlace.indexOf(w), 1);
      patch.push({ ID: slot.ID, VALUE: w.VALUE, VALUE_TYPE: w.VALUE_TYPE ?? slot.VALUE_TYPE });
    }
    // 3. Stored values nobody wants any more.
    for (const s of unusedStored) patch.push({ ID: s.ID, DELETE: 'Y' });
  }
  // 4. Genuinely new values are appended (no ID).
  for (const w of toPlace) patch.push({ VALUE: w.VALUE, VALUE_TYPE: w.VALUE_TYPE ?? defaultType });
  return patch;
}

/** Resolving `…Ref` aggregates (by ListID or FullName) to `{ ListID, FullName }`, or the 3140 status QuickBooks answers. */
import type { FieldObject, FieldValue } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import { type Family, obj, str } from './field-access.js';
import { type QbStatus, status } from './qb-status.js';
import { TYPE_LABEL, refTarget } from './ref-target.js';

/** Resolves a `…Ref` to `{ ListID, FullName }` or returns the 3140 status (qbxml.md §10 item 16). */
export function resolveRef(
  store: CompanyStore,
  refName: string,
  ref: FieldObject,
  ownFamily: Family | null,
  objectName: string,
): { ref: FieldObject } | { status: QbStatus } {
  const target = refTarget(refName, ownFamily);
  const listId = str(ref['ListID']);
  const fullName = str(ref['FullName']);
  if (target === 'Customer' || target === 'Vendor' || target === 'Item') {
    const rec = listId !== undefined ? store.findListById(target, listId) : fullName !== undefined ? store.findByFullName(target, fullName) : undefined;
    if (rec) return { ref: { ListID: rec.ListID, FullName: store.fullName(rec) } };
  } else {
    const entries = store.auxLists[target] ?? [];
    const e = entries.find((x) => (listId !== undefined ? x.ListID === listId : x.FullName.toLowerCase() === (fullName ?? '').toLowerCase()));
    if (e) return { ref: { ListID: e.ListID, FullName: e.FullName } };
  }
  const label = TYPE_LABEL[target] ?? target;
  return {
    status: status(
      3140,
      `There is an invalid reference to QuickBooks ${label} "${fullName ?? listId ?? ''}" in the ${objectName}.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
    ),
  };
}

/** Resolves every `…Ref` in a field tree (recursively); returns the first 3140. */
export function resolveRefs(
  store: CompanyStore,
  fields: FieldObject,
  ownFamily: Family | null,
  objectName: string,
): { fields: FieldObject } | { status: QbStatus } {
  const out: FieldObject = {};
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) {
      const items: FieldValue[] = [];
      for (const item of v) {
        const o = obj(item);
        if (!o) {
          items.push(item);
          continue;
        }
        const r = k.endsWith('Ref') ? resolveRef(store, k, o, ownFamily, objectName) : resolveRefs(store, o, ownFamily, objectName);
        if ('status' in r) return r;
        items.push('ref' in r ? r.ref : r.fields);
      }
      out[k] = items;
      continue;
    }
    const o = obj(v);
    if (!o) {
      out[k] = v;
      continue;
    }
    const r = k.endsWith('Ref') ? resolveRef(store, k, o, ownFamily, objectName) : resolveRefs(store, o, ownFamily, objectName);
    if ('status' in r) return r;
    out[k] = 'ref' in r ? r.ref : r.fields;
  }
  return { fields: out };
}

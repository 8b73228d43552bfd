/** The business rules of list-record writes: Add, Mod and Delete with QuickBooks' 3100/3120/3140/3170/3200 checks. */
import type { DeletedRecord, FieldObject, ListKind, ListRecord } from './company-data.type.js';
import type { CompanyStore, WriteResult } from './company-store.js';
import { familyOf, obj, str } from './field-access.js';
import { mergeListChanges, normaliseListFields } from './list-fields.js';
import { STATUS_OK, status } from './qb-status.js';

/** Adds a list record; `insert` stores it (the store keeps its name index right). */
export function addListRecord(store: CompanyStore, kind: ListKind, input: FieldObject, objectName: string, insert: (rec: ListRecord) => void): WriteResult {
  const family = familyOf(kind);
  const resolved = store.resolveRefs(input, family, objectName);
  if ('status' in resolved) return resolved;
  const fields = normaliseListFields(resolved.fields);
  const name = str(fields['Name']) ?? '';
  const parentId = str(obj(fields['ParentRef'])?.['ListID']);
  if (store.nameTaken(family, name, parentId, undefined)) {
    const parent = parentId === undefined ? undefined : store.lists.get(parentId);
    const full = parent ? `${store.fullName(parent)}:${name}` : name;
    return { status: status(3100, `The name "${full}" of the list element is already in use.`) };
  }
  if (fields['IsActive'] === undefined) fields['IsActive'] = 'true';
  if (kind === 'Customer' && fields['JobStatus'] === undefined) fields['JobStatus'] = 'None';
  const now = store.now();
  const rec: ListRecord = { kind, ListID: store.nextListId(), timeCreated: now, timeModified: now, editSequence: Math.floor(now / 1000), fields };
  insert(rec);
  return { status: STATUS_OK, list: rec };
}

/** Applies a Mod (ListID + EditSequence first) with 3120/3200/3100/3140 checks (qbxml.md §6, §10 item 12). */
export function modListRecord(store: CompanyStore, kinds: readonly ListKind[], input: FieldObject, objectName: string): WriteResult {
  const listId = str(input['ListID']) ?? '';
  const rec = store.lists.get(listId);
  if (!rec || !kinds.includes(rec.kind))
    return {
      status: status(
        3120,
        `Object "${listId}" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
      ),
    };
  const es = str(input['EditSequence']) ?? '';
  if (es !== String(rec.editSequence)) return { status: status(3200, `The provided edit sequence "${es}" is out-of-date. `), list: rec };
  const family = familyOf(rec.kind);
  const { ListID: _l, EditSequence: _e, ...changes } = input;
  const resolved = store.resolveRefs(changes, family, objectName);
  if ('status' in resolved) return resolved;
  const fields = normaliseListFields(resolved.fields);
  const newName = str(fields['Name']) || (str(rec.fields['Name']) ?? '');
  const newParent = fields['ParentRef'] !== undefined ? str(obj(fields['ParentRef'])?.['ListID']) : str(obj(rec.fields['ParentRef'])?.['ListID']);
  if (newParent !== undefined && isDescendantOrSelf(store, newParent, rec.ListID)) {
    return {
      status: status(
        3140,
        `There is an invalid reference to QuickBooks ${family} "${newParent}" in the ${objectName}.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
      ),
    };
  }
  if (store.nameTaken(family, newName, newParent, rec.ListID)) return { status: status(3100, `The name "${newName}" is already taken.`) };
  mergeListChanges(rec.fields, fields);
  store.touch(rec);
  return { status: STATUS_OK, list: rec };
}

function isDescendantOrSelf(store: CompanyStore, candidateId: string, ancestorId: string): boolean {
  for (let cur = store.lists.get(candidateId), n = 0; cur && n < 10; cur = store.parentOf(cur), n++) if (cur.ListID === ancestorId) return true;
  return false;
}

/** Deletes an unused list record and records it for ListDeletedQuery. */
export function deleteListRecord(store: CompanyStore, kind: ListKind, listId: string): WriteResult & { deleted?: DeletedRecord } {
  const rec = store.lists.get(listId);
  if (!rec || rec.kind !== kind) return { status: status(3120, `Object "${listId}" specified in the request cannot be found.`) };
  const hasChildren = [...store.lists.values()].some((r) => str(obj(r.fields['ParentRef'])?.['ListID']) === listId);
  const used = [...store.txns.values()].some(
    (t) => str(obj(t.fields['CustomerRef'])?.['ListID']) === listId || t.lines.some((l) => str(obj(l.fields['ItemRef'])?.['ListID']) === listId),
  );
  // QuickBooks refuses to delete a name that has transactions or sub-items (qbxml.md §5.4; code unconfirmed).
  if (hasChildren || used)
    return {
      status: status(
        3170,
        `There was an error when deleting a ${kind} list, element "${store.fullName(rec)}". QuickBooks error message: This object cannot be deleted because it is used.`,
      ),
    };
  const del: DeletedRecord = {
    type: kind,
    id: listId,
    isTxn: false,
    timeCreated: rec.timeCreated,
    timeDeleted: store.now(),
    name: store.fullName(rec),
  };
  store.lists.delete(listId);
  store.deleted.push(del);
  store.changed();
  return { status: STATUS_OK, deleted: del };
}

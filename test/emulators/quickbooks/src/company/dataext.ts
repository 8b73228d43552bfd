import type { XmlElement } from '../xml/xml-element.type.js';
import { formatQbDateTime } from '../time/local-time.js';
import type { DataExtDef, FieldObject, ListRecord, TxnLine, TxnRecord } from './company-data.type.js';
import { type CompanyStore, type Family, arr, familyOf, obj, str } from './company-store.js';
import { type QbStatus, NO_MATCH, STATUS_OK, status } from './qb-status.js';
import type { QuickBooksVariants } from './variants.type.js';

export interface DataExtOutcome {
  readonly status: QbStatus;
  readonly rets: readonly { readonly name: string; readonly fields: FieldObject }[];
}

/** Where a DataExt value lives: a list record, a transaction, or one line of it. */
interface Target {
  readonly objectType: string;
  readonly holder: { fields: FieldObject };
  readonly parent: ListRecord | TxnRecord;
  readonly echo: FieldObject;
}

const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
const text = (el: XmlElement | undefined, name: string): string | undefined => child(el, name)?.text;
const LIST_FAMILY: Readonly<Record<string, Family>> = { Customer: 'Customer', Vendor: 'Vendor', Item: 'Item' };

/** DataExtDef and DataExt requests: definitions, values on records and lines (qbxml.md §4.10). */
export class DataExtOps {
  constructor(
    private readonly store: CompanyStore,
    private readonly variants: () => QuickBooksVariants,
  ) {}

  /** DataExtDefQuery: by OwnerID+ or AssignToObject+ (no filters, no iterator; §4.10). */
  defQuery(rq: XmlElement): DataExtOutcome {
    const owners = rq.children.filter((c) => c.name === 'OwnerID').map((c) => c.text);
    const objects = rq.children.filter((c) => c.name === 'AssignToObject').map((c) => c.text);
    const defs = this.store.dataExtDefs.filter(
      (d) => (owners.length === 0 || owners.includes(d.OwnerID)) && (objects.length === 0 || d.AssignToObject.some((o) => objects.includes(o))),
    );
    return { status: defs.length ? STATUS_OK : NO_MATCH, rets: defs.map((d) => ({ name: 'DataExtDefRet', fields: defRet(d) })) };
  }

  /** DataExtDefAdd; a second definition of the same name for the same owner is refused with 3100 (code unconfirmed). */
  defAdd(body: XmlElement): DataExtOutcome {
    const def = this.define(
      text(body, 'OwnerID') ?? '0',
      text(body, 'DataExtName') ?? '',
      text(body, 'DataExtType') ?? 'STR255TYPE',
      body.children.filter((c) => c.name === 'AssignToObject').map((c) => c.text),
    );
    return 'code' in def ? { status: def, rets: [] } : { status: STATUS_OK, rets: [{ name: 'DataExtDefRet', fields: defRet(def) }] };
  }

  define(ownerId: string, name: string, type: string, assignTo: readonly string[]): DataExtDef | QbStatus {
    if (this.findDef(ownerId, name)) return status(3100, `The name "${name}" of the list element is already in use.`);
    const ids = this.store.dataExtDefs.map((d) => Number(d.DataExtID));
    const def: DataExtDef = {
      OwnerID: ownerId,
      DataExtID: String(Math.max(0, ...ids) + 1),
      DataExtName: name,
      DataExtType: type,
      AssignToObject: [...assignTo],
    };
    this.store.dataExtDefs.push(def);
    return def;
  }

  /** DataExtAdd / DataExtMod / DataExtDel (`op`) on the aggregate `body`. */
  write(op: 'Add' | 'Mod' | 'Del', body: XmlElement): DataExtOutcome {
    const ownerId = text(body, 'OwnerID') ?? '0';
    const name = text(body, 'DataExtName') ?? '';
    const target = this.target(body);
    if ('code' in target) return { status: target, rets: [] };
    const def = this.findDef(ownerId, name);
    if (!def || !appliesTo(def, target.objectType)) {
      const v = this.variants().dataExtUndefinedStatus;
      return { status: status(v, `There is an invalid reference to QuickBooks DataExt "${name}" in the ${target.objectType}.`), rets: [] };
    }
    const values = arr(target.holder.fields['DataExtRet']).map((v) => obj(v) ?? {});
    const idx = values.findIndex((v) => str(v['OwnerID']) === ownerId && str(v['DataExtName']) === name);
    const value = text(body, 'DataExtValue') ?? '';
    if (op === 'Add' && idx >= 0)
      // 3180 on DataExtAdd when a value exists ([CB] Errors.php: "value already exists"; qbxml.md §4.10).
      return {
        status: status(3180, `There was an error when saving a data extension named "${name}". QuickBooks error message: The data extension already exists.`),
        rets: [],
      };
    if (op !== 'Add' && idx < 0) return { status: status(3120, `Object "${name}" specified in the request cannot be found.`), rets: [] };
    // DataExtMod cannot clear a value; DataExtDel does (§4.10). The status for an empty Mod is unconfirmed.
    if (op === 'Mod' && value === '')
      return {
        status: status(3180, `There was an error when saving a data extension named "${name}". QuickBooks error message: Use DataExtDel to clear a value.`),
        rets: [],
      };
    if (op !== 'Del' && ownerId === '0' && value.length > 30 && this.variants().customFieldOver30 === 'reject')
      return { status: status(3070, `The string "${value}" in the field "DataExtValue" is too long.`), rets: [] };
    const ret: FieldObject = { OwnerID: ownerId, DataExtName: name, DataExtType: def.DataExtType, DataExtValue: value };
    if (op === 'Del') values.splice(idx, 1);
    else if (idx >= 0) values[idx] = ret;
    else values.push(ret);
    if (values.length) target.holder.fields['DataExtRet'] = values;
    else delete target.holder.fields['DataExtRet'];
    // Add and Mod raise a Modify event on the parent and move its TimeModified and EditSequence (§4.10);
    // DataExtDel is assumed to do the same (unconfirmed).
    this.store.touch(target.parent);
    if (op !== 'Del') return { status: STATUS_OK, rets: [{ name: 'DataExtRet', fields: ret }] };
    const del: FieldObject = { OwnerID: ownerId, DataExtName: name, ...target.echo, TimeDeleted: formatQbDateTime(this.store.now(), this.store.zone) };
    return { status: STATUS_OK, rets: [{ name: 'DataExtDelRet', fields: del }] };
  }

  /** Sets a value as a user would in the QuickBooks UI (no Add/Mod distinction); touches the parent. */
  userSet(parent: ListRecord | TxnRecord, line: TxnLine | undefined, ownerId: string, name: string, value: string): QbStatus {
    const objectType = 'ListID' in parent ? listObjectType(parent) : line ? 'Item' : parent.kind;
    const def = this.findDef(ownerId, name);
    if (!def || !appliesTo(def, objectType)) return status(this.variants().dataExtUndefinedStatus, `DataExt "${name}" is not defined for ${objectType}.`);
    const holder = line ?? parent;
    const values = arr(holder.fields['DataExtRet'])
      .map((v) => obj(v) ?? {})
      .filter((v) => !(str(v['OwnerID']) === ownerId && str(v['DataExtName']) === name));
    if (value !== '') values.push({ OwnerID: ownerId, DataExtName: name, DataExtType: def.DataExtType, DataExtValue: value });
    if (values.length) holder.fields['DataExtRet'] = values;
    else delete holder.fields['DataExtRet'];
    this.store.touch(parent);
    return STATUS_OK;
  }

  private findDef(ownerId: string, name: string): DataExtDef | undefined {
    return this.store.dataExtDefs.find((d) => d.OwnerID === ownerId && d.DataExtName.toLowerCase() === name.toLowerCase());
  }

  private target(body: XmlElement): Target | QbStatus {
    const listType = text(body, 'ListDataExtType');
    if (listType !== undefined) {
      const ref = child(body, 'ListObjRef');
      const listId = text(ref, 'ListID');
      const fullName = text(ref, 'FullName');
      const family = LIST_FAMILY[listType];
      const rec =
        family === undefined ? undefined : listId !== undefined ? this.store.findListById(family, listId) : this.store.findByFullName(family, fullName ?? '');
      if (!rec) return status(3120, `Object "${listId ?? fullName ?? ''}" specified in the request cannot be found.`);
      return {
        objectType: listType,
        holder: rec,
        parent: rec,
        echo: { ListDataExtType: listType, ListObjRef: { ListID: rec.ListID, FullName: this.store.fullName(rec) } },
      };
    }
    const txnType = text(body, 'TxnDataExtType');
    if (txnType !== undefined) {
      const txnId = text(body, 'TxnID') ?? '';
      const txn = this.store.txns.get(txnId);
      if (!txn || txn.kind !== txnType) return status(3120, `Object "${txnId}" specified in the request cannot be found.`);
      const lineId = text(body, 'TxnLineID');
      const echo: FieldObject = { TxnDataExtType: txnType, TxnID: txnId, ...(lineId ? { TxnLineID: lineId } : {}) };
      if (lineId === undefined) return { objectType: txnType, holder: txn, parent: txn, echo };
      const line = txn.lines.find((l) => l.TxnLineID === lineId);
      if (!line) return status(3120, `Object "${lineId}" specified in the request cannot be found.`);
      // Item-level custom fields are defined on Item and show on transaction lines (§4.10).
      return { objectType: 'Item', holder: line, parent: txn, echo };
    }
    return status(3120, 'Company-level data extensions (OtherDataExtType) are not modelled by the emulator.');
  }
}

function listObjectType(rec: ListRecord): string {
  return familyOf(rec.kind);
}

function appliesTo(def: DataExtDef, objectType: string): boolean {
  return def.AssignToObject.includes(objectType);
}

/** DataExtDefRet with the three v11 elements the 13.0 XSD requires (qbxml.md §8.11). */
function defRet(d: DataExtDef): FieldObject {
  return {
    OwnerID: d.OwnerID,
    DataExtID: d.DataExtID,
    DataExtName: d.DataExtName,
    DataExtType: d.DataExtType,
    AssignToObject: [...d.AssignToObject],
    DataExtListRequire: 'false',
    DataExtTxnRequire: 'false',
    DataExtFormatString: '',
  };
}

/** Keeps only the DataExtRet of the requested owners on a Ret and its lines; private data never shows on lines (§4.10). */
export function filterDataExt(ret: FieldObject, ownerIds: readonly string[]): FieldObject {
  const out: FieldObject = {};
  for (const [k, v] of Object.entries(ret)) {
    if (k === 'DataExtRet') {
      const kept = arr(v).filter((d) => ownerIds.includes(str(obj(d)?.['OwnerID']) ?? '0'));
      if (kept.length) out[k] = kept;
    } else if (k.endsWith('LineRet')) {
      out[k] = arr(v).map((l) => {
        const line = obj(l) ?? {};
        const lineOwners = ownerIds.filter((o) => o === '0');
        return filterDataExt(line, lineOwners);
      });
    } else out[k] = v;
  }
  return out;
}

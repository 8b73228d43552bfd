/** The company file's JSON form: writing a company's state to CompanyFileJson and loading it back into a store. */
import type { CompanyClock } from '../time/company-clock.js';
import type { CompanyFileJson, CompanyPreferences, ListRecord, TxnRecord } from './company-data.type.js';
import { LIST_KINDS, TXN_KINDS } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';

/** The company settings saved next to the store's records. */
interface CompanyHeader {
  readonly companyName: string;
  readonly companyFilePath: string;
  readonly timeZone: string;
  readonly clock: CompanyClock;
  readonly preferences: CompanyPreferences;
}

export function companyToJson(company: CompanyHeader, store: CompanyStore): CompanyFileJson {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    format: 'qb-b24-quickbooks-emulator/1',
    companyName: company.companyName,
    companyFilePath: company.companyFilePath,
    timeZone: company.timeZone,
    now: company.clock.now().toISOString(),
    preferences: company.preferences,
    counters: { ...store.counters },
    auxLists: store.auxLists,
    lists: [...store.lists.values()].map((r) => ({
      kind: r.kind,
      ListID: r.ListID,
      TimeCreated: iso(r.timeCreated),
      TimeModified: iso(r.timeModified),
      EditSequence: String(r.editSequence),
      fields: r.fields,
    })),
    txns: [...store.txns.values()].map((t) => ({
      kind: t.kind,
      TxnID: t.TxnID,
      TxnNumber: t.TxnNumber,
      TimeCreated: iso(t.timeCreated),
      TimeModified: iso(t.timeModified),
      EditSequence: String(t.editSequence),
      fields: t.fields,
      lines: t.lines,
      appliedCents: t.appliedCents,
      ...(t.filterModified !== undefined ? { filterModified: t.filterModified } : {}),
    })),
    // Omitted when empty, so company files written before these existed stay byte-identical.
    ...(store.dataExtDefs.length ? { dataExtDefs: store.dataExtDefs } : {}),
    ...(store.links.length ? { links: store.links } : {}),
    deleted: store.deleted.map((d) => ({
      type: d.type,
      id: d.id,
      isTxn: d.isTxn,
      TimeCreated: iso(d.timeCreated),
      TimeDeleted: iso(d.timeDeleted),
      name: d.name,
    })),
  };
}

/** Loads the records of a company file into an empty store. Throws on an unknown list or transaction kind. */
export function restoreStore(store: CompanyStore, json: CompanyFileJson): void {
  const ms = (s: string): number => new Date(s).getTime();
  store.counters = { ...json.counters };
  store.auxLists = Object.fromEntries(Object.entries(json.auxLists).map(([k, v]) => [k, [...v]]));
  for (const r of json.lists) {
    if (!LIST_KINDS.includes(r.kind)) throw new Error(`unknown list kind ${r.kind}`);
    const rec: ListRecord = {
      kind: r.kind,
      ListID: r.ListID,
      timeCreated: ms(r.TimeCreated),
      timeModified: ms(r.TimeModified),
      editSequence: Number(r.EditSequence),
      fields: structuredClone(r.fields),
    };
    store.lists.set(rec.ListID, rec);
  }
  for (const t of json.txns) {
    if (!TXN_KINDS.includes(t.kind)) throw new Error(`unknown transaction kind ${t.kind}`);
    const rec: TxnRecord = {
      kind: t.kind,
      TxnID: t.TxnID,
      TxnNumber: t.TxnNumber,
      timeCreated: ms(t.TimeCreated),
      timeModified: ms(t.TimeModified),
      editSequence: Number(t.EditSequence),
      fields: structuredClone(t.fields),
      lines: structuredClone(t.lines),
      appliedCents: t.appliedCents,
      ...(t.filterModified !== undefined ? { filterModified: t.filterModified } : {}),
    };
    store.txns.set(rec.TxnID, rec);
  }
  store.dataExtDefs = structuredClone([...(json.dataExtDefs ?? [])]);
  store.links = structuredClone([...(json.links ?? [])]);
  for (const d of json.deleted)
    store.deleted.push({ type: d.type, id: d.id, isTxn: d.isTxn, timeCreated: ms(d.TimeCreated), timeDeleted: ms(d.TimeDeleted), name: d.name });
  store.changed();
}

export function isCompanyFileJson(v: unknown): v is CompanyFileJson {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { format?: unknown }).format === 'qb-b24-quickbooks-emulator/1' &&
    Array.isArray((v as { lists?: unknown }).lists) &&
    Array.isArray((v as { txns?: unknown }).txns)
  );
}

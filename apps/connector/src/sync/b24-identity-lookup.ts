import type { BatchCommand, Bitrix24Client, Bitrix24Params, MultiFieldValue } from '@qb-b24/bitrix24-client';
import { ExistingIndex, type ExistingRecord } from './b24-existing-index.js';
import type { UpsertSpec } from './b24-upsert.service.js';

/** A product's XML_ID carries the QuickBooks ListID (INTERFACE.md "Default mapping"). */
export const xmlIdOf = (listId: string): string => `QB_${listId}`;

/**
 * The Bitrix24 records that carry these QuickBooks ids (ORIGIN_ID under our ORIGINATOR_ID, or XML_ID): how a
 * record whose create was applied but never answered, or whose mapping row was lost, is found again instead of
 * being created twice. One batch of list calls, 50 ids each. Throws Bitrix24Error when the batch fails.
 */
export async function findByIdentity(client: Bitrix24Client, spec: UpsertSpec, qbIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const cmds: Record<string, BatchCommand> = {};
  for (let i = 0; i < qbIds.length; i += 50) {
    const slice = qbIds.slice(i, i + 50);
    const filter: Bitrix24Params =
      spec.identity === 'xmlId' ? { '@XML_ID': slice.map(xmlIdOf) } : { ORIGINATOR_ID: spec.originatorId, '@ORIGIN_ID': [...slice] };
    cmds[`l${i}`] = { method: `crm.${spec.b24Entity}.list`, params: { filter, select: ['ID', 'ORIGIN_ID', 'XML_ID'], order: { ID: 'ASC' }, start: -1 } };
  }
  const res = await client.batch(cmds);
  for (const value of res.results.values()) {
    if (!Array.isArray(value)) continue;
    for (const r of value as Record<string, unknown>[]) {
      const key = spec.identity === 'xmlId' ? String(r['XML_ID'] ?? '').replace(/^QB_/, '') : String(r['ORIGIN_ID'] ?? '');
      if (key !== '' && !out.has(key)) out.set(key, String(r['ID']));
    }
  }
  return out;
}

/**
 * Every existing record of the entity, for a first import: matched by identity first, then by e-mail, phone or
 * name (ExistingIndex). Reads the whole list through paging. Throws Bitrix24Error when a page fails.
 */
export async function loadExistingIndex(client: Bitrix24Client, spec: UpsertSpec): Promise<ExistingIndex> {
  const records: ExistingRecord[] = [];
  const withComm = spec.b24Entity === 'contact' || spec.b24Entity === 'company';
  const select = ['ID', 'NAME', 'LAST_NAME', 'TITLE', 'ORIGINATOR_ID', 'ORIGIN_ID', 'XML_ID', ...(withComm ? ['EMAIL', 'PHONE'] : [])];
  for await (const r of client.listAll<Record<string, unknown>>(`crm.${spec.b24Entity}.list`, { select })) {
    records.push({
      id: String(r['ID']),
      originatorId: str(r['ORIGINATOR_ID']),
      originId: str(r['ORIGIN_ID']),
      xmlId: str(r['XML_ID']),
      name: spec.b24Entity === 'contact' ? `${str(r['NAME'])} ${str(r['LAST_NAME'])}`.trim() : str(r['TITLE']) || str(r['NAME']),
      emails: multiOf(r['EMAIL']).map((m) => m.VALUE),
      phones: multiOf(r['PHONE']).map((m) => m.VALUE),
    });
  }
  return new ExistingIndex(records, spec.originatorId);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** A multi-field (EMAIL, PHONE) as Bitrix24 returns it, read defensively. */
export function multiOf(v: unknown): MultiFieldValue[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    .map((x) => ({ ID: str(x['ID']), VALUE: str(x['VALUE']), VALUE_TYPE: str(x['VALUE_TYPE']) || 'WORK', TYPE_ID: str(x['TYPE_ID']) }));
}

/** The multi-field values we want written, from our own params. */
export function desiredMulti(v: unknown): { VALUE: string; VALUE_TYPE?: string }[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    .map((x) => ({ VALUE: str(x['VALUE']), ...(str(x['VALUE_TYPE']) ? { VALUE_TYPE: str(x['VALUE_TYPE']) } : {}) }));
}

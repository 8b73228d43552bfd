import type { BatchCommand, Bitrix24Client, Bitrix24Params } from '@qb-b24/bitrix24-client';
import type { UpsertSpec } from '../b24-upsert.service.js';
import type { ExistingIndex } from '../b24-existing-index.js';
import { loadExistingIndex, xmlIdOf } from '../b24-identity-lookup.js';

/** 50 rows per list call (bitrix24.md §4). */
const CHUNK = 50;

/**
 * The dry run's only way to Bitrix24: list and get methods only (product rows in batches of gets), so a call log
 * shows that nothing was written. Throws Bitrix24Error when a call fails.
 */
export class B24RecordReader {
  constructor(private readonly client: Bitrix24Client) {}

  /** The records with these ids as they are now, by id (a missing id was deleted in Bitrix24). */
  async records(b24Entity: string, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const select = b24Entity === 'contact' || b24Entity === 'company' ? ['*', 'UF_*', 'EMAIL', 'PHONE'] : b24Entity === 'product' ? ['*'] : ['*', 'UF_*'];
    const out = new Map<string, Record<string, unknown>>();
    for (const r of await this.list(`crm.${b24Entity}.list`, { '@ID': [...ids] }, select, ids)) out.set(String(r['ID']), r);
    return out;
  }

  /** Deals' product rows as they are now, by deal id: one batch of crm.deal.productrows.get per 50 deals. */
  async productRows(dealIds: readonly string[]): Promise<Map<string, Record<string, unknown>[]>> {
    const out = new Map<string, Record<string, unknown>[]>();
    for (let i = 0; i < dealIds.length; i += CHUNK) {
      const slice = dealIds.slice(i, i + CHUNK);
      const cmds: Record<string, BatchCommand> = {};
      slice.forEach((id, j) => (cmds[`p${j}`] = { method: 'crm.deal.productrows.get', params: { id } }));
      const res = await this.client.batch(cmds);
      const failed = [...res.errors.values()][0];
      if (failed) throw failed;
      slice.forEach((id, j) => {
        const rows = res.results.get(`p${j}`);
        out.set(id, Array.isArray(rows) ? rows.filter(isRecord) : []);
      });
    }
    return out;
  }

  /** Records that carry these QuickBooks ids (as B24UpsertService.findByIdentity finds them before a create). */
  async byIdentity(spec: UpsertSpec, qbIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const filterOf = (slice: readonly string[]): Bitrix24Params =>
      spec.identity === 'xmlId' ? { '@XML_ID': slice.map(xmlIdOf) } : { ORIGINATOR_ID: spec.originatorId, '@ORIGIN_ID': [...slice] };
    for (const r of await this.list(`crm.${spec.b24Entity}.list`, null, ['ID', 'ORIGIN_ID', 'XML_ID'], qbIds, filterOf)) {
      const key = spec.identity === 'xmlId' ? String(r['XML_ID'] ?? '').replace(/^QB_/, '') : String(r['ORIGIN_ID'] ?? '');
      if (key !== '' && !out.has(key)) out.set(key, String(r['ID']));
    }
    return out;
  }

  /** Every record of the entity, for a first import's matching (list pages only). */
  existingIndex(spec: UpsertSpec): Promise<ExistingIndex> {
    return loadExistingIndex(this.client, spec);
  }

  private async list(
    method: string,
    filter: Bitrix24Params | null,
    select: readonly string[],
    keys: readonly string[],
    filterOf?: (slice: readonly string[]) => Bitrix24Params,
  ): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const slice = keys.slice(i, i + CHUNK);
      const f = filterOf ? filterOf(slice) : { ...filter, '@ID': [...slice] };
      const res = await this.client.call<unknown>(method, { filter: f, select: [...select], order: { ID: 'ASC' }, start: -1 });
      if (Array.isArray(res.result)) rows.push(...res.result.filter(isRecord));
    }
    return rows;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

import { Injectable } from '@nestjs/common';
import { Bitrix24Error } from '@qb-b24/bitrix24-client';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { planSearch, toSearchHit, type SearchHit } from './record-search.js';
import { ReconcileError } from './reconcile.error.js';

const MAX_HITS = 25;

/**
 * Finds records by name, e-mail or RefNumber. The connector keeps no names (only ids), so it asks Bitrix24, where
 * every synced record lives; one list page per plan entry, no retries (a person is waiting).
 */
@Injectable()
export class RecordSearchService {
  constructor(private readonly connection: Bitrix24Connection) {}

  /** Throws ReconcileError (503) when Bitrix24 is not configured or does not answer. */
  async search(q: string): Promise<SearchHit[]> {
    const base = this.connection.client;
    if (!base) throw new ReconcileError('BITRIX24_NOT_CONFIGURED', 'Bitrix24 is not connected yet (see /setup): search looks there.');
    const client = base.withBudget({ maxRetries: 0, timeoutMs: 10_000 });
    const hits = new Map<string, SearchHit>();
    try {
      for (const plan of planSearch(q)) {
        const page = await client.call<unknown>(`crm.${plan.entity}.list`, { filter: plan.filter, select: [...plan.select], order: { ID: 'DESC' } });
        const rows = Array.isArray(page.result) ? page.result : [];
        for (const row of rows) {
          if (typeof row !== 'object' || row === null) continue;
          const hit = toSearchHit(plan.entity, row as Record<string, unknown>);
          if (hit.b24Id !== '') hits.set(`${hit.b24Entity}:${hit.b24Id}`, hit);
        }
        if (hits.size >= MAX_HITS) break;
      }
    } catch (err) {
      if (!(err instanceof Bitrix24Error)) throw err;
      throw new ReconcileError('BITRIX24_UNAVAILABLE', `Bitrix24 could not be searched (${err.code}). Check that the portal is reachable and try again.`);
    }
    return [...hits.values()].slice(0, MAX_HITS);
  }
}

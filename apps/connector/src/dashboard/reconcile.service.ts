import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DEFAULT_MAPPING_OPTIONS } from '@qb-b24/sync-core';
import type { Bitrix24Client } from '@qb-b24/bitrix24-client';
import { BITRIX24_CLIENT } from '../bitrix/bitrix.tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingQueryService } from '../mapping/id-mapping-query.service.js';
import type { MappedRecord } from '../mapping/id-mapping.type.js';
import { buildReconcileReport, moneyToCents, type B24Scan, type ReconcileReport } from './reconcile-report.js';

const SCANNED = ['contact', 'company', 'product', 'deal'] as const;
type Scanned = (typeof SCANNED)[number];

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * Counts in the connector (our links) against live Bitrix24 counts. One id-only scan per entity with batched
 * paging (50 pages a call), so a 10 000-contact portal costs a handful of calls.
 */
@Injectable()
export class ReconcileService {
  constructor(
    private readonly mappings: IdMappingQueryService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BITRIX24_CLIENT) private readonly b24: Bitrix24Client | null,
  ) {}

  async report(): Promise<ReconcileReport> {
    const client = this.b24;
    if (!client) throw new ServiceUnavailableException('Bitrix24 is not configured (BITRIX24_WEBHOOK_URL): nothing to reconcile against.');
    const mapped = new Map<string, readonly MappedRecord[]>();
    const scans: B24Scan[] = [];
    for (const entity of SCANNED) {
      mapped.set(entity, await this.mappings.mappedRecords(entity));
      scans.push(await this.scan(client, entity));
    }
    return buildReconcileReport(this.clock.now(), mapped, scans);
  }

  private async scan(client: Bitrix24Client, entity: Scanned): Promise<B24Scan> {
    const origin = DEFAULT_MAPPING_OPTIONS.originatorId;
    const select = entity === 'product' ? ['ID', 'XML_ID'] : entity === 'deal' ? ['ID', 'ORIGINATOR_ID', 'OPPORTUNITY'] : ['ID', 'ORIGINATOR_ID'];
    const ids = new Set<string>();
    let ours = 0;
    let cents: number | null = entity === 'deal' ? 0 : null;
    for await (const rec of client.listAllBatched<Readonly<Record<string, unknown>>>(`crm.${entity}.list`, { select })) {
      ids.add(text(rec['ID']));
      const isOurs = entity === 'product' ? text(rec['XML_ID']).startsWith('QB_') : text(rec['ORIGINATOR_ID']) === origin;
      if (!isOurs) continue;
      ours += 1;
      const amount = text(rec['OPPORTUNITY']);
      if (cents !== null && amount !== '') cents += moneyToCents(amount);
    }
    return { b24Entity: entity, ids, fromQuickBooks: ours, amountCents: cents };
  }
}

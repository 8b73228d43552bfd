import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_MAPPING_OPTIONS } from '@qb-b24/sync-core';
import { Bitrix24Error, type Bitrix24Client } from '@qb-b24/bitrix24-client';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingQueryService } from '../mapping/id-mapping-query.service.js';
import type { MappedRecord } from '../mapping/id-mapping.type.js';
import { buildReconcileReport, moneyToCents, type B24Scan, type ReconcileReport } from './reconcile-report.js';
import { RECONCILE_BUDGET, type ReconcileBudget } from './reconcile-budget.js';
import { ReconcileError } from './reconcile.error.js';

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
    private readonly connection: Bitrix24Connection,
    @Inject(RECONCILE_BUDGET) private readonly budget: ReconcileBudget,
  ) {}

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get b24(): Bitrix24Client | null {
    return this.connection.client;
  }

  /** Throws ReconcileError (503) when Bitrix24 is not configured, fails, or the budget's deadline passes. */
  async report(): Promise<ReconcileReport> {
    if (!this.b24) throw new ReconcileError('BITRIX24_NOT_CONFIGURED', 'Bitrix24 is not configured (BITRIX24_WEBHOOK_URL): nothing to reconcile against.');
    // Its own budget: no retries and a short timeout per call, so the sync's client is left as it is.
    const client = this.b24.withBudget({ maxRetries: 0, timeoutMs: this.budget.callTimeoutMs });
    const abandoned = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // A real timer, not CLOCK: this bounds network waiting, which the fake clock in tests does not drive.
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        abandoned.abort();
        reject(
          new ReconcileError(
            'BITRIX24_TOO_SLOW',
            `Bitrix24 did not answer the reconcile scan within ${this.budget.deadlineMs / 1000} s; nothing was compared. Check that the portal is reachable and try again.`,
          ),
        );
      }, this.budget.deadlineMs);
    });
    try {
      return await Promise.race([this.compare(client, abandoned.signal), deadline]);
    } catch (err) {
      if (!(err instanceof Bitrix24Error)) throw err;
      throw new ReconcileError(
        'BITRIX24_UNAVAILABLE',
        `Bitrix24 could not be read for the reconcile (${err.code}: ${err.message}); nothing was compared. Check that the portal is reachable and try again.`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private async compare(client: Bitrix24Client, abandoned: AbortSignal): Promise<ReconcileReport> {
    const mapped = new Map<string, readonly MappedRecord[]>();
    const scans: B24Scan[] = [];
    for (const entity of SCANNED) {
      if (abandoned.aborted) break;
      mapped.set(entity, await this.mappings.mappedRecords(entity));
      scans.push(await this.scan(client, entity, abandoned));
    }
    return buildReconcileReport(this.clock.now(), mapped, scans);
  }

  private async scan(client: Bitrix24Client, entity: Scanned, abandoned: AbortSignal): Promise<B24Scan> {
    const origin = DEFAULT_MAPPING_OPTIONS.originatorId;
    const select = entity === 'product' ? ['ID', 'XML_ID'] : entity === 'deal' ? ['ID', 'ORIGINATOR_ID', 'OPPORTUNITY'] : ['ID', 'ORIGINATOR_ID'];
    const ids = new Set<string>();
    let ours = 0;
    let cents: number | null = entity === 'deal' ? 0 : null;
    for await (const rec of client.listAllBatched<Readonly<Record<string, unknown>>>(`crm.${entity}.list`, { select })) {
      // After the deadline nobody reads the answer: stop paging instead of scanning on in the background.
      if (abandoned.aborted) break;
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

import { Inject, Injectable } from '@nestjs/common';
import type { QbxmlResponse, SalesOrderRet } from '@qb-b24/qbxml';
import { fingerprint, salesOrderDone, salesOrderToDeal, type DealLinks, type DealPlan, type MappingOptions, type MappingRules } from '@qb-b24/sync-core';
import { Bitrix24Connection } from '../../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { MAPPING_RULES } from '../../config/mapping-rules.tokens.js';
import { SyncJournalRepository } from '../sync-journal.repository.js';
import { DealQbWriter, documentLocked, fromDealFields, readBackState } from './deal-qb-writer.js';
import type { UpsertCandidate } from '../b24-upsert.service.js';
import { resolveDealLinks } from '../deal-links.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import { orderDealView } from './shared-deal-state.js';
import { TxnDealServices } from './txn-deal-services.js';
import { TxnDealStrategy } from './txn-deal-strategy.base.js';

/**
 * QuickBooks sales orders → Bitrix24 deals, lines as product rows. The deal stays in the sales order stage until the
 * order is fully invoiced (or closed by hand); the invoices made from it share the deal (deal-sharing.ts), and from
 * then on its stage follows them: paid only when every invoice is paid.
 */
@Injectable()
export class SalesOrderSyncStrategy extends TxnDealStrategy<SalesOrderRet> {
  static readonly descriptor = {
    kind: 'salesOrder',
    b24Entities: ['deal'],
    // Won deals → QuickBooks (toQuickBooks.deals; DealQbWriter decides, and does nothing while it is off).
    b24Sources: [{ entity: 'deal', dateField: 'DATE_MODIFY' }],
  } as const satisfies StrategyDescriptor;
  readonly descriptor = SalesOrderSyncStrategy.descriptor;
  readonly entity = SalesOrderSyncStrategy.descriptor.kind;
  readonly retType = 'salesOrder' as const;
  readonly deletedTypes = { kind: 'txn', types: ['SalesOrder'] } as const;
  protected override readonly includeLinkedTxns = true;

  constructor(
    services: TxnDealServices,
    journal: SyncJournalRepository,
    @Inject(CLOCK) clock: Clock,
    connection: Bitrix24Connection,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
  ) {
    super(services);
    this.toQuickBooks = new DealQbWriter(services.mappings, journal, clock, connection, rules.toQuickBooks.deals);
  }
  readonly toQuickBooks: DealQbWriter;

  protected queryKind(): 'SalesOrderQuery' {
    return 'SalesOrderQuery';
  }
  protected rets(response: QbxmlResponse): readonly SalesOrderRet[] | undefined {
    return response.retType === 'salesOrder' ? response.rets : undefined;
  }

  /** An order with no invoice known yet; overrides adds the invoices its deal is shared with. */
  protected toDeal(txn: SalesOrderRet, links: DealLinks, options: MappingOptions): DealPlan {
    return salesOrderToDeal(txn, [], options, links);
  }

  /**
   * Every order is written with the pay states of the invoices sharing its deal, and remembers whether it expects
   * more invoices (part of the fingerprint, so a change of it is always recorded).
   */
  protected override async overrides(txns: readonly SalesOrderRet[], _adopt: unknown, options: MappingOptions): Promise<ReadonlyMap<string, UpsertCandidate>> {
    const out = new Map<string, UpsertCandidate>();
    if (txns.length === 0) return out;
    const linksFor = await resolveDealLinks(this.mappings, txns);
    const own = await this.mappings.findByQbIds(
      'salesOrder',
      'deal',
      txns.map((t) => t.TxnID),
    );
    for (const order of txns) {
      const link = own.get(order.TxnID);
      const live = link !== undefined && link.status !== 'deleted' ? link : undefined;
      const fromDeal = live === undefined ? undefined : fromDealFields(live.baseJson, order.TxnID, this.rules.toQuickBooks.deals.txnIdField);
      if (fromDeal !== undefined) {
        // No EditSequence: the version read back is the one our Add made, which must still write the TxnID field. Once
        // the order is invoiced or closed, the link is locked: later deal changes are conflicts (DealQbWriter).
        const locked = documentLocked(order);
        const baseJson = readBackState(live?.baseJson ?? null, locked);
        out.set(order.TxnID, { qbId: order.TxnID, fields: fromDeal, hash: fingerprint({ fromDeal, locked }), ...(baseJson ? { baseJson } : {}) });
        continue;
      }
      const view = link !== undefined && link.status !== 'deleted' ? await orderDealView(this.mappings, link.b24Id) : undefined;
      const plan = salesOrderToDeal(order, [...(view?.invoices.values() ?? [])], options, linksFor(order));
      const done = salesOrderDone(order);
      const candidate = this.candidateOf(order, plan, JSON.stringify({ orderDone: done }));
      out.set(order.TxnID, { ...candidate, hash: fingerprint({ deal: candidate.hash, orderDone: done }) });
    }
    return out;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { InvoiceRet, QbxmlResponse } from '@qb-b24/qbxml';
import {
  fingerprint,
  invoicePayState,
  invoiceToDeal,
  isVoided,
  salesOrderDealStageId,
  type DealLinks,
  type DealPlan,
  type MappingOptions,
  type MappingRules,
} from '@qb-b24/sync-core';
import { MAPPING_RULES } from '../../config/mapping-rules.tokens.js';
import { documentLocked, fromDealFields, readBackState } from './deal-qb-writer.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { LinkInput } from '../../mapping/id-mapping.type.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import type { UpsertCandidate } from '../b24-upsert.service.js';
import { sourceDealsToAdopt } from './deal-sharing.js';
import { orderDealView, sharedDealState } from './shared-deal-state.js';
import { TxnDealServices } from './txn-deal-services.js';
import { TxnDealStrategy } from './txn-deal-strategy.base.js';

/**
 * QuickBooks invoices → Bitrix24 deals (stages per mapping: open, partly paid, paid) with their lines as product rows;
 * an invoice made from an estimate takes over the estimate's deal; the invoices made from a sales order share the
 * order's deal and only move its stage.
 */
@Injectable()
export class InvoiceSyncStrategy extends TxnDealStrategy<InvoiceRet> {
  static readonly descriptor = { kind: 'invoice', b24Entities: ['deal'] } as const satisfies StrategyDescriptor;
  readonly descriptor = InvoiceSyncStrategy.descriptor;
  readonly entity = InvoiceSyncStrategy.descriptor.kind;
  readonly retType = 'invoice' as const;
  readonly deletedTypes = { kind: 'txn', types: ['Invoice'] } as const;

  constructor(
    services: TxnDealServices,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
  ) {
    super(services);
  }
  protected override readonly customFieldEntity = 'invoice' as const;

  protected queryKind(): 'InvoiceQuery' {
    return 'InvoiceQuery';
  }
  protected rets(response: QbxmlResponse): readonly InvoiceRet[] | undefined {
    return response.retType === 'invoice' ? response.rets : undefined;
  }
  protected override readonly includeLinkedTxns = true;

  /** A voided invoice is removed or marked as a deleted one is (deletes.fromQuickBooks), not shown as a zero sale. */
  protected override isVoided(txn: InvoiceRet): boolean {
    return isVoided(txn);
  }

  protected override async prepare(txns: readonly InvoiceRet[]): Promise<{ txns: readonly InvoiceRet[]; adopt: readonly LinkInput[] }> {
    return { txns, adopt: await sourceDealsToAdopt(this.mappings, txns) };
  }

  protected override recordAdopted(links: readonly LinkInput[]): Promise<void> {
    return this.mappings.link(links, this.clock.now());
  }

  /**
   * An invoice sharing a sales order's deal writes only the deal's stage: the order's rows and amount stay, and the
   * stage follows the order and every invoice made from it (salesOrderDealStageId), this page's states first.
   */
  protected override async overrides(
    txns: readonly InvoiceRet[],
    adopt: readonly LinkInput[],
    options: MappingOptions,
  ): Promise<ReadonlyMap<string, UpsertCandidate | null>> {
    const out = new Map<string, UpsertCandidate | null>();
    if (txns.length === 0) return out;
    const own = await this.mappings.findByQbIds(
      'invoice',
      'deal',
      txns.map((t) => t.TxnID),
    );
    const adopted = new Map(adopt.map((l) => [l.qbId, l.b24Id]));
    const fresh = new Map(txns.map((t) => [t.TxnID, invoicePayState(t)]));
    for (const inv of txns) {
      const link = own.get(inv.TxnID);
      const live = link !== undefined && link.status !== 'deleted' ? link : undefined;
      const fromDeal = live === undefined ? undefined : fromDealFields(live.baseJson, inv.TxnID, this.rules.toQuickBooks.deals.txnIdField);
      if (fromDeal !== undefined) {
        // Created from this Bitrix24 deal (toQuickBooks.deals create "invoice"): only its TxnID goes back, and once
        // paid the link is locked (later deal changes are conflicts). No EditSequence: our own Add's version must
        // still write the field.
        const locked = documentLocked(inv);
        const baseJson = readBackState(live?.baseJson ?? null, locked);
        out.set(inv.TxnID, { qbId: inv.TxnID, fields: fromDeal, hash: fingerprint({ fromDeal, locked }), ...(baseJson ? { baseJson } : {}) });
        continue;
      }
      const dealId = adopted.get(inv.TxnID) ?? (link !== undefined && link.status !== 'deleted' ? link.b24Id : undefined);
      const view = dealId === undefined ? undefined : await orderDealView(this.mappings, dealId);
      if (view === undefined) continue;
      if (view.fromDeal) {
        // The order was created from this deal in Bitrix24: the deal is the source, its stage is the user's.
        out.set(inv.TxnID, null);
        continue;
      }
      const states = new Map(view.invoices);
      for (const [id, state] of fresh) if (states.has(id) || adopted.get(id) === dealId) states.set(id, state);
      states.set(inv.TxnID, fresh.get(inv.TxnID) ?? 'open');
      const stage = salesOrderDealStageId(view.done, [...states.values()], options);
      const pay = fresh.get(inv.TxnID) ?? 'open';
      out.set(inv.TxnID, {
        qbId: inv.TxnID,
        qbEditSequence: inv.EditSequence,
        fields: { STAGE_ID: stage },
        hash: fingerprint({ orderDealStage: stage, pay }),
        baseJson: JSON.stringify(sharedDealState(pay)),
      });
    }
    return out;
  }

  protected toDeal(txn: InvoiceRet, links: DealLinks, options: MappingOptions): DealPlan {
    return invoiceToDeal(txn, options, links);
  }
}

import { Injectable } from '@nestjs/common';
import type { QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import { paymentFacts } from '@qb-b24/sync-core';
import type { EntityManager } from 'typeorm';
import { ReceivedPaymentRepository } from '../payments/received-payment.repository.js';
import { UnappliedCreditService } from '../payments/unapplied-credit.service.js';
import type { ApplyStats } from '../qb-entity.js';
import type { ApplyContext, PlannedGroup, QueryInput, StagedInput } from '../qb-read-strategy.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import type { SyncStrategy } from '../strategy-registry.js';

/**
 * QuickBooks received payments (qbxml.md §4.6, §5.6). Whether a payment moves its invoice's TimeModified is unknown, so
 * paid state is never left to the invoice query: each payment read (or deleted) asks the session to re-read the
 * invoices it is applied to by TxnID, and those pages update the deals' stage and payment fields like any invoice page.
 * A payment's own page writes the customer's unapplied total (payments.unappliedField) to its contact and company.
 */
@Injectable()
export class ReceivePaymentSyncStrategy implements SyncStrategy {
  static readonly descriptor = { kind: 'receivePayment', b24Entities: [] } as const satisfies StrategyDescriptor;
  readonly descriptor = ReceivePaymentSyncStrategy.descriptor;
  readonly entity = ReceivePaymentSyncStrategy.descriptor.kind;
  // Invoices first: a payment page's re-reads then find the deals in place; customers for the unapplied field.
  readonly dependsOn = ['customer', 'invoice'] as const;
  readonly retType = 'receivePayment' as const;
  readonly deletedTypes = { kind: 'txn', types: ['ReceivePayment'] } as const;
  readonly rereads = 'invoice' as const;

  constructor(
    private readonly payments: ReceivedPaymentRepository,
    private readonly unapplied: UnappliedCreditService,
  ) {}

  buildQuery(q: QueryInput): QbxmlRequest {
    return {
      kind: 'ReceivePaymentQuery',
      requestID: q.requestID,
      iterator: q.iterator,
      MaxReturned: q.maxReturned,
      ...(q.modifiedSince ? { ModifiedDateRangeFilter: { FromModifiedDate: q.modifiedSince } } : {}),
    };
  }

  /** Keeps each payment's invoices and unused amount with the staged page; its invoices (and a deleted one's) are re-read. */
  onStaged(tx: EntityManager, page: StagedInput, now: Date): Promise<readonly string[]> {
    if (page.kind === 'deleted') return this.payments.markDeleted(tx, page.ids, now);
    if (page.response.retType !== 'receivePayment') return Promise.resolve([]);
    return this.payments.record(tx, page.response.rets.map(paymentFacts), now);
  }

  applyPage(response: QbxmlResponse, ctx: ApplyContext): Promise<ApplyStats> {
    const customers = response.retType === 'receivePayment' ? response.rets.map((p) => p.CustomerRef.ListID ?? '').filter((c) => c !== '') : [];
    return this.unapplied.refresh([...new Set(customers)], ctx.runId);
  }

  async applyDeleted(qbIds: readonly string[], ctx: ApplyContext): Promise<ApplyStats> {
    return this.unapplied.refresh(await this.payments.customersOf(qbIds), ctx.runId);
  }

  /** The dry run shows payments through the invoice pages they re-read; the unapplied field is not previewed. */
  planPage(): Promise<readonly PlannedGroup[]> {
    return Promise.resolve([]);
  }
}

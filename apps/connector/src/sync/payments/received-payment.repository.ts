import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PaymentFacts } from '@qb-b24/sync-core';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ReceivedPaymentEntity } from './received-payment.entity.js';
import { UnappliedWrittenEntity } from './unapplied-written.entity.js';

const ids = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
};

/** The payments QuickBooks reported and the unapplied totals written to Bitrix24 (owned by SyncModule). */
@Injectable()
export class ReceivedPaymentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private payments(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(ReceivedPaymentEntity);
  }

  /**
   * Stores the payments of a staged page, in the staging transaction. Returns the invoices to re-read: those each
   * payment is applied to now and those it was applied to before (a payment moved to another invoice re-opens the first).
   */
  async record(tx: EntityManager, facts: readonly PaymentFacts[], now: Date): Promise<string[]> {
    if (facts.length === 0) return [];
    const known = new Map((await this.payments(tx).findBy({ qbTxnId: In(facts.map((f) => f.qbTxnId)) })).map((r) => [r.qbTxnId, r]));
    const invoices = new Set<string>();
    for (const f of facts) {
      const row = known.get(f.qbTxnId);
      for (const id of [...f.invoiceTxnIds, ...(row ? ids(row.invoiceTxnIdsJson) : [])]) invoices.add(id);
      const values = {
        customerListId: f.customerListId,
        unusedCents: f.unusedCents,
        invoiceTxnIdsJson: JSON.stringify(f.invoiceTxnIds),
        deleted: false,
        updatedAt: now,
      };
      if (row) await this.payments(tx).update({ id: row.id }, values);
      else await this.payments(tx).insert({ qbTxnId: f.qbTxnId, ...values });
    }
    return [...invoices];
  }

  /** Marks payments QuickBooks deleted; returns the invoices they were applied to (to re-read: they re-open). */
  async markDeleted(tx: EntityManager, txnIds: readonly string[], now: Date): Promise<string[]> {
    if (txnIds.length === 0) return [];
    const rows = await this.payments(tx).findBy({ qbTxnId: In([...txnIds]) });
    const invoices = new Set<string>();
    for (const r of rows) {
      for (const id of ids(r.invoiceTxnIdsJson)) invoices.add(id);
      await this.payments(tx).update({ id: r.id }, { deleted: true, updatedAt: now });
    }
    return [...invoices];
  }

  /** The customers (ListIDs) of these payments, deleted ones included. */
  async customersOf(txnIds: readonly string[]): Promise<string[]> {
    if (txnIds.length === 0) return [];
    const rows = await this.payments().findBy({ qbTxnId: In([...txnIds]) });
    return [...new Set(rows.map((r) => r.customerListId))];
  }

  /** Σ unused cents of each customer's payments that still exist; customers without any are 0. */
  async unusedByCustomer(customerListIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(customerListIds.map((c) => [c, 0]));
    if (customerListIds.length === 0) return out;
    const rows = await this.payments().findBy({ customerListId: In([...customerListIds]), deleted: false });
    for (const r of rows) out.set(r.customerListId, (out.get(r.customerListId) ?? 0) + r.unusedCents);
    return out;
  }

  /** What was last written to these Bitrix24 records, by id. */
  async written(b24Entity: string, b24Ids: readonly string[]): Promise<Map<string, string>> {
    if (b24Ids.length === 0) return new Map();
    const rows = await this.db.manager.getRepository(UnappliedWrittenEntity).findBy({ b24Entity, b24Id: In([...b24Ids]) });
    return new Map(rows.map((r) => [r.b24Id, r.written]));
  }

  async setWritten(b24Entity: string, b24Id: string, written: string, now: Date): Promise<void> {
    const repo = this.db.manager.getRepository(UnappliedWrittenEntity);
    const row = await repo.findOneBy({ b24Entity, b24Id });
    if (row) await repo.update({ id: row.id }, { written, updatedAt: now });
    else await repo.insert({ b24Entity, b24Id, written, updatedAt: now });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BatchCommand } from '@qb-b24/bitrix24-client';
import { centsToAmount } from '@qb-b24/qbxml';
import type { MappingRules } from '@qb-b24/sync-core';
import { Bitrix24Connection } from '../../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { MAPPING_RULES } from '../../config/mapping-rules.tokens.js';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import { recordB24WriteFailure } from '../b24-write-failure.js';
import { emptyStats, type ApplyStats } from '../qb-entity.js';
import { SyncJournalRepository } from '../sync-journal.repository.js';
import { ReceivedPaymentRepository } from './received-payment.repository.js';

interface Target {
  readonly b24Entity: 'contact' | 'company';
  readonly b24Id: string;
  readonly field: string;
}

/**
 * Writes a customer's unapplied payments and credits (Σ UnusedPayment + UnusedCredits over its payments that still
 * exist) to the user field the mapping names on its Bitrix24 contact and/or company (payments.unappliedField). Jobs
 * share their parent's Bitrix24 record, so a record shows the total of every QuickBooks customer linked to it. A value
 * already written costs no call.
 */
@Injectable()
export class UnappliedCreditService {
  private readonly logger = new Logger(UnappliedCreditService.name);

  constructor(
    private readonly connection: Bitrix24Connection,
    private readonly mappings: IdMappingService,
    private readonly payments: ReceivedPaymentRepository,
    private readonly journal: SyncJournalRepository,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Brings the unapplied field of these customers' Bitrix24 records up to date. Throws only when Bitrix24 cannot be reached. */
  async refresh(customerListIds: readonly string[], runId: number): Promise<ApplyStats> {
    const stats = emptyStats();
    const client = this.connection.client;
    const fields = this.rules.payments.unappliedField;
    if (client === null || customerListIds.length === 0) return stats;
    const targets: Target[] = [];
    for (const b24Entity of ['contact', 'company'] as const) {
      const field = fields[b24Entity];
      if (field === null) continue;
      const links = await this.mappings.findByQbIds('customer', b24Entity, customerListIds);
      for (const b24Id of new Set([...links.values()].filter((m) => m.status !== 'deleted').map((m) => m.b24Id))) targets.push({ b24Entity, b24Id, field });
    }
    const pending: { target: Target; written: string; value: string }[] = [];
    for (const b24Entity of ['contact', 'company'] as const) {
      const mine = targets.filter((t) => t.b24Entity === b24Entity);
      const before = await this.payments.written(
        b24Entity,
        mine.map((t) => t.b24Id),
      );
      for (const t of mine) {
        const value = centsToAmount(await this.totalOf(t));
        const written = `${t.field}=${value}`;
        if (before.get(t.b24Id) === written) stats.unchanged += 1;
        else pending.push({ target: t, written, value });
      }
    }
    if (pending.length === 0) return stats;
    const cmds: Record<string, BatchCommand> = {};
    pending.forEach((p, i) => {
      cmds[`u${i}`] = { method: `crm.${p.target.b24Entity}.update`, params: { id: p.target.b24Id, fields: { [p.target.field]: p.value } } };
    });
    const res = await client.batch(cmds);
    const now = this.clock.now();
    for (const [i, p] of pending.entries()) {
      const e = res.errors.get(`u${i}`);
      if (e) {
        stats.failed += 1;
        await recordB24WriteFailure(
          { logger: this.logger, journal: this.journal, now },
          { qbEntity: 'receivePayment', b24Entity: p.target.b24Entity, qbId: p.target.b24Id, op: `update of ${p.target.field}`, runId },
          e,
        );
        continue;
      }
      stats.updated += 1;
      await this.payments.setWritten(p.target.b24Entity, p.target.b24Id, p.written, now);
    }
    return stats;
  }

  /** Σ unused cents of every QuickBooks customer linked to this record (a customer and its jobs). */
  private async totalOf(t: Target): Promise<number> {
    const linked = (await this.mappings.findByB24Id(t.b24Entity, t.b24Id)).filter((m) => m.qbEntity === 'customer' && m.status !== 'deleted');
    const sums = await this.payments.unusedByCustomer([...new Set(linked.map((m) => m.qbId))]);
    let total = 0;
    for (const cents of sums.values()) total += cents;
    return total;
  }
}

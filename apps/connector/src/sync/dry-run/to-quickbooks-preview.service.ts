import { Inject, Injectable } from '@nestjs/common';
import { Bitrix24Error, type Bitrix24Client } from '@qb-b24/bitrix24-client';
import { toQuickBooksVerdict, type MappingRules } from '@qb-b24/sync-core';
import { B24EventInboxService } from '../../bitrix/b24-event-inbox.service.js';
import { BITRIX24_CLIENT } from '../../bitrix/bitrix.tokens.js';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import { cameFromQuickBooks } from '../b24-event-processor.service.js';
import { OutboxQueryRepository } from '../outbox-query.repository.js';
import { StrategyRegistry } from '../strategy-registry.js';
import { agreedFieldChanges, customFieldChanges, parseJsonRecord } from './agreed-fields.util.js';
import { B24RecordReader } from './b24-record-reader.js';
import type { B24EventPreview, QbWritePreview, ToQuickBooksPreview } from './dry-run.type.js';

/**
 * Bitrix24 → QuickBooks part of the dry run: each pending outbox row as the Add or Mod the next Web Connector
 * session sends, and each record with stored events not yet queued with the processor's verdict (the same
 * QbWritePart.decide), both field by field against the last values both sides agreed on (the link's baseJson).
 * Reads only.
 */
@Injectable()
export class ToQuickBooksPreviewService {
  constructor(
    @Inject(BITRIX24_CLIENT) private readonly client: Bitrix24Client | null,
    private readonly outbox: OutboxQueryRepository,
    private readonly mappings: IdMappingService,
    private readonly inbox: B24EventInboxService,
    private readonly registry: StrategyRegistry,
  ) {}

  async preview(candidate: MappingRules | null, limit: number): Promise<ToQuickBooksPreview> {
    const rows = await this.outbox.listByStatus(['pending'], limit + 1);
    const writes: QbWritePreview[] = [];
    for (const row of rows.slice(0, limit)) {
      const payload = parseJsonRecord(row.payloadJson);
      const desired = payload?.['desired'];
      const link = await this.link(row.b24Entity, row.b24Id, row.qbEntity);
      writes.push({
        outboxId: row.id,
        qbEntity: row.qbEntity,
        qbId: link?.qbId ?? row.qbId,
        b24Entity: row.b24Entity,
        b24Id: row.b24Id,
        // Add or Mod is settled at hand-out: a link made meanwhile (the record arrived from QuickBooks) makes it a Mod.
        operation: link ? 'mod' : 'add',
        fields: [
          ...agreedFieldChanges(
            typeof desired === 'object' && desired !== null ? (desired as Record<string, unknown>) : {},
            link ? parseJsonRecord(link.baseJson) : null,
          ),
          ...customFieldChanges(payload?.['customFields']),
        ],
      });
    }
    const events = await this.events(candidate, limit);
    return { writes, events: events.list, truncated: rows.length > limit || events.truncated };
  }

  private async link(b24Entity: string, b24Id: string, qbEntity?: string): Promise<{ qbId: string; baseJson: string | null } | undefined> {
    return (await this.mappings.findByB24Id(b24Entity, b24Id)).find((m) => m.status !== 'deleted' && (qbEntity === undefined || m.qbEntity === qbEntity));
  }

  /** Stored events grouped by record (ten edits are one read and one queued write), with the processor's verdict. */
  private async events(candidate: MappingRules | null, limit: number): Promise<{ list: B24EventPreview[]; truncated: boolean }> {
    const pending = await this.inbox.pending(limit * 10 + 1);
    const byRecord = new Map<string, { b24Entity: string; b24Id: string; events: number; deleted: boolean }>();
    for (const e of pending) {
      const key = `${e.b24Entity}:${e.b24Id}`;
      const seen = byRecord.get(key) ?? { b24Entity: e.b24Entity, b24Id: e.b24Id, events: 0, deleted: false };
      byRecord.set(key, { ...seen, events: seen.events + 1, deleted: seen.deleted || e.action === 'delete' });
    }
    const records = [...byRecord.values()].slice(0, limit);
    const truncated = byRecord.size > limit || pending.length > limit * 10;
    const list: B24EventPreview[] = [];
    const reader = this.client ? new B24RecordReader(this.client) : null;
    for (const entity of new Set(records.map((r) => r.b24Entity))) {
      const mine = records.filter((r) => r.b24Entity === entity);
      const part = this.registry.writePartForB24(entity);
      if (!part) {
        for (const r of mine) list.push({ ...r, verdict: 'ignore', note: `${entity}s are read-only toward QuickBooks`, fields: [] });
        continue;
      }
      let current: Map<string, Record<string, unknown>> | null = null;
      try {
        current = reader
          ? await reader.records(
              entity,
              mine.map((r) => r.b24Id),
            )
          : null;
      } catch (err) {
        if (!(err instanceof Bitrix24Error)) throw err;
      }
      for (const r of mine) {
        const { deleted, ...shown } = r;
        if (deleted) {
          list.push({ ...shown, verdict: 'ignore', note: 'deletions in Bitrix24 are not applied to QuickBooks (accounting records are kept)', fields: [] });
          continue;
        }
        const record = current?.get(r.b24Id);
        if (!current) list.push({ ...shown, verdict: 'ignore', note: 'Bitrix24 could not be read; decided when the events are processed', fields: [] });
        else if (!record) list.push({ ...shown, verdict: 'ignore', note: 'record no longer exists in Bitrix24', fields: [] });
        else list.push(await this.verdict(shown, entity, record, part, candidate));
      }
    }
    return { list, truncated };
  }

  private async verdict(
    shown: Pick<B24EventPreview, 'b24Entity' | 'b24Id' | 'events'>,
    entity: string,
    record: Record<string, unknown>,
    part: NonNullable<ReturnType<StrategyRegistry['writePartForB24']>>,
    candidate: MappingRules | null,
  ): Promise<B24EventPreview> {
    const id = String(record['ID'] ?? shown.b24Id);
    const decision = await part.decide(
      entity,
      shown.b24Id,
      { ...record, ID: id },
      { fromQuickBooks: cameFromQuickBooks(record), changeQueued: await this.outbox.hasQueuedChange(entity, shown.b24Id) },
    );
    const link = await this.link(entity, shown.b24Id);
    // Only an unlinked record meets the toQuickBooks filter; a candidate filter can turn its verdict around.
    const filtered = !link && (decision.queue || decision.skipped === true);
    const candidatePass = candidate && filtered ? toQuickBooksVerdict(entity, record, candidate.toQuickBooks) : null;
    if (decision.queue) {
      const fields = [
        ...agreedFieldChanges(decision.payload.desired, link ? parseJsonRecord(link.baseJson) : null),
        ...customFieldChanges(decision.payload.customFields),
      ];
      if (candidatePass && !candidatePass.pass) return { ...shown, verdict: 'skip', note: candidatePass.reason, fields: [], fromRulesChange: true };
      return { ...shown, verdict: 'queue', fields, ...(candidatePass ? { fromRulesChange: false } : {}) };
    }
    if (candidatePass?.pass)
      return { ...shown, verdict: 'queue', note: 'the candidate toQuickBooks filter lets it through', fields: [], fromRulesChange: true };
    return {
      ...shown,
      verdict: decision.skipped === true ? 'skip' : 'ignore',
      note: decision.note,
      fields: [],
      ...(candidatePass ? { fromRulesChange: false } : {}),
    };
  }
}

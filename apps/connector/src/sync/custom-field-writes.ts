import { Logger } from '@nestjs/common';
import type { DataExtDel, DataExtRet, QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import { nextDataExtStep, type DataExtStep } from '@qb-b24/sync-core';
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock.js';
import type { IdMappingService } from '../mapping/id-mapping.service.js';
import type { OutboxEntity } from './outbox.entity.js';
import type { OutboxPayload, OutboxRepository } from './outbox.repository.js';
import type { QbWritePart, WriteContext } from './qb-write-part.js';
import type { SyncJournalRepository } from './sync-journal.repository.js';

/** Outbox operations of the custom-field round that follows a record's Add/Mod. */
export const CF_READ = 'cf-read';
export const CF_WRITE = 'cf-write';

/** Whether a row is in its custom-field round. Pure. */
export function inCustomFieldRound(row: Pick<OutboxEntity, 'operation'>): boolean {
  return row.operation === CF_READ || row.operation === CF_WRITE;
}

/** Whether a row still has custom fields to bring to QuickBooks once its record is written. Pure. */
export function hasCustomFields(p: OutboxPayload): boolean {
  return p.customFields !== undefined && Object.keys(p.customFields).length > 0;
}

/** The record's custom-field values as QuickBooks returned them in a query answer. */
function dataExtOf(r: QbxmlResponse): { editSequence: string; dataExt: readonly DataExtRet[] } | undefined {
  if (r.retType !== 'customer' && r.retType !== 'item') return undefined;
  const ret = r.rets[0];
  return ret ? { editSequence: ret.EditSequence, dataExt: ret.DataExtRet } : undefined;
}

/**
 * The custom-field round of an outbox row, after its record's own Add/Mod succeeded (the record is linked, so its
 * ListID is known). It alternates a read and a write until QuickBooks holds the wanted values:
 * - `cf-read` queries the record with OwnerID 0 and picks the next write (nextDataExtStep): DataExtMod when
 *   QuickBooks has a value, DataExtAdd when not, DataExtDel for an empty value; nothing left → done.
 * - `cf-write` sends it. Because every write is decided by a fresh read, a retry or a lost answer (the row comes back
 *   as `cf-read`) never writes twice. An Add answered 3180 (the value exists: an earlier attempt landed, or the field
 *   was re-created in the UI, qbxml.md §4.10) is sent again as a Mod, a Mod answered 3120 (no value) as an Add.
 * The writes move the record's EditSequence (qbxml.md §4.10), so the last read's EditSequence is kept when QuickBooks
 * shows nothing else changed: the next Mod is not refused as stale, and the next read is known as our own echo.
 */
export class CustomFieldWrites {
  private readonly logger = new Logger(CustomFieldWrites.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly mappings: IdMappingService,
    private readonly journal: SyncJournalRepository,
    private readonly clock: Clock,
    private readonly db: DataSource,
  ) {}

  /** The read or the write for a row in its custom-field round; null when the row was settled instead. */
  async request(ctx: WriteContext, part: QbWritePart, requestID: string): Promise<QbxmlRequest | null> {
    const { row, payload: p, mapping } = ctx;
    if (!mapping) {
      await ctx.ops.dead(row, 'UNBUILDABLE', 'The record is no longer linked to QuickBooks; its custom fields cannot be written.');
      return null;
    }
    if (part.dataExtType === undefined) {
      await ctx.ops.dead(row, 'UNBUILDABLE', 'This kind of QuickBooks record carries no custom fields here.');
      return null;
    }
    const step = p.cfStep;
    if (row.operation !== CF_WRITE || step === undefined) return { kind: part.queryKind, requestID, ListID: [mapping.qbId], OwnerID: ['0'] };
    const target: DataExtDel = { OwnerID: '0', DataExtName: step.name, ListDataExtType: part.dataExtType, ListObjRef: { ListID: mapping.qbId } };
    if (step.verb === 'Del') return { kind: 'DataExtDel', requestID, DataExtDel: target };
    if (step.verb === 'Add') return { kind: 'DataExtAdd', requestID, DataExtAdd: { ...target, DataExtValue: step.value } };
    return { kind: 'DataExtMod', requestID, DataExtMod: { ...target, DataExtValue: step.value } };
  }

  /** QuickBooks' answer to the read or the write. */
  async apply(ctx: WriteContext, part: QbWritePart, r: QbxmlResponse): Promise<void> {
    const { row, payload: p, ops } = ctx;
    if (r.kind === part.queryKind) {
      const read = dataExtOf(r);
      if (!read) {
        if (r.action === 'no-match' || r.action === 'ok' || r.statusCode === 3120)
          return ops.dead(row, 'NOT_FOUND', 'The QuickBooks record is gone; its custom fields were not written.');
        return ops.retry(row, `QB_${r.statusCode}`, r.operatorMessage, CF_READ);
      }
      const step = nextDataExtStep(p.customFields ?? {}, read.dataExt, p.cfWritten ?? []);
      if (step === undefined) {
        // QuickBooks may keep another form of a value, or someone changed it there meanwhile: then its EditSequence
        // is not ours to take, and the next read brings what QuickBooks holds to Bitrix24.
        const agrees = nextDataExtStep(p.customFields ?? {}, read.dataExt) === undefined;
        return this.finish(ctx, part, r, agrees ? read.editSequence : undefined);
      }
      return this.next(row, { ...p, cfStep: step }, CF_WRITE);
    }
    const step = p.cfStep;
    if (step === undefined) return this.next(row, p, CF_READ);
    if (r.action === 'ok') return this.next(row, { ...p, cfStep: undefined, cfWritten: [...(p.cfWritten ?? []), step.name] }, CF_READ);
    // Add ↔ Mod by what QuickBooks says about the value; retry() counts these, so two answers contradicting each
    // other forever end in the dead letter, not in a loop.
    if (r.statusCode === 3180 && step.verb === 'Add') return this.switchVerb(ctx, r, { ...step, verb: 'Mod' });
    if (r.statusCode === 3120 && step.verb === 'Mod') return this.switchVerb(ctx, r, { ...step, verb: 'Add' });
    // Nothing to remove: the value is already gone.
    if (r.statusCode === 3120 && step.verb === 'Del')
      return this.next(row, { ...p, cfStep: undefined, cfWritten: [...(p.cfWritten ?? []), step.name] }, CF_READ);
    if (r.action === 'retry-later') return ops.retry(row, `QB_${r.statusCode}`, r.operatorMessage, CF_READ);
    return ops.dead(row, `QB_${r.statusCode}`, `QuickBooks custom field "${step.name}": ${r.operatorMessage}`);
  }

  private switchVerb(ctx: WriteContext, r: QbxmlResponse, step: DataExtStep): Promise<void> {
    const was = step.verb === 'Mod' ? 'exists' : 'is missing';
    return ctx.ops.retry(ctx.row, `QB_${r.statusCode}`, `QuickBooks custom field "${step.name}" ${was}; sending a DataExt${step.verb}`, CF_WRITE, true, {
      cfStep: step,
    });
  }

  private async next(row: OutboxEntity, payload: OutboxPayload, operation: string): Promise<void> {
    await this.outbox.update(row.id, {
      payloadJson: JSON.stringify(payload),
      operation,
      status: 'pending',
      notBefore: this.clock.now(),
      ticketHash: null,
      updatedAt: this.clock.now(),
    });
  }

  /** The link's EditSequence, the row's "done" and the journal line commit together. */
  private async finish(ctx: WriteContext, part: QbWritePart, r: QbxmlResponse, editSequence: string | undefined): Promise<void> {
    const { row, payload: p, mapping } = ctx;
    const now = this.clock.now();
    const written = p.cfWritten ?? [];
    await this.db.transaction(async (tx) => {
      if (mapping && editSequence !== undefined && part.unchangedSinceLink?.(mapping, r) === true)
        await this.mappings.update(mapping.id, { qbEditSequence: editSequence, updatedAt: now }, tx);
      await this.outbox.update(row.id, { status: 'done', ticketHash: null, lastError: null, lastErrorCode: null, updatedAt: now }, tx);
      await this.journal.log(
        [
          {
            direction: 'b24->qb',
            action: 'custom-fields',
            b24Entity: row.b24Entity,
            b24Id: row.b24Id,
            qbEntity: row.qbEntity,
            qbId: mapping?.qbId ?? null,
            detail: written.length === 0 ? 'QuickBooks already held the values' : `written: ${written.join(', ')}`,
          },
        ],
        now,
        tx,
      );
    });
    this.logger.log({ event: 'outbox.custom_fields_done', outboxId: row.id, b24Entity: row.b24Entity, b24Id: row.b24Id, written });
  }
}

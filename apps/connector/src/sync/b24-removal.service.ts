import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BatchCommand, Bitrix24Client, Bitrix24Error, Bitrix24Params } from '@qb-b24/bitrix24-client';
import type { MappingOptions, MappingRules } from '@qb-b24/sync-core';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingService } from '../mapping/id-mapping.service.js';
import type { UpsertSpec } from './b24-upsert.service.js';
import { recordB24WriteFailure } from './b24-write-failure.js';
import { commentsWithInactiveMark, inactiveMarkOnCreate } from './inactive-mark.js';
import { MAPPING_OPTIONS } from './mapping-options.provider.js';
import { MAPPING_RULES } from '../config/mapping-rules.tokens.js';
import { emptyStats, type ApplyStats } from './qb-entity.js';
import { SyncJournalRepository, type LogInput } from './sync-journal.repository.js';

/**
 * What a delete in QuickBooks does in Bitrix24, per the mapping file's deletes.fromQuickBooks: "mark" (default)
 * keeps every record and its history — a deal moves to the deleted stage, a product turns inactive, a contact or
 * company is marked inactive — and "delete" deletes the record as the seed did. Either way the link is closed.
 */
@Injectable()
export class B24RemovalService {
  private readonly logger = new Logger(B24RemovalService.name);

  constructor(
    private readonly connection: Bitrix24Connection,
    private readonly mappings: IdMappingService,
    private readonly journal: SyncJournalRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    @Inject(MAPPING_OPTIONS) private readonly options: MappingOptions,
  ) {}

  /** The portal's client now: the setup page can point the connection at a webhook after start. */
  private get client(): Bitrix24Client | null {
    return this.connection.client;
  }

  /** Applies a QuickBooks delete to the Bitrix24 records linked to these QuickBooks ids, and closes the links. */
  async remove(spec: Pick<UpsertSpec, 'qbEntity' | 'b24Entity'>, qbIds: readonly string[], ctx: { runId: number }): Promise<ApplyStats> {
    const client = this.requireClient();
    const stats = emptyStats();
    const linked = [...(await this.mappings.findByQbIds(spec.qbEntity, spec.b24Entity, qbIds)).values()].filter((m) => m.status !== 'deleted');
    if (linked.length === 0) return stats;
    // A record another live QuickBooks record still uses (an estimate's deal an invoice took over) is left as it
    // is: only this link closes.
    const maps: typeof linked = [];
    for (const m of linked) {
      const others = (await this.mappings.findByB24Id(spec.b24Entity, m.b24Id)).filter((o) => o.id !== m.id && o.status !== 'deleted');
      if (others.length === 0) maps.push(m);
      else await this.mappings.update(m.id, { status: 'deleted', b24Hash: null, updatedAt: this.clock.now() });
    }
    if (maps.length === 0) return stats;
    const mark = this.rules.deletes.fromQuickBooks === 'mark';
    const errors = mark
      ? await this.markAll(
          client,
          spec.b24Entity,
          maps.map((m) => m.b24Id),
          'deleted',
        )
      : await this.deleteAll(
          client,
          spec.b24Entity,
          maps.map((m) => m.b24Id),
        );
    const now = this.clock.now();
    const logs: LogInput[] = [];
    for (const m of maps) {
      const e = errors.get(m.b24Id);
      if (e && e.code !== 'NOT_FOUND') {
        stats.failed += 1;
        await recordB24WriteFailure(
          { logger: this.logger, journal: this.journal, now },
          { ...spec, qbId: m.qbId, op: mark ? 'mark' : 'delete', runId: ctx.runId },
          e,
        );
        continue;
      }
      await this.mappings.update(m.id, { status: 'deleted', b24Hash: null, updatedAt: now });
      stats.deleted += 1;
      const action = mark ? 'marked deleted (kept)' : 'deleted';
      logs.push({ direction: 'qb->b24', action, qbEntity: spec.qbEntity, qbId: m.qbId, b24Entity: spec.b24Entity, b24Id: m.b24Id });
    }
    await this.journal.log(logs, now);
    return stats;
  }

  /**
   * Marks contacts or companies whose QuickBooks customer is inactive (policy "mark" only; under "delete" the seed
   * left them alone). Returns the Bitrix24 errors by record id.
   */
  async markInactive(b24Entity: 'contact' | 'company', b24Ids: readonly string[]): Promise<Map<string, Bitrix24Error>> {
    if (this.rules.deletes.fromQuickBooks !== 'mark' || b24Ids.length === 0) return new Map();
    return this.markAll(this.requireClient(), b24Entity, b24Ids, 'inactive');
  }

  /**
   * The mark a record created for an inactive customer is given in its add (policy "mark" only), so that
   * markInactive can leave the records this page created alone; undefined under "delete".
   */
  markOnCreate(fields: Bitrix24Params): Bitrix24Params | undefined {
    if (this.rules.deletes.fromQuickBooks !== 'mark') return undefined;
    return inactiveMarkOnCreate(fields['COMMENTS'], this.clock.now().toISOString().slice(0, 10), this.rules.deletes.inactiveField);
  }

  private async deleteAll(client: Bitrix24Client, entity: string, ids: readonly string[]): Promise<Map<string, Bitrix24Error>> {
    const cmds: Record<string, BatchCommand> = {};
    for (const id of ids) cmds[`d${id}`] = { method: `crm.${entity}.delete`, params: { id } };
    return this.errorsById(await client.batch(cmds), ids, 'd');
  }

  private async markAll(client: Bitrix24Client, entity: string, ids: readonly string[], reason: 'deleted' | 'inactive'): Promise<Map<string, Bitrix24Error>> {
    const fields = new Map<string, Bitrix24Params>();
    const errors = new Map<string, Bitrix24Error>();
    if (entity === 'deal') for (const id of ids) fields.set(id, { STAGE_ID: this.options.deletedStageId });
    else if (entity === 'product') for (const id of ids) fields.set(id, { ACTIVE: 'N' });
    else {
      // COMMENTS is appended to, so the record is read first; a record already marked costs no write.
      const gets: Record<string, BatchCommand> = {};
      for (const id of ids) gets[`g${id}`] = { method: `crm.${entity}.get`, params: { id } };
      const read = await client.batch(gets);
      for (const [id, e] of this.errorsById(read, ids, 'g')) errors.set(id, e);
      const day = this.clock.now().toISOString().slice(0, 10);
      const field = this.rules.deletes.inactiveField;
      for (const id of ids) {
        const record = read.results.get(`g${id}`) as Record<string, unknown> | undefined;
        if (record === undefined) continue;
        const comments = commentsWithInactiveMark(record['COMMENTS'], reason, day);
        const fieldUnset = field !== null && String(record[field] ?? '') !== 'Y' && String(record[field] ?? '') !== '1';
        if (comments === undefined && !fieldUnset) continue;
        fields.set(id, { ...(comments !== undefined ? { COMMENTS: comments } : {}), ...(field !== null ? { [field]: 'Y' } : {}) });
      }
    }
    if (fields.size === 0) return errors;
    const cmds: Record<string, BatchCommand> = {};
    for (const [id, f] of fields) cmds[`u${id}`] = { method: `crm.${entity}.update`, params: { id, fields: f } };
    for (const [id, e] of this.errorsById(await client.batch(cmds), [...fields.keys()], 'u')) errors.set(id, e);
    return errors;
  }

  private errorsById(res: { errors: ReadonlyMap<string, Bitrix24Error> }, ids: readonly string[], prefix: string): Map<string, Bitrix24Error> {
    const out = new Map<string, Bitrix24Error>();
    for (const id of ids) {
      const e = res.errors.get(`${prefix}${id}`);
      if (e) out.set(id, e);
    }
    return out;
  }

  private requireClient(): Bitrix24Client {
    if (!this.client) throw new Error('Bitrix24 is not configured (BITRIX24_WEBHOOK_URL)');
    return this.client;
  }
}

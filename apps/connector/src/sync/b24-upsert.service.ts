import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BatchCommand, Bitrix24Client, Bitrix24Error, Bitrix24Params } from '@qb-b24/bitrix24-client';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingService } from '../mapping/id-mapping.service.js';
import type { LinkInput } from '../mapping/id-mapping.type.js';
import type { ExistingIndex, MatchKeys } from './b24-existing-index.js';
import { findByIdentity, loadExistingIndex, xmlIdOf } from './b24-identity-lookup.js';
import { multiFieldPatches } from './b24-multi-field-patches.js';
import { needsNoWrite } from './b24-needs-no-write.js';
import { recordB24WriteFailure } from './b24-write-failure.js';
import { emptyStats, type ApplyStats, type B24Entity } from './qb-entity.js';
import { SyncJournalRepository, type LogInput } from './sync-journal.repository.js';

export interface UpsertSpec {
  readonly qbEntity: string;
  readonly b24Entity: B24Entity;
  /** Contacts, companies and deals carry ORIGINATOR_ID/ORIGIN_ID; products carry XML_ID `QB_{ListID}`. */
  readonly identity: 'origin' | 'xmlId';
  readonly originatorId: string;
}

export interface UpsertCandidate {
  readonly qbId: string;
  readonly qbEditSequence?: string;
  /** Fingerprint of the QuickBooks side as read, so the reverse direction can tell our echo from a real edit. */
  readonly qbHash?: string;
  readonly fields: Bitrix24Params;
  /** Fingerprint of what we write; equal to the stored one means nothing to do (and no call made). */
  readonly hash: string;
  readonly rows?: readonly Bitrix24Params[];
  readonly match?: MatchKeys;
  readonly baseJson?: string;
  /** QuickBooks changes what this record shows without a new EditSequence (an invoice's paid state, qbxml.md §5.6): compare content only. */
  readonly contentOutrunsVersion?: boolean;
  /** Sent only if this call creates the record (a new one holds just what we send, so no read is needed); not hashed. */
  readonly createOnly?: Bitrix24Params;
}

export interface UpsertResult {
  readonly ids: Map<string, string>;
  readonly stats: ApplyStats;
  /** QuickBooks ids whose record this call wrote, or whose QuickBooks version moved (e.g. only made inactive) */
  readonly changed: ReadonlySet<string>;
  /** QuickBooks ids whose record this call created, createOnly fields included */
  readonly created: ReadonlySet<string>;
}

/**
 * Writes QuickBooks records to Bitrix24 idempotently: unchanged records cost no call; a record without a
 * mapping is first looked up by the QuickBooks identity it carries (so a crash between "created in
 * Bitrix24" and "mapping saved" never duplicates), then, on a first import, matched to existing records by
 * e-mail, phone or exact name; only then created. Every write goes through batch.
 */
@Injectable()
export class B24UpsertService {
  private readonly logger = new Logger(B24UpsertService.name);
  private readonly existing = new Map<string, ExistingIndex>();

  constructor(
    private readonly connection: Bitrix24Connection,
    private readonly mappings: IdMappingService,
    private readonly journal: SyncJournalRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get client(): Bitrix24Client | null {
    return this.connection.client;
  }

  /** Forget the first-import index: after a failure, a create may have landed that the index does not show. */
  reset(): void {
    this.existing.clear();
  }

  async upsert(spec: UpsertSpec, items: readonly UpsertCandidate[], ctx: { firstRun: boolean; runId: number }): Promise<UpsertResult> {
    const client = this.requireClient();
    const stats = emptyStats();
    const ids = new Map<string, string>();
    const changed = new Set<string>();
    const created = new Set<string>();
    const maps = await this.mappings.findByQbIds(
      spec.qbEntity,
      spec.b24Entity,
      items.map((i) => i.qbId),
    );
    const toUpdate: { item: UpsertCandidate; b24Id: string; how: string }[] = [];
    let unmapped: UpsertCandidate[] = [];
    for (const item of items) {
      const m = maps.get(item.qbId);
      if (m && m.status !== 'deleted') {
        ids.set(item.qbId, m.b24Id);
        if (needsNoWrite(m, item)) {
          stats.unchanged += 1;
          // Nothing to write to Bitrix24, but a newer EditSequence must be kept for later Mods.
          if (item.qbEditSequence !== undefined && item.qbEditSequence !== m.qbEditSequence) {
            changed.add(item.qbId);
            // Bitrix24 already shows these values, so they are the agreed ones now (a QuickBooks rename or
            // section change that no Bitrix24 field shows must not leave a stale base behind).
            await this.mappings.update(m.id, {
              qbEditSequence: item.qbEditSequence,
              ...(item.qbHash ? { qbHash: item.qbHash } : {}),
              ...(item.baseJson !== undefined && m.b24Hash === item.hash ? { baseJson: item.baseJson } : {}),
              updatedAt: this.clock.now(),
            });
          }
        } else toUpdate.push({ item, b24Id: m.b24Id, how: 'updated' });
      } else unmapped.push(item);
    }

    if (unmapped.length > 0) {
      const index = ctx.firstRun ? await this.existingIndex(client, spec, ctx.runId) : undefined;
      const byIdentity = index
        ? undefined
        : await findByIdentity(
            client,
            spec,
            unmapped.map((i) => i.qbId),
          );
      const rest: UpsertCandidate[] = [];
      for (const item of unmapped) {
        const found = index
          ? index.byIdentity(spec.identity === 'origin' ? item.qbId : undefined, spec.identity === 'xmlId' ? xmlIdOf(item.qbId) : undefined)
          : byIdentity?.get(item.qbId);
        if (found) {
          ids.set(item.qbId, found);
          toUpdate.push({ item, b24Id: found, how: 'relinked' });
          continue;
        }
        const outcome = index && item.match ? index.match(item.match) : { kind: 'none' as const };
        if (outcome.kind === 'unique') {
          ids.set(item.qbId, outcome.id);
          stats.matched += 1;
          toUpdate.push({ item, b24Id: outcome.id, how: `matched by ${outcome.by}` });
        } else {
          if (outcome.kind === 'ambiguous') {
            await this.journal.error(
              {
                runId: ctx.runId,
                source: 'qb->b24',
                entity: spec.qbEntity,
                recordId: item.qbId,
                code: 'AMBIGUOUS_MATCH',
                message: `QuickBooks ${spec.qbEntity} ${item.qbId} resembles several Bitrix24 ${spec.b24Entity}s (${outcome.ids.join(', ')}); a new one was created. Merge them in Bitrix24 if they are the same.`,
              },
              this.clock.now(),
            );
          }
          rest.push(item);
        }
      }
      unmapped = rest;
    }

    const recreate = await this.update(client, spec, toUpdate, { ids, changed }, stats, ctx);
    await this.add(client, spec, [...unmapped, ...recreate], { ids, changed, created }, stats, ctx);
    return { ids, stats, changed, created };
  }

  private async update(
    client: Bitrix24Client,
    spec: UpsertSpec,
    list: readonly { item: UpsertCandidate; b24Id: string; how: string }[],
    out: { ids: Map<string, string>; changed: Set<string> },
    stats: ApplyStats,
    ctx: { runId: number },
  ): Promise<UpsertCandidate[]> {
    if (list.length === 0) return [];
    // Multi-fields are patched against what the record holds now, so a value added in Bitrix24 is kept.
    const patches = await multiFieldPatches(
      client,
      spec.b24Entity,
      list.map((u) => ({ b24Id: u.b24Id, fields: u.item.fields })),
    );
    const cmds: Record<string, BatchCommand> = {};
    list.forEach((u, i) => {
      const fields = patches.get(u.b24Id) ?? { ...u.item.fields };
      cmds[`u${i}`] = { method: `crm.${spec.b24Entity}.update`, params: { id: u.b24Id, fields } };
      if (u.item.rows) cmds[`r${i}`] = { method: 'crm.deal.productrows.set', params: { id: u.b24Id, rows: [...u.item.rows] } };
    });
    const res = await client.batch(cmds);
    const now = this.clock.now();
    const links: LinkInput[] = [];
    const logs: LogInput[] = [];
    const recreate: UpsertCandidate[] = [];
    for (const [i, u] of list.entries()) {
      const e = res.errors.get(`u${i}`) ?? res.errors.get(`r${i}`);
      if (e) {
        if (e.code === 'NOT_FOUND') {
          // Deleted in Bitrix24 meanwhile: QuickBooks still has it, so it is created again.
          out.ids.delete(u.item.qbId);
          recreate.push(u.item);
          continue;
        }
        stats.failed += 1;
        await this.recordFailure(spec, u.item.qbId, 'update', e, ctx.runId);
        continue;
      }
      if (u.how === 'updated') stats.updated += 1;
      out.changed.add(u.item.qbId);
      links.push(this.linkOf(spec, u.item, u.b24Id));
      logs.push({ direction: 'qb->b24', action: u.how, qbEntity: spec.qbEntity, qbId: u.item.qbId, b24Entity: spec.b24Entity, b24Id: u.b24Id });
    }
    await this.mappings.link(links, now);
    await this.journal.log(logs, now);
    return recreate;
  }

  private async add(
    client: Bitrix24Client,
    spec: UpsertSpec,
    items: readonly UpsertCandidate[],
    out: { ids: Map<string, string>; changed: Set<string>; created: Set<string> },
    stats: ApplyStats,
    ctx: { runId: number },
  ): Promise<void> {
    // An add and its product rows must share a batch chunk ($result references stay within one call).
    let chunk: { item: UpsertCandidate; key: string }[] = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      const cmds: Record<string, BatchCommand> = {};
      for (const { item, key } of chunk) {
        cmds[`a${key}`] = { method: `crm.${spec.b24Entity}.add`, params: { fields: { ...item.fields, ...item.createOnly } } };
        if (item.rows) cmds[`r${key}`] = { method: 'crm.deal.productrows.set', params: { id: `$result[a${key}]`, rows: [...item.rows] } };
      }
      const res = await client.batch(cmds);
      const now = this.clock.now();
      const links: LinkInput[] = [];
      const logs: LogInput[] = [];
      for (const { item, key } of chunk) {
        const e = res.errors.get(`a${key}`);
        const id = res.results.get(`a${key}`);
        if (e || (typeof id !== 'number' && typeof id !== 'string')) {
          stats.failed += 1;
          if (e) await this.recordFailure(spec, item.qbId, 'add', e, ctx.runId);
          continue;
        }
        const b24Id = String(id);
        const rowsError = res.errors.get(`r${key}`);
        out.ids.set(item.qbId, b24Id);
        out.changed.add(item.qbId);
        out.created.add(item.qbId);
        stats.created += 1;
        // A failed rows command leaves the hash unset, so the next run rewrites the deal and its rows.
        links.push({ ...this.linkOf(spec, item, b24Id), ...(rowsError ? { b24Hash: null } : {}) });
        if (rowsError) await this.recordFailure(spec, item.qbId, 'productrows', rowsError, ctx.runId);
        logs.push({ direction: 'qb->b24', action: 'created', qbEntity: spec.qbEntity, qbId: item.qbId, b24Entity: spec.b24Entity, b24Id });
      }
      await this.mappings.link(links, now);
      await this.journal.log(logs, now);
      chunk = [];
      size = 0;
    };
    for (const [i, item] of items.entries()) {
      const cost = item.rows ? 2 : 1;
      if (size + cost > 50) await flush();
      chunk.push({ item, key: String(i) });
      size += cost;
    }
    await flush();
  }

  private linkOf(spec: UpsertSpec, item: UpsertCandidate, b24Id: string): LinkInput {
    return {
      qbEntity: spec.qbEntity,
      qbId: item.qbId,
      b24Entity: spec.b24Entity,
      b24Id,
      b24Hash: item.hash,
      ...(item.qbEditSequence !== undefined ? { qbEditSequence: item.qbEditSequence } : {}),
      ...(item.qbHash !== undefined ? { qbHash: item.qbHash } : {}),
      ...(item.baseJson !== undefined ? { baseJson: item.baseJson } : {}),
    };
  }

  /** The first import's index of existing records, read once per run and entity (reset() forgets it). */
  private async existingIndex(client: Bitrix24Client, spec: UpsertSpec, runId: number): Promise<ExistingIndex> {
    const key = `${runId}:${spec.b24Entity}`;
    const cached = this.existing.get(key);
    if (cached) return cached;
    const index = await loadExistingIndex(client, spec);
    // Only the run being applied needs its index: an older run's would only hold memory.
    for (const k of this.existing.keys()) if (!k.startsWith(`${runId}:`)) this.existing.delete(k);
    this.existing.set(key, index);
    this.logger.log({ event: 'sync.first_import_index', b24Entity: spec.b24Entity, existing: index.size });
    return index;
  }

  private recordFailure(spec: UpsertSpec, qbId: string, op: string, e: Bitrix24Error, runId: number): Promise<void> {
    return recordB24WriteFailure({ logger: this.logger, journal: this.journal, now: this.clock.now() }, { ...spec, qbId, op, runId }, e);
  }

  private requireClient(): Bitrix24Client {
    if (!this.client) throw new Error('Bitrix24 is not configured (BITRIX24_WEBHOOK_URL)');
    return this.client;
  }
}

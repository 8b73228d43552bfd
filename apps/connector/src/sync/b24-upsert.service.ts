import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Bitrix24Client, Bitrix24Params } from '@qb-b24/bitrix24-client';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingService } from '../mapping/id-mapping.service.js';
import type { ExistingIndex, MatchKeys } from './b24-existing-index.js';
import { findByIdentity, loadExistingIndex, xmlIdOf } from './b24-identity-lookup.js';
import { needsNoWrite } from './b24-needs-no-write.js';
import { createCost, createInBatches, splitLastCall, splitToFill, type UpsertOutput, type WriteDeps } from './b24-create-batches.js';
import { updateInBatch, type PlannedUpdate } from './b24-update-batch.js';
import { emptyStats, type ApplyStats, type B24Entity } from './qb-entity.js';
import { SyncJournalRepository } from './sync-journal.repository.js';

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

type UpsertContext = { readonly firstRun: boolean; readonly runId: number };

/** An upsert between its lookups and its creates. */
interface Pending {
  readonly spec: UpsertSpec;
  readonly out: UpsertOutput;
  updates: PlannedUpdate[];
  adds: UpsertCandidate[];
}

/** Mapping rows of the records looked up, and (without one) the first import's index or the identity matches. */
interface Lookup {
  readonly qbIds: ReadonlySet<string>;
  readonly maps: Awaited<ReturnType<IdMappingService['findByQbIds']>>;
  readonly index?: ExistingIndex;
  readonly byIdentity?: Map<string, string>;
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

  async upsert(spec: UpsertSpec, items: readonly UpsertCandidate[], ctx: UpsertContext): Promise<UpsertResult> {
    const client = this.requireClient();
    const p = this.pending(spec);
    await this.classify(client, p, await this.lookup(client, spec, items, ctx), items, ctx);
    await this.runUpdates(client, p, ctx);
    await createInBatches(this.writeDeps(client), [{ spec, items: p.adds, out: p.out }], ctx.runId);
    return p.out;
  }

  /**
   * Upserts `first`, then `second`, some of whose records need the Bitrix24 id of one of `first` (a company's contact
   * person needs the company's), with their creates sharing batch calls: the last, partly filled call of `first`'s
   * creates waits, and is filled up with `second`'s records that are ready by then (those that need nothing, then
   * those whose `first` record has its id from an earlier call); the rest follow. `second` is looked up by identity
   * in one read. Costs no more calls than two upserts, and saves one on most pages.
   */
  async upsertPair(
    first: { readonly spec: UpsertSpec; readonly items: readonly UpsertCandidate[] },
    second: {
      readonly spec: UpsertSpec;
      readonly independent: readonly UpsertCandidate[];
      /** qbId of each dependent record → qbId of the `first` record whose Bitrix24 id it needs */
      readonly dependsOn: ReadonlyMap<string, string>;
      /** the dependent records with these qbIds, built with the ids of `first` known so far */
      readonly dependent: (firstIds: ReadonlyMap<string, string>, qbIds: ReadonlySet<string>) => Promise<readonly UpsertCandidate[]>;
    },
    ctx: UpsertContext,
  ): Promise<[UpsertResult, UpsertResult]> {
    const client = this.requireClient();
    const deps = this.writeDeps(client);
    // The lookup below predates the creates: a record both independent and dependent could be created twice.
    if (second.independent.some((i) => second.dependsOn.has(i.qbId)))
      throw new Error(`upsertPair: a ${second.spec.b24Entity} is both independent and dependent`);
    const a = this.pending(first.spec);
    await this.classify(client, a, await this.lookup(client, first.spec, first.items, ctx), first.items, ctx);
    await this.runUpdates(client, a, ctx);
    const [full, tail] = splitLastCall(a.adds);
    await createInBatches(deps, [{ spec: first.spec, items: full, out: a.out }], ctx.runId);
    const b = this.pending(second.spec);
    const found = await this.lookup(client, second.spec, [...second.independent, ...[...second.dependsOn.keys()].map((qbId) => ({ qbId }))], ctx);
    await this.classify(client, b, found, second.independent, ctx);
    // Dependents whose `first` record has an id now (linked before, or created in the calls above).
    const waiting = new Set(second.dependsOn.keys());
    const ready = new Set([...waiting].filter((qbId) => a.out.ids.has(second.dependsOn.get(qbId) ?? '')));
    await this.classify(client, b, found, await second.dependent(a.out.ids, ready), ctx);
    const [fill, later] = splitToFill(
      tail.reduce((n, item) => n + createCost(item), 0),
      b.adds,
    );
    await createInBatches(
      deps,
      [
        { spec: first.spec, items: tail, out: a.out },
        { spec: second.spec, items: fill, out: b.out },
      ],
      ctx.runId,
    );
    b.adds = later;
    for (const qbId of ready) waiting.delete(qbId);
    await this.classify(client, b, found, await second.dependent(a.out.ids, waiting), ctx);
    await this.runUpdates(client, b, ctx);
    await createInBatches(deps, [{ spec: second.spec, items: b.adds, out: b.out }], ctx.runId);
    return [a.out, b.out];
  }

  private pending(spec: UpsertSpec): Pending {
    return { spec, out: { ids: new Map(), stats: emptyStats(), changed: new Set(), created: new Set() }, updates: [], adds: [] };
  }

  /** Mapping rows of these records and, for those without one, what Bitrix24 holds under their identity. */
  private async lookup(client: Bitrix24Client, spec: UpsertSpec, items: readonly { readonly qbId: string }[], ctx: UpsertContext): Promise<Lookup> {
    const qbIds = items.map((i) => i.qbId);
    const maps = await this.mappings.findByQbIds(spec.qbEntity, spec.b24Entity, qbIds);
    const unmapped = qbIds.filter((id) => {
      const m = maps.get(id);
      return !m || m.status === 'deleted';
    });
    if (unmapped.length === 0) return { qbIds: new Set(qbIds), maps };
    if (ctx.firstRun) return { qbIds: new Set(qbIds), maps, index: await this.existingIndex(client, spec, ctx.runId) };
    return { qbIds: new Set(qbIds), maps, byIdentity: await findByIdentity(client, spec, unmapped) };
  }

  /** Sorts records into unchanged, to update (linked, relinked by identity, matched) and to create. */
  private async classify(client: Bitrix24Client, p: Pending, lookup: Lookup, items: readonly UpsertCandidate[], ctx: UpsertContext): Promise<void> {
    const { spec, out } = p;
    // A record the lookup did not cover is looked up now: a create is never sent without it.
    const missed = items.filter((i) => !lookup.qbIds.has(i.qbId));
    const found = missed.length > 0 ? await this.lookup(client, spec, items, ctx) : lookup;
    const unmapped: UpsertCandidate[] = [];
    for (const item of items) {
      const m = found.maps.get(item.qbId);
      if (m && m.status !== 'deleted') {
        out.ids.set(item.qbId, m.b24Id);
        if (needsNoWrite(m, item)) {
          out.stats.unchanged += 1;
          // Nothing to write to Bitrix24, but a newer EditSequence must be kept for later Mods.
          if (item.qbEditSequence !== undefined && item.qbEditSequence !== m.qbEditSequence) {
            out.changed.add(item.qbId);
            // Bitrix24 already shows these values, so they are the agreed ones now (a QuickBooks rename or
            // section change that no Bitrix24 field shows must not leave a stale base behind).
            await this.mappings.update(m.id, {
              qbEditSequence: item.qbEditSequence,
              ...(item.qbHash ? { qbHash: item.qbHash } : {}),
              ...(item.baseJson !== undefined && m.b24Hash === item.hash ? { baseJson: item.baseJson } : {}),
              updatedAt: this.clock.now(),
            });
          }
        } else p.updates.push({ item, b24Id: m.b24Id, how: 'updated' });
      } else unmapped.push(item);
    }
    const { index, byIdentity } = found;
    for (const item of unmapped) {
      const hit = index
        ? index.byIdentity(spec.identity === 'origin' ? item.qbId : undefined, spec.identity === 'xmlId' ? xmlIdOf(item.qbId) : undefined)
        : byIdentity?.get(item.qbId);
      if (hit) {
        out.ids.set(item.qbId, hit);
        p.updates.push({ item, b24Id: hit, how: 'relinked' });
        continue;
      }
      const outcome = index && item.match ? index.match(item.match) : { kind: 'none' as const };
      if (outcome.kind === 'unique') {
        out.ids.set(item.qbId, outcome.id);
        out.stats.matched += 1;
        p.updates.push({ item, b24Id: outcome.id, how: `matched by ${outcome.by}` });
        continue;
      }
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
      p.adds.push(item);
    }
  }

  /** Sends the updates classify found; a record deleted in Bitrix24 meanwhile joins the creates. */
  private async runUpdates(client: Bitrix24Client, p: Pending, ctx: UpsertContext): Promise<void> {
    const recreate = await updateInBatch(this.writeDeps(client), p.spec, p.updates, p.out, ctx.runId);
    p.updates = [];
    p.adds.push(...recreate);
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

  private writeDeps(client: Bitrix24Client): WriteDeps {
    return { client, mappings: this.mappings, journal: this.journal, logger: this.logger, now: () => this.clock.now() };
  }

  private requireClient(): Bitrix24Client {
    if (!this.client) throw new Error('Bitrix24 is not configured (BITRIX24_WEBHOOK_URL)');
    return this.client;
  }
}

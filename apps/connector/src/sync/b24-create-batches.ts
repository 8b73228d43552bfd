import type { Logger } from '@nestjs/common';
import { BATCH_MAX_COMMANDS, type BatchCommand, type Bitrix24Client } from '@qb-b24/bitrix24-client';
import type { IdMappingService } from '../mapping/id-mapping.service.js';
import type { LinkInput } from '../mapping/id-mapping.type.js';
import type { UpsertCandidate, UpsertSpec } from './b24-upsert.service.js';
import { recordB24WriteFailure } from './b24-write-failure.js';
import type { ApplyStats } from './qb-entity.js';
import type { LogInput, SyncJournalRepository } from './sync-journal.repository.js';

/** What an upsert has found out and written so far; the creates add to it. */
export interface UpsertOutput {
  readonly ids: Map<string, string>;
  readonly stats: ApplyStats;
  readonly changed: Set<string>;
  readonly created: Set<string>;
}

/** Records of one entity to create, and where their outcome goes. */
export interface CreateGroup {
  readonly spec: UpsertSpec;
  readonly items: readonly UpsertCandidate[];
  readonly out: UpsertOutput;
}

export interface WriteDeps {
  readonly client: Bitrix24Client;
  readonly mappings: IdMappingService;
  readonly journal: SyncJournalRepository;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** Commands a create costs: a deal's product rows are a second command, which must share the add's batch call. */
export const createCost = (item: Pick<UpsertCandidate, 'rows'>): number => (item.rows ? 2 : 1);

/**
 * Splits `items` into those that fill up the last batch call of creates costing `leadCost` commands, and the rest:
 * creates that need nothing from the lead's results can ride in its partly filled call instead of opening one of
 * their own. Pure.
 */
export function splitToFill<T extends Pick<UpsertCandidate, 'qbId' | 'rows'>>(leadCost: number, items: readonly T[]): [T[], T[]] {
  let room = leadCost === 0 ? 0 : (BATCH_MAX_COMMANDS - (leadCost % BATCH_MAX_COMMANDS)) % BATCH_MAX_COMMANDS;
  let n = 0;
  for (const item of items) {
    if (createCost(item) > room) break;
    room -= createCost(item);
    n += 1;
  }
  return [items.slice(0, n), items.slice(n)];
}

/**
 * Splits `items` into those that fill whole batch calls of creates and those of the last, partly filled call (empty
 * when the last call is full), as createInBatches would send them. Pure.
 */
export function splitLastCall<T extends Pick<UpsertCandidate, 'qbId' | 'rows'>>(items: readonly T[]): [T[], T[]] {
  let start = 0;
  let size = 0;
  for (const [i, item] of items.entries()) {
    if (size + createCost(item) > BATCH_MAX_COMMANDS) {
      start = i;
      size = 0;
    }
    size += createCost(item);
  }
  return size === BATCH_MAX_COMMANDS ? [[...items], []] : [items.slice(0, start), items.slice(start)];
}

/**
 * Creates the groups' records through batch, in order, packed into as few calls of at most 50 commands as they fit
 * (a group ending mid-call leaves the rest of that call to the next group); links and journals each record created.
 * Packing pays because the portal's request-rate limit counts one batch call as one request, whatever it holds
 * (shared/reference/bitrix24.md §2.1), and a batch takes at most 50 commands (§3).
 * A create whose answer is lost fails the whole call, and the page's retry finds the record by its identity first.
 */
export async function createInBatches(deps: WriteDeps, groups: readonly CreateGroup[], runId: number): Promise<void> {
  let chunk: { group: CreateGroup; item: UpsertCandidate; key: string }[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const cmds: Record<string, BatchCommand> = {};
    for (const { group, item, key } of chunk) {
      cmds[`a${key}`] = { method: `crm.${group.spec.b24Entity}.add`, params: { fields: { ...item.fields, ...item.createOnly } } };
      if (item.rows) cmds[`r${key}`] = { method: 'crm.deal.productrows.set', params: { id: `$result[a${key}]`, rows: [...item.rows] } };
    }
    const res = await deps.client.batch(cmds);
    const now = deps.now();
    const links: LinkInput[] = [];
    const logs: LogInput[] = [];
    for (const { group, item, key } of chunk) {
      const { spec, out } = group;
      const e = res.errors.get(`a${key}`);
      const id = res.results.get(`a${key}`);
      if (e || (typeof id !== 'number' && typeof id !== 'string')) {
        out.stats.failed += 1;
        if (e) await recordB24WriteFailure({ ...deps, now }, { ...spec, qbId: item.qbId, op: 'add', runId }, e);
        continue;
      }
      const b24Id = String(id);
      const rowsError = res.errors.get(`r${key}`);
      out.ids.set(item.qbId, b24Id);
      out.changed.add(item.qbId);
      out.created.add(item.qbId);
      out.stats.created += 1;
      // A failed rows command leaves the hash unset, so the next run rewrites the deal and its rows.
      links.push({ ...linkOf(spec, item, b24Id), ...(rowsError ? { b24Hash: null } : {}) });
      if (rowsError) await recordB24WriteFailure({ ...deps, now }, { ...spec, qbId: item.qbId, op: 'productrows', runId }, rowsError);
      logs.push({ direction: 'qb->b24', action: 'created', qbEntity: spec.qbEntity, qbId: item.qbId, b24Entity: spec.b24Entity, b24Id });
    }
    await deps.mappings.link(links, now);
    await deps.journal.log(logs, now);
    chunk = [];
    size = 0;
  };
  let n = 0;
  for (const group of groups) {
    for (const item of group.items) {
      if (size + createCost(item) > BATCH_MAX_COMMANDS) await flush();
      chunk.push({ group, item, key: String(n++) });
      size += createCost(item);
    }
  }
  await flush();
}

/** The mapping row of a record written from this candidate. */
export function linkOf(spec: UpsertSpec, item: UpsertCandidate, b24Id: string): LinkInput {
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

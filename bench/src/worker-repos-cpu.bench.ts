import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { B24EventInboxRepository } from '../../apps/connector/dist/bitrix/b24-event-inbox.repository.js';
import { dataSourceOptions } from '../../apps/connector/dist/database/data-source-options.js';
import { openAndMigrate } from '../../apps/connector/dist/database/migrate-under-lock.js';
import { IdMappingRepository } from '../../apps/connector/dist/mapping/id-mapping.repository.js';
import type { LinkInput } from '../../apps/connector/dist/mapping/id-mapping.type.js';
import { SyncJournalRepository } from '../../apps/connector/dist/sync/sync-journal.repository.js';
import type { BenchFigure } from './index.js';

const bench = 'worker-repos-cpu';
/** Records per round and page size: a 2,000-customer company applied in pages of 100, as the worker does. */
const RECORDS = Number(process.env['BENCH_RECORDS'] ?? '2000');
const PAGE = 100;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '5');

/** CPU (user + system) the process spent in `work`, in microseconds. */
async function cpuOf(work: () => Promise<void>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

const pages = <T>(all: readonly T[]): T[][] => Array.from({ length: Math.ceil(all.length / PAGE) }, (_, i) => all.slice(i * PAGE, (i + 1) * PAGE));

function linksOf(round: number, status: string): LinkInput[] {
  return Array.from({ length: RECORDS }, (_, i) => ({
    qbEntity: 'customer',
    qbId: `80000${round}-${i}`,
    b24Entity: 'contact',
    b24Id: String(round * RECORDS + i),
    qbEditSequence: `${1700000000 + i}`,
    qbHash: `h${i}`,
    status,
  }));
}

/** One round of the worker's per-record statements; returns µs of CPU per record for each step. */
async function round(ds: DataSource, r: number): Promise<Map<string, number>> {
  const mappings = new IdMappingRepository(ds);
  const journal = new SyncJournalRepository(ds);
  const now = new Date(Date.UTC(2026, 11, 7) + r * 1_000_000);
  const inbox = new B24EventInboxRepository(ds, { now: () => now });
  const links = linksOf(r, 'linked');
  const ids = links.map((l) => l.qbId);
  const out = new Map<string, number>();
  const step = async (name: string, work: () => Promise<void>): Promise<void> => {
    out.set(name, (await cpuOf(work)) / RECORDS);
  };
  await step('link (new), per record', async () => {
    for (const p of pages(links)) await mappings.link(p, now);
  });
  await step('link (replayed), per record', async () => {
    for (const p of pages(linksOf(r, 'linked'))) await mappings.link(p, now);
  });
  let found: { id: number }[] = [];
  await step('findByQbIds (page of 100), per record', async () => {
    for (const p of pages(ids)) found.push(...(await mappings.findByQbIds('customer', 'contact', p)).values());
  });
  await step('findByQbId + findByB24Id, per record', async () => {
    for (const l of links) {
      await mappings.findByQbId(l.qbEntity, l.qbId);
      await mappings.findByB24Id(l.b24Entity, l.b24Id);
    }
  });
  await step('update (EditSequence), per record', async () => {
    for (const m of found) await mappings.update(m.id, { qbEditSequence: 'x', updatedAt: now });
  });
  found = [];
  await step('sync log (page of 100), per record', async () => {
    for (const p of pages(links)) {
      await journal.log(
        p.map((l) => ({ direction: 'qb->b24', action: 'created', qbEntity: l.qbEntity, qbId: l.qbId, b24Entity: l.b24Entity, b24Id: l.b24Id, detail: null })),
        now,
      );
    }
  });
  await step('event store, per event', async () => {
    for (const l of links) await inbox.store({ event: 'ONCRMCONTACTUPDATE', b24Entity: 'contact', b24Id: l.b24Id, action: 'update', ts: String(r) });
  });
  // As the event processor marks them: the whole batch in one commit.
  await step('event pending (100) + marking the batch, per event', async () => {
    for (let batch = await inbox.pending(PAGE); batch.length > 0; batch = await inbox.pending(PAGE)) {
      await inbox.markEachProcessed(batch.map((e) => ({ id: e.id, status: 'processed' })));
    }
  });
  return out;
}

/**
 * Issue 14: the Bitrix24 worker shares the event loop with the Web Connector calls, so the CPU of its per-record
 * statements (id mappings, the event inbox, the sync log) delays every call in flight. This prints that CPU per record
 * on a SQLite file, min–max over the rounds (`npm run bench -- worker-repos-cpu`; BENCH_RECORDS, BENCH_ROUNDS).
 */
export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-repos-'));
  const ds = await openAndMigrate(dataSourceOptions({ type: 'sqlite', path: path.join(dir, 'bench.sqlite'), busyTimeoutMs: 5_000 }));
  try {
    await round(ds, 0); // warm-up: JIT, prepared statements, TypeORM metadata
    const all = new Map<string, number[]>();
    for (let r = 1; r <= ROUNDS; r += 1) {
      for (const [name, micros] of await round(ds, r)) all.set(name, [...(all.get(name) ?? []), micros]);
    }
    return [...all].map(([name, micros]) => ({
      bench,
      figure: `CPU ${name} (${RECORDS} records, ${ROUNDS} rounds)`,
      value: `${Math.min(...micros).toFixed(1)}–${Math.max(...micros).toFixed(1)} µs`,
      target: 'none (the p99 target is soap-concurrent)',
    }));
  } finally {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

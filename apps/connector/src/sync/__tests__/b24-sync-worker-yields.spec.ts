import type { SchedulerRegistry } from '@nestjs/schedule';
import { GIVE_WAY_MAX_MS, WebConnectorCalls } from '../../common/web-connector-calls.js';
import type { Bitrix24Client } from '@qb-b24/bitrix24-client';
import type { Bitrix24Connection } from '../../bitrix/bitrix24-connection.js';
import type { MappingPortalCheckService } from '../../bitrix/mapping-portal-check.service.js';
import type { OwnershipService } from '../../ownership/ownership.service.js';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../common/clock.js';
import type { B24EventProcessorService } from '../b24-event-processor.service.js';
import { B24SyncWorkerService } from '../b24-sync-worker.service.js';
import type { B24UpsertService } from '../b24-upsert.service.js';
import { emptyStats, type ApplyStats } from '../qb-entity.js';
import type { QbReadStrategy } from '../qb-read-strategy.js';
import type { StagedPageEntity } from '../staged-page.entity.js';
import type { StagedPageRepository } from '../staged-page.repository.js';
import type { SyncJournalRepository } from '../sync-journal.repository.js';
import { eventLoopTurnsDuring } from '../../common/__tests__/event-loop-turns.js';

/** Staged pages in memory; like better-sqlite3, every call settles without waiting for I/O. */
class FakeStagedPages {
  readonly pages: StagedPageEntity[];

  constructor(count: number) {
    this.pages = Array.from({ length: count }, (_, i) => ({
      id: i + 1,
      pageKey: `page-${i + 1}`,
      runId: 1,
      entity: 'customer',
      kind: 'records',
      firstRun: false,
      payloadJson: '{"retType":"customer","rets":[]}',
      recordCount: 0,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: new Date(0),
      lastAttemptAt: null,
    }));
  }

  async next(): Promise<StagedPageEntity | null> {
    return this.pages[0] ?? null;
  }

  async applied(id: number): Promise<void> {
    const i = this.pages.findIndex((p) => p.id === id);
    if (i >= 0) this.pages.splice(i, 1);
  }
}

/** A strategy whose pages need no Bitrix24 call (every record unchanged): applying one is database work only. */
const unchangedCustomers = { entity: 'customer', applyPage: async (): Promise<ApplyStats> => emptyStats() } as unknown as QbReadStrategy;

function worker(pages: FakeStagedPages, calls = new WebConnectorCalls()): B24SyncWorkerService {
  const clock: Clock = { now: () => new Date(0) };
  return new B24SyncWorkerService(
    { client: {} as Bitrix24Client } as Bitrix24Connection,
    [unchangedCustomers],
    pages as unknown as StagedPageRepository,
    { reset: () => undefined } as unknown as B24UpsertService,
    { processPending: async () => 0 } as unknown as B24EventProcessorService,
    { addRunStats: async () => undefined } as unknown as SyncJournalRepository,
    {} as SchedulerRegistry,
    clock,
    { allowsWrites: async () => true } as unknown as MappingPortalCheckService,
    { owns: () => true, onWork: () => undefined, beforeRelease: () => undefined } as unknown as OwnershipService,
    calls,
  );
}

describe('the Bitrix24 worker shares the thread with Web Connector calls', () => {
  it('a backlog of pages that need no Bitrix24 call still lets the event loop answer requests between pages', async () => {
    const pages = new FakeStagedPages(40);
    const { turns } = await eventLoopTurnsDuring(() => worker(pages).drain());
    expect(pages.pages).toEqual([]);
    // One turn of the event loop (where a waiting HTTP request is read and answered) at least per page.
    expect(turns).toBeGreaterThanOrEqual(40);
  });

  it('while a Web Connector call is being answered no page is applied; once it ends the backlog drains', async () => {
    const pages = new FakeStagedPages(3);
    const calls = new WebConnectorCalls();
    const endCall = calls.begin();
    const drained = worker(pages, calls).drain();
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(pages.pages).toHaveLength(3);
    endCall();
    await drained;
    expect(pages.pages).toEqual([]);
  });

  it('calls that never stop delay each page by a bounded time only', async () => {
    const pages = new FakeStagedPages(2);
    const calls = new WebConnectorCalls();
    calls.begin();
    const started = Date.now();
    await worker(pages, calls).drain();
    expect(pages.pages).toEqual([]);
    // Two pages, each after at most GIVE_WAY_MAX_MS (250 ms) of waiting.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * GIVE_WAY_MAX_MS - 20);
  });
});

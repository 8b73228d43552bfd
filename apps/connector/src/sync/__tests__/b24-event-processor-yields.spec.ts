import type { Bitrix24Client } from '@qb-b24/bitrix24-client';
import { GIVE_WAY_MAX_MS, WebConnectorCalls } from '../../common/web-connector-calls.js';
import { describe, expect, it } from 'vitest';
import type { B24EventInboxService } from '../../bitrix/b24-event-inbox.service.js';
import type { B24Event } from '../../bitrix/b24-event.type.js';
import type { Bitrix24Connection } from '../../bitrix/bitrix24-connection.js';
import type { Clock } from '../../common/clock.js';
import { B24EventProcessorService } from '../b24-event-processor.service.js';
import type { OutboxQueryRepository } from '../outbox-query.repository.js';
import type { OutboxRepository } from '../outbox.repository.js';
import type { StagedPageRepository } from '../staged-page.repository.js';
import type { StrategyRegistry } from '../strategy-registry.js';
import type { SyncJournalRepository } from '../sync-journal.repository.js';
import type { UserFieldContextService } from '../user-field-context.service.js';
import type { WatermarkRepository } from '../watermark.repository.js';
import { eventLoopTurnsDuring } from '../../common/__tests__/event-loop-turns.js';

const event = (i: number): B24Event => ({
  id: i,
  event: 'ONCRMCONTACTUPDATE',
  b24Entity: 'contact',
  b24Id: String(i),
  action: 'update',
  ts: null,
  status: 'pending',
  note: null,
  receivedAt: new Date(0),
  processedAt: null,
});

/** Pending events in memory; like better-sqlite3, every call settles without waiting for I/O. */
class FakeInbox {
  readonly processed = new Map<number, string>();
  constructor(private pendingEvents: B24Event[]) {}
  async pending(limit: number): Promise<B24Event[]> {
    return this.pendingEvents.filter((e) => !this.processed.has(e.id)).slice(0, limit);
  }
  async markEachProcessed(outcomes: readonly { id: number; status: string }[]): Promise<void> {
    for (const o of outcomes) this.processed.set(o.id, o.status);
  }
}

/** A portal that answers a batch of gets at once (a resolved promise: no I/O, so no turn of the event loop). */
const portal = {
  batch: async (cmds: Record<string, { params: { id: string } }>) => ({
    results: new Map(Object.entries(cmds).map(([key, c]) => [key, { ID: c.params.id, NAME: 'Unchanged' }])),
    errors: new Map(),
  }),
} as unknown as Bitrix24Client;

function processor(inbox: FakeInbox, calls = new WebConnectorCalls()): B24EventProcessorService {
  const unchanged = { decide: async () => ({ queue: false, note: 'unchanged since the last sync' }) };
  const clock: Clock = { now: () => new Date(0) };
  return new B24EventProcessorService(
    { client: portal } as Bitrix24Connection,
    inbox as unknown as B24EventInboxService,
    {} as OutboxRepository,
    { writtenKinds: [], writePartForB24: () => unchanged } as unknown as StrategyRegistry,
    {} as SyncJournalRepository,
    {} as WatermarkRepository,
    { isEmpty: async () => true } as unknown as StagedPageRepository,
    clock,
    {} as UserFieldContextService,
    calls,
    { hasQueuedChange: async () => false } as unknown as OutboxQueryRepository,
  );
}

describe('the Bitrix24 event processor shares the thread with Web Connector calls', () => {
  it('a batch of 100 events whose records need only database work lets the event loop answer requests between records', async () => {
    const inbox = new FakeInbox(Array.from({ length: 100 }, (_, i) => event(i + 1)));
    const { result: handled, turns } = await eventLoopTurnsDuring(() => processor(inbox).processPending());
    expect(handled).toBe(100);
    expect([...inbox.processed.values()].every((s) => s === 'ignored')).toBe(true);
    // One turn of the event loop (where a waiting HTTP request is read and answered) at least per record.
    expect(turns).toBeGreaterThanOrEqual(100);
  });

  it('while a Web Connector call is being answered it waits after each record, a bounded time, and still finishes', async () => {
    const inbox = new FakeInbox(Array.from({ length: 2 }, (_, i) => event(i + 1)));
    const calls = new WebConnectorCalls();
    calls.begin();
    const started = Date.now();
    expect(await processor(inbox, calls).processPending()).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * GIVE_WAY_MAX_MS - 20);
    expect(inbox.processed.size).toBe(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { OutboxDispatcherService } from '../../apps/connector/src/sync/outbox-dispatcher.service.js';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { OutboxRepository, type OutboxPayload } from '../../apps/connector/src/sync/outbox.repository.js';
import type { QbWritePart } from '../../apps/connector/src/sync/qb-write-part.js';
import { StrategyRegistry } from '../../apps/connector/src/sync/strategy-registry.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The Bitrix24 worker turns events into queued writes while a Web Connector session hands queued writes to QuickBooks
// (they interleave at every await; with several processes on PostgreSQL they run in parallel). A contact's newer
// change coalesces into its pending row. If that happens while the session builds the row's request from the older
// values, the older values must not be what QuickBooks gets: the row would then be marked done with the newer change
// never sent, and the next read of the customer from QuickBooks would write the older values back over Bitrix24.

const payload = (name: string, hash: string): OutboxPayload => ({ kind: 'customer', desired: { name, firstName: name }, b24Hash: hash });

describe('a queued write that changes while its request is being built', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('goes to QuickBooks with its newer values, and the row handed out holds those values', async () => {
    t = await startTestApp();
    const outbox = t.app.get(OutboxRepository);
    const dispatcher = t.app.get(OutboxDispatcherService);
    const part = t.app.get(StrategyRegistry).writePartFor('customer') as QbWritePart;
    const now = t.clock.now();
    await outbox.enqueue({ b24Entity: 'contact', b24Id: '7', qbEntity: 'customer', payload: payload('Ann Old', 'h1'), idempotencyKey: 'contact:7:h1' }, now);

    // The event of the contact's next edit is processed while the session builds the first request (a fake step in
    // the real strategy's build: the await at which the worker would run).
    const build = part.buildWrite.bind(part);
    let edits = 0;
    part.buildWrite = async (ctx, requestID) => {
      const request = await build(ctx, requestID);
      if (edits === 0) {
        edits += 1;
        const queued = await outbox.enqueue(
          { b24Entity: 'contact', b24Id: '7', qbEntity: 'customer', payload: payload('Ann New', 'h2'), idempotencyKey: 'contact:7:h2' },
          now,
        );
        expect(queued).toBe('coalesced');
      }
      return request;
    };

    const batch = await dispatcher.nextBatch('ticket-hash', 'p1');
    expect(edits).toBe(1);
    expect(batch?.requests).toHaveLength(1);
    expect(JSON.stringify(batch?.requests[0])).toContain('Ann New');
    expect(JSON.stringify(batch?.requests[0])).not.toContain('Ann Old');
    const rows = await t.db.getRepository(OutboxEntity).find();
    expect(rows.map((r) => [r.b24Id, r.status, r.idempotencyKey])).toEqual([['7', 'in_flight', 'contact:7:h2']]);
  });
});

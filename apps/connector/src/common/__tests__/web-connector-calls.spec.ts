import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebConnectorCalls } from '../web-connector-calls.js';

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  // Twice: a waiter released by the last call's end resumes in a turn of its own (setImmediate).
  await vi.advanceTimersByTimeAsync(0);
  await vi.advanceTimersByTimeAsync(0);
  return done;
};

describe('WebConnectorCalls: background work gives way to Web Connector calls, for a bounded time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('with no call being answered the worker goes on at once', async () => {
    vi.useFakeTimers();
    expect(await settled(new WebConnectorCalls().quiet(250))).toBe(true);
  });

  it('waits while calls are answered and goes on when the last one ends, not the first', async () => {
    vi.useFakeTimers();
    const calls = new WebConnectorCalls();
    const endA = calls.begin();
    const endB = calls.begin();
    const quiet = calls.quiet(250);
    expect(await settled(quiet)).toBe(false);
    endA();
    // Ending the same call twice (answer sent, then the connection closed) counts once.
    endA();
    expect(calls.inFlight).toBe(1);
    expect(await settled(quiet)).toBe(false);
    endB();
    expect(calls.inFlight).toBe(0);
    expect(await settled(quiet)).toBe(true);
  });

  it('a stream of calls that never pauses delays the worker by at most maxWaitMs', async () => {
    vi.useFakeTimers();
    const calls = new WebConnectorCalls();
    calls.begin();
    const quiet = calls.quiet(250);
    await vi.advanceTimersByTimeAsync(249);
    expect(await settled(quiet)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(quiet)).toBe(true);
  });

  it('a call stepping aside waits for the other calls, and does not count meanwhile', async () => {
    vi.useFakeTimers();
    const calls = new WebConnectorCalls();
    const endOther = calls.begin();
    const endOwn = calls.begin();
    const aside = calls.stepAside(250);
    expect(calls.inFlight).toBe(1);
    // The worker waiting for quiet is not held back by the call that stepped aside.
    const worker = calls.quiet(250);
    expect(await settled(aside)).toBe(false);
    endOther();
    expect(await settled(aside)).toBe(true);
    expect(await settled(worker)).toBe(true);
    // Back at work, it counts again until its answer is out.
    expect(calls.inFlight).toBe(1);
    endOwn();
    expect(calls.inFlight).toBe(0);
  });

  it('two calls stepping aside do not wait for each other, and a stream of others delays them at most maxWaitMs', async () => {
    vi.useFakeTimers();
    const calls = new WebConnectorCalls();
    calls.begin();
    calls.begin();
    const first = calls.stepAside(250);
    const second = calls.stepAside(250);
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(true);
    calls.begin();
    calls.begin();
    const third = calls.stepAside(250);
    await vi.advanceTimersByTimeAsync(249);
    expect(await settled(third)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(third)).toBe(true);
  });

  it('a call whose connection closes while it stands aside leaves the count right once it resumes', async () => {
    vi.useFakeTimers();
    const calls = new WebConnectorCalls();
    const endOther = calls.begin();
    const endOwn = calls.begin();
    const aside = calls.stepAside(250);
    endOwn();
    expect(calls.inFlight).toBe(0);
    endOther();
    await settled(aside);
    expect(calls.inFlight).toBe(0);
    const endNext = calls.begin();
    expect(calls.inFlight).toBe(1);
    endNext();
    expect(calls.inFlight).toBe(0);
  });

  it('work released together resumes one at a time: a call stepping aside after the worker has run up to its first real wait', async () => {
    const calls = new WebConnectorCalls();
    const endOther = calls.begin();
    calls.begin();
    const order: string[] = [];
    // Like a page apply on better-sqlite3: statements that resolve at once, awaited one after another.
    const worker = (async () => {
      await calls.quiet(250);
      for (let i = 0; i < 5; i += 1) {
        order.push(`worker ${i}`);
        await Promise.resolve();
      }
    })();
    const aside = (async () => {
      await calls.stepAside(250);
      order.push('answer');
    })();
    endOther();
    await Promise.all([worker, aside]);
    // Interleaved, the two transactions would share the one SQLite connection (see stepAside).
    expect(order).toEqual(['worker 0', 'worker 1', 'worker 2', 'worker 3', 'worker 4', 'answer']);
  });

  it('two background waiters released by the same call resume one after the other, not interleaved', async () => {
    const calls = new WebConnectorCalls();
    const end = calls.begin();
    const order: string[] = [];
    const unit = async (name: string): Promise<void> => {
      await calls.quiet(250);
      for (let i = 0; i < 3; i += 1) {
        order.push(`${name} ${i}`);
        await Promise.resolve();
      }
    };
    const both = Promise.all([unit('worker'), unit('events')]);
    end();
    await both;
    expect(order).toEqual(['worker 0', 'worker 1', 'worker 2', 'events 0', 'events 1', 'events 2']);
  });
});

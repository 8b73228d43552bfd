import { describe, expect, it } from 'vitest';
import { RequestTurns } from '../request-turns.js';
import { turnCounter } from './event-loop-turns.js';

/** Admits `n` requests at once; each costs `costMs` on the fake clock. Resolves with the turn each one started in. */
async function admitAll(turns: RequestTurns, n: number, clock: { ms: number }, costMs: number, turnNow: () => number): Promise<number[]> {
  const startedIn: number[] = [];
  await new Promise<void>((resolve) => {
    for (let i = 0; i < n; i += 1) {
      turns.admit(() => {
        startedIn[i] = turnNow();
        clock.ms += costMs;
        if (startedIn.filter((t) => t !== undefined).length === n) resolve();
      });
    }
  });
  return startedIn;
}

describe('RequestTurns: a burst of requests is started over several turns of the event loop, in order', () => {
  it('starts every request, in order of arrival, and all in one turn while they fit in the budget', async () => {
    const clock = { ms: 0 };
    const turns = new RequestTurns(2, () => clock.ms);
    const counter = turnCounter();
    const order: number[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 5; i += 1)
        turns.admit(() => {
          order.push(i);
          clock.ms += 0.1;
          if (order.length === 5) resolve();
        });
    });
    counter.stop();
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('a turn stops starting requests once it has spent its budget: the rest wait for the next turn', async () => {
    const clock = { ms: 0 };
    const counter = turnCounter();
    // Each request costs 1 ms against a 2 ms budget: two per turn.
    const startedIn = await admitAll(new RequestTurns(2, () => clock.ms), 6, clock, 1, counter.now);
    counter.stop();
    const perTurn = new Map<number, number>();
    for (const t of startedIn) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect([...perTurn.values()]).toEqual([2, 2, 2]);
    // Still in order of arrival across turns.
    expect([...startedIn].sort((a, b) => a - b)).toEqual(startedIn);
  });

  it('after a connection was accepted, a turn starts one request only, so the next connection is accepted a turn later', async () => {
    const clock = { ms: 0 };
    const counter = turnCounter();
    const turns = new RequestTurns(2, () => clock.ms);
    turns.connectionAccepted();
    // Cheap requests (0.1 ms): without the connection all four would start in one turn.
    const startedIn = await admitAll(turns, 4, clock, 0.1, counter.now);
    counter.stop();
    expect(new Set(startedIn).size).toBe(2);
    expect(startedIn[0]).toBeLessThan(startedIn[1] ?? 0);
    // The turn after the short one had no new connection: it started the other three.
    expect(startedIn[1]).toBe(startedIn[3]);
  });

  it('every turn starts at least one request, however long the work before it took', async () => {
    const counter = turnCounter();
    // A clock that moves 5 ms at every look, as if other work (the worker, a timer) ran between the turn's start and
    // each request: no request ever finds the turn within its 2 ms budget, yet each turn starts one.
    let ms = 0;
    const turns = new RequestTurns(2, () => (ms += 5));
    const startedIn: number[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 3; i += 1)
        turns.admit(() => {
          startedIn.push(counter.now());
          if (startedIn.length === 3) resolve();
        });
    });
    counter.stop();
    expect(new Set(startedIn).size).toBe(3);
  });
});

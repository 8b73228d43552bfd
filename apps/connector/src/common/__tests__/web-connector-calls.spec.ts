import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebConnectorCalls } from '../web-connector-calls.js';

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => {
    done = true;
  });
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
});

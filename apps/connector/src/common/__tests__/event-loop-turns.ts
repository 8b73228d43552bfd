/** Counts turns of the event loop (one setImmediate chain, so each count is one look at the network) until stopped. */
export function turnCounter(): { readonly now: () => number; stop: () => void } {
  let turns = 0;
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turns,
    stop: () => {
      stopped = true;
    },
  };
}

/**
 * Runs `work` and counts the turns the event loop made meanwhile (a turn is where a waiting HTTP request is read and
 * answered). better-sqlite3 is synchronous, so database-only work that never yields makes none.
 */
export async function eventLoopTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  const counter = turnCounter();
  try {
    return { result: await work(), turns: counter.now() };
  } finally {
    counter.stop();
  }
}

/**
 * Runs `work` and counts the turns the event loop made meanwhile (a turn is where a waiting HTTP request is read and
 * answered). better-sqlite3 is synchronous, so database-only work that never yields makes none.
 */
export async function eventLoopTurnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const tick = (): void => {
    if (done) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { result: await work(), turns };
  } finally {
    done = true;
  }
}

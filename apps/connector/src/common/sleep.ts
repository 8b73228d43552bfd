/** Waiting is injected like time, so tests of a delay hold or release it by hand instead of sleeping. */
export type Sleep = (ms: number) => Promise<void>;

export const SLEEP = Symbol('SLEEP');

/**
 * A timer, not a busy wait: the event loop keeps serving other requests meanwhile. Unref'd, so a pending
 * delay never keeps a stopping process alive.
 */
export const timerSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

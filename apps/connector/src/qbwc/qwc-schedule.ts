/**
 * Without a <Scheduler> Web Connector only runs when someone clicks Update Selected (qbwc.md §1, §8), so every
 * .qwc we write asks for a run every 15 minutes; the user can still change the interval in Web Connector.
 */
export const DEFAULT_RUN_EVERY_MINUTES = 15;

/** Whole minutes, at least 1 (Web Connector's UI minimum, qbwc.md §8), at most a day. */
export const MIN_RUN_EVERY_MINUTES = 1;
export const MAX_RUN_EVERY_MINUTES = 1440;

/** Parses a --run-every-minutes / QWC_RUN_EVERY_MINUTES value: undefined unless whole minutes in range. Pure. */
export function parseRunEveryMinutes(value: string): number | undefined {
  if (!/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= MIN_RUN_EVERY_MINUTES && n <= MAX_RUN_EVERY_MINUTES ? n : undefined;
}

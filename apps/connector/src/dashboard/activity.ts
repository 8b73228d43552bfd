const HOUR_MS = 3600_000;

/** One hour of the dashboard's 24-hour chart. */
export interface ActivityHour {
  /** Start of the hour, ISO 8601 UTC (the page labels it in the PC's local time). */
  readonly at: string;
  readonly qbToB24: number;
  readonly b24ToQb: number;
  readonly errors: number;
  /** Rows waiting in the queue toward QuickBooks at the end of the hour (now, for the current one). */
  readonly queueDepth: number;
}

export interface ActivityInput {
  readonly now: Date;
  readonly synced: readonly { readonly hour: number; readonly direction: string; readonly count: number }[];
  readonly errors: readonly { readonly hour: number; readonly count: number }[];
  readonly queue: readonly { readonly from: Date; readonly to: Date | null }[];
}

/** The first instant the chart covers: the start of the hour 23 hours before the current one. */
export function activitySince(now: Date): Date {
  return new Date((Math.floor(now.getTime() / HOUR_MS) - 23) * HOUR_MS);
}

/** 24 hourly buckets, oldest first, the current hour last. Pure. */
export function buildActivity(input: ActivityInput): ActivityHour[] {
  const current = Math.floor(input.now.getTime() / HOUR_MS);
  const out: ActivityHour[] = [];
  for (let hour = current - 23; hour <= current; hour += 1) {
    const end = hour === current ? input.now.getTime() : (hour + 1) * HOUR_MS;
    const count = (direction: string): number => input.synced.filter((s) => s.hour === hour && s.direction === direction).reduce((n, s) => n + s.count, 0);
    out.push({
      at: new Date(hour * HOUR_MS).toISOString(),
      qbToB24: count('qb->b24'),
      b24ToQb: count('b24->qb'),
      errors: input.errors.filter((e) => e.hour === hour).reduce((n, e) => n + e.count, 0),
      queueDepth: input.queue.filter((q) => q.from.getTime() <= end && (q.to === null || q.to.getTime() > end)).length,
    });
  }
  return out;
}

import type { Harness } from './sync-harness.js';

/**
 * Every write the portal has received so far, batched ones included: adds, updates, deletes, field sets and timeline
 * entries. A second session over unchanged books must add none.
 */
export function portalWrites(x: Harness): string[] {
  return x.portal.calls
    .flatMap((c) => (c.method === 'batch' ? (c.batchMethods ?? []) : [c.method]))
    .filter((m) => /\.(add|update|delete|set)$/.test(m) || m.startsWith('crm.timeline'));
}

/** What one more session an hour later saw: inside the overlap window, so QuickBooks hands it the same records again. */
export interface Rerun {
  readonly outcome: string;
  readonly writes: string[];
  readonly deals: number;
}

/** Runs one more session an hour later and reports its outcome, the portal writes it made and the deals after it. */
export async function sessionAnHourLater(x: Harness): Promise<Rerun> {
  x.qb.advance(3600_000);
  x.portal.resetCalls();
  const { outcome } = await x.session();
  return { outcome, writes: portalWrites(x), deals: x.portal.list('deal').length };
}

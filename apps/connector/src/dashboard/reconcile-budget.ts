/** How long GET /admin/reconcile may spend on Bitrix24; a token so tests can shrink it. */
export interface ReconcileBudget {
  /** The whole report, every entity scan included. */
  readonly deadlineMs: number;
  /** One HTTP call; there are no retries, so a dead portal fails on the first call. */
  readonly callTimeoutMs: number;
}

export const RECONCILE_BUDGET = Symbol('RECONCILE_BUDGET');

// An operator is waiting on the page: "Bitrix24 is unreachable" within 5 s beats a full report after the
// sync client's six retries (~1 min). The sync's own client keeps its retries (bitrix.module.ts).
export const DEFAULT_RECONCILE_BUDGET: ReconcileBudget = { deadlineMs: 5_000, callTimeoutMs: 4_000 };

import type { ApplyStats, QbEntity } from './qb-entity.js';

export interface ReadStep {
  readonly kind: 'read';
  readonly entity: QbEntity;
  readonly firstRun: boolean;
  /** Epoch ms the query reads from (watermark minus overlap); undefined = everything. */
  readonly sinceMs?: number;
  iteratorID?: string;
  remaining?: number;
  seen: number;
  /** Latest TimeModified seen (true UTC): the next watermark once the whole iteration is applied. */
  maxModifiedMs?: number;
  done: boolean;
}

export interface DeletedStep {
  readonly kind: 'deleted';
  readonly entity: QbEntity;
  readonly sinceMs?: number;
  done: boolean;
}

/**
 * Reads again, by id, the records staged pages asked for (the qb_reread queue, e.g. the invoices a payment is applied
 * to), before the session ends. Their pages stage and apply like any page of the entity; the
 * entity's watermark does not move.
 */
export interface ReReadStep {
  readonly kind: 'reread';
  readonly entity: QbEntity;
  /** The ids of the request awaiting its answer: asked again if that answer is lost. */
  inFlight: string[];
  done: boolean;
}

/** Hands out queued Bitrix24 → QuickBooks writes (filled in by the outbox dispatcher). */
export interface WriteStep {
  readonly kind: 'write';
  inFlight: number[];
  sent: number;
  done: boolean;
}

export type Step = ReadStep | DeletedStep | ReReadStep | WriteStep;

export interface SessionPlan {
  readonly runId: number;
  readonly steps: Step[];
  /** requestID prefix of the message awaiting its response, or null. */
  awaiting: string | null;
  seq: number;
  stats: Record<string, ApplyStats>;
  /** Records read from QuickBooks and staged for Bitrix24, per entity (absent in plans of older versions). */
  read?: Record<string, number>;
  errors: string[];
}
/** Percent of the planned work done: finished steps plus the finished share of the running iterator. Pure. */
export function progressOf(plan: SessionPlan): number {
  const total = plan.steps.length;
  if (total === 0) return 100;
  let done = 0;
  for (const s of plan.steps) {
    if (s.done) done += 1;
    else if (s.kind === 'read' && s.remaining !== undefined && s.seen + s.remaining > 0) done += s.seen / (s.seen + s.remaining);
  }
  if (plan.steps.every((s) => s.done)) return 100;
  return Math.min(99, Math.floor((done / total) * 100));
}

export function currentStep(plan: SessionPlan): Step | undefined {
  return plan.steps.find((s) => !s.done);
}

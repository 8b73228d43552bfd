import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import type { ConnectorProcess } from './connector-process.js';

/** What the child reports about its background work toward Bitrix24. */
export interface WorkerState {
  /** Staged QuickBooks pages not yet in Bitrix24 (`/status` bitrix24_backlog.pages). */
  readonly pages: number;
  /** Stored Bitrix24 events not yet turned into QuickBooks writes (`/metrics` qbb24_b24_events{status="pending"}). */
  readonly pendingEvents: number;
  /** When the worker tries again after a failed page (`/status` bitrix24_backlog.retrying_at). */
  readonly retryingAt: string | null;
}

/** Where a crash run's time goes: how many idle waits, how long they took in all. */
export interface IdleWaitStats {
  waits: number;
  ms: number;
}

export interface WaitForIdleOptions {
  /**
   * false: wait only for the staged pages (every Bitrix24 write of the drain), not for stored events to be turned
   * into QuickBooks writes, which the worker's 5 s timer picks up (an armed run compares nothing; the settle runs do).
   */
  readonly events?: boolean;
  readonly stats?: IdleWaitStats;
  /** Gives up (throws) after this long; a failed page backs off 5 s, 10 s, 20 s…, so this covers a few retries. */
  readonly timeoutMs?: number;
  readonly maxPolls?: number;
}

const PENDING_EVENTS = /^qbb24_b24_events\{[^}]*status="pending"[^}]*\}\s+(\d+(?:\.\d+)?)\s*$/gm;

/** Reads the worker's state over HTTP, as an operator would: /status for the staged pages, /metrics for events. */
export async function readWorkerState(child: ConnectorProcess): Promise<WorkerState> {
  const status = (await (await fetch(`${child.url}/status`)).json()) as { bitrix24_backlog?: { pages?: number; retrying_at?: string | null } | null };
  const metrics = await (await fetch(`${child.url}/metrics`)).text();
  let pendingEvents = 0;
  for (const m of metrics.matchAll(PENDING_EVENTS)) pendingEvents += Number(m[1]);
  const backlog = status.bitrix24_backlog;
  if (!backlog) throw new Error('/status has no bitrix24_backlog: is BITRIX24_WEBHOOK_URL set for the child?');
  return { pages: backlog.pages ?? 0, pendingEvents, retryingAt: backlog.retrying_at ?? null };
}

/**
 * Waits until the child's Bitrix24 worker has nothing left: no staged page, no stored event, and no event of the
 * portal still on its way to the child (an event a write just caused becomes pending only when it arrives).
 * Resolves 'died' as soon as the child is killed meanwhile (a `b24` kill point fires during this drain).
 * Polls with a short growing interval, bounded in count and time; never a fixed sleep.
 */
export async function waitForWorkerIdle(child: ConnectorProcess, portal: Bitrix24Portal, options: WaitForIdleOptions = {}): Promise<'idle' | 'died'> {
  const started = Date.now();
  try {
    return await pollUntilIdle(child, portal, options);
  } finally {
    if (options.stats) {
      options.stats.waits += 1;
      options.stats.ms += Date.now() - started;
    }
  }
}

async function pollUntilIdle(child: ConnectorProcess, portal: Bitrix24Portal, options: WaitForIdleOptions): Promise<'idle' | 'died'> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const events = options.events ?? true;
  const maxPolls = options.maxPolls ?? 2_000;
  const deadline = Date.now() + timeoutMs;
  let interval = 10;
  let last: WorkerState | undefined;
  for (let poll = 0; poll < maxPolls && Date.now() < deadline; poll += 1) {
    if (!child.running) return 'died';
    // Events the portal logged before this read had reached the child before it, so the read saw them stored.
    const delivered = portal.sentEvents.length;
    try {
      last = await readWorkerState(child);
    } catch (err) {
      if (!child.running) return 'died';
      throw err;
    }
    if (last.pages === 0 && !events) return 'idle';
    if (last.pages === 0 && last.pendingEvents === 0) {
      // Every write the worker made happened before its page left the table, so its event is queued by now.
      await portal.idle();
      if (portal.sentEvents.length === delivered) return child.running ? 'idle' : 'died';
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(250, interval * 2);
  }
  throw new Error(`the child's Bitrix24 worker was not idle within ${timeoutMs} ms / ${maxPolls} polls: ${JSON.stringify(last)}; stderr: ${child.lastStderr}`);
}

import { QBWC_NS, type FetchLike, type SessionResult } from '@qb-b24/qbwc-driver';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { LatencyBook, Tally } from './support-load-stats.js';

/** SOAP figures of one phase (first import, load window, final drain). */
export class Phase {
  readonly latency = new LatencyBook();
  readonly problems = new Tally();
  readonly outcomes = new Tally();
  readonly sessionMs: number[] = [];
  calls = 0;
  failedCalls = 0;
  failedSessions = 0;
}

export const braced = (b: Buffer): string => {
  const h = b.toString('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
};

/** The Web Connector's HTTP client, timing every call to the whole answer read (what QBWC waits for). */
export function timedFetch(phase: () => Phase): FetchLike {
  return async (url, init) => {
    const op = (init.headers['SOAPAction'] ?? '').replace(/"/g, '').replace(QBWC_NS, '') || 'unknown';
    const p = phase();
    p.calls += 1;
    const t0 = performance.now();
    try {
      const res = await fetch(url, init);
      const body = await res.text();
      p.latency.record(op, performance.now() - t0);
      if (res.status !== 200) {
        p.failedCalls += 1;
        p.problems.add(`${op} HTTP ${res.status}`);
      }
      return { status: res.status, headers: res.headers, text: async () => body };
    } catch (err) {
      p.failedCalls += 1;
      p.problems.add(`${op} transport: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  };
}

/** Judges one Web Connector run: anything but a clean finish is an error of the load test. */
export function judgeSession(p: Phase, r: SessionResult, ms: number): void {
  p.sessionMs.push(ms);
  p.outcomes.add(r.outcome);
  const faults = r.transcript.filter((t) => t.fault !== undefined || t.error !== undefined);
  const problems = r.statusText.startsWith('Finished with problems');
  if ((r.outcome !== 'completed' && r.outcome !== 'none') || faults.length > 0 || problems) {
    p.failedSessions += 1;
    const first = faults[0];
    p.problems.add(`session ${r.outcome}: ${(first?.fault?.message ?? first?.error ?? r.statusText).slice(0, 120)}`);
  }
}

/** A Bitrix24 outbound event body, encoded as the queue server sends it (reference/bitrix24.md §7.3). */
export function eventBody(
  t: { readonly memberId: string; readonly applicationToken: string },
  portalBase: string,
  event: string,
  id: number,
  ts: number,
): string {
  const host = new URL(portalBase).host;
  const pairs: [string, string][] = [
    ['event', event],
    ['event_handler_id', '1'],
    ['data[FIELDS][ID]', String(id)],
    ['ts', String(ts)],
    ['auth[domain]', host],
    ['auth[client_endpoint]', `http://${host}/rest/`],
    ['auth[server_endpoint]', 'https://oauth.bitrix.info/rest/'],
    ['auth[member_id]', t.memberId],
    ['auth[application_token]', t.applicationToken],
  ];
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** Busy and total CPU time of the whole machine (every process, every core), in ms. */
export function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

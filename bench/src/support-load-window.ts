/** The timed load window of multi-company-load: sessions back to back per company plus the paced webhook sender. */
import os from 'node:os';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import type { ConnectorProcess } from './support-connector-process.js';
import { eventBody, machineCpu } from './support-load-session.js';
import { LatencyBook, Tally } from './support-load-stats.js';
import type { LoadTenant } from './support-load-tenants.js';
import type { ProbeSample } from './support-service-probe.js';
import { loadPhone } from './support-small-company.js';

/** How long the window lasts, how fast events are sent, and how many customers and invoices each company has. */
export interface LoadWindowPlan {
  readonly seconds: number;
  readonly eventRate: number;
  readonly sizes: { readonly customers: number; readonly invoices: number };
}

/** What was measured over the window, in the bench process, the service and the whole machine. */
export interface LoadWindowFigures {
  /** When the last event was sent, from the window's start (ms). */
  readonly sendMs: number;
  readonly windowMs: number;
  readonly before: ProbeSample;
  readonly after: ProbeSample;
  readonly benchCpu: NodeJS.CpuUsage;
  readonly benchDelay: IntervalHistogram;
  readonly machine0: { busy: number; total: number };
  readonly machine1: { busy: number; total: number };
  readonly load0: number;
  readonly load1: number;
  readonly portalCallsWindow: number;
  readonly webhook: LatencyBook;
  readonly webhookProblems: Tally;
  readonly webhookAnswers: Tally;
}

/** The webhook answers of the sender: latency, anything but 'queued', and every answer by status. */
interface WebhookBooks {
  readonly webhook: LatencyBook;
  readonly webhookProblems: Tally;
  readonly webhookAnswers: Tally;
}

/** Sessions of one company back to back until `deadline`, each after a QuickBooks edit. */
async function driveLoop(t: LoadTenant, deadline: number, plan: LoadWindowPlan, session: (t: LoadTenant) => Promise<unknown>): Promise<void> {
  let n = 0;
  while (performance.now() < deadline) {
    // A person working in QuickBooks between two updates: one customer's phone, every other time an invoice memo.
    const qb = t.company.qb;
    qb.setNow(new Date());
    const c = n % plan.sizes.customers;
    const phone = loadPhone(t.index, c, ++t.edits);
    qb.userEdit(t.company.customerIds[c] ?? '', { Phone: phone });
    t.phones.set(c, phone);
    if (n % 2 === 1) qb.userEdit(t.company.invoiceIds[n % plan.sizes.invoices] ?? '', { Memo: `${t.id} memo edit ${t.edits}` });
    n += 1;
    await session(t);
  }
}

/**
 * Posts `eventRate` ONCRMCONTACTUPDATE events a second for `seconds`, paced from `windowStart`, spread over the
 * companies' webhooks; resolves with when the last one was sent (ms from `windowStart`) once all are answered.
 */
async function sendEvents(tenants: readonly LoadTenant[], serviceUrl: string, windowStart: number, plan: LoadWindowPlan, books: WebhookBooks): Promise<number> {
  const { webhook, webhookProblems, webhookAnswers } = books;
  const total = plan.eventRate * plan.seconds;
  const inFlight = new Set<Promise<void>>();
  const epochStart = Date.now();
  for (let i = 0; i < total; i++) {
    const dueMs = (i * 1000) / plan.eventRate;
    const wait = windowStart + dueMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = tenants[i % tenants.length];
    if (!t || t.contactIds.length === 0) {
      webhookProblems.add('no contact to send an event for');
      continue;
    }
    const contact = t.contactIds[Math.floor(i / tenants.length) % t.contactIds.length] ?? 0;
    // (event, id, ts) is the inbox's dedupe key: one contact's events never share a second, as in real life.
    const ts = Math.max(Math.floor((epochStart + dueMs) / 1000), (t.lastTs.get(contact) ?? 0) + 1);
    t.lastTs.set(contact, ts);
    const body = eventBody(t, t.portal.webhookUrl, 'ONCRMCONTACTUPDATE', contact, ts);
    const t0 = performance.now();
    const p = fetch(`${serviceUrl}/companies/${t.id}/bitrix24/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
      .then(async (res) => {
        const text = await res.text();
        webhook.record('webhook', performance.now() - t0);
        t.eventsAnswered += 1;
        if (res.status !== 200) {
          webhookProblems.add(`HTTP ${res.status}`);
          return;
        }
        const status = /"status":"(\w+)"/.exec(text)?.[1] ?? 'unreadable';
        webhookAnswers.add(status);
        if (status === 'queued') t.eventsQueued += 1;
        else webhookProblems.add(`answered ${status}`);
      })
      .catch((err: unknown) => {
        webhookProblems.add(`transport: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  const lastSent = performance.now();
  await Promise.all([...inFlight]);
  return lastSent - windowStart;
}

/**
 * The load window: for `plan.seconds` every company runs `session` back to back with a QuickBooks edit before each,
 * while the paced sender posts events to the service's webhooks; the bench process, the service (its probe marks
 * before and after) and the machine are measured over it.
 */
export async function runLoadWindow(
  tenants: readonly LoadTenant[],
  service: ConnectorProcess,
  session: (t: LoadTenant) => Promise<unknown>,
  plan: LoadWindowPlan,
): Promise<LoadWindowFigures> {
  const portalCallsBefore = tenants.reduce((n, t) => n + t.portal.calls.length, 0);
  const benchDelay = monitorEventLoopDelay({ resolution: 10 });
  benchDelay.enable();
  const before = await service.mark();
  const benchCpu0 = process.cpuUsage();
  const machine0 = machineCpu();
  const load0 = os.loadavg()[0] ?? 0;
  const windowStart = performance.now();
  const deadline = windowStart + plan.seconds * 1000;

  const books: WebhookBooks = { webhook: new LatencyBook(), webhookProblems: new Tally(), webhookAnswers: new Tally() };
  const serviceUrl = service.url;
  const [sendMs] = await Promise.all([sendEvents(tenants, serviceUrl, windowStart, plan, books), ...tenants.map((t) => driveLoop(t, deadline, plan, session))]);
  const windowMs = performance.now() - windowStart;
  const benchCpu = process.cpuUsage(benchCpu0);
  const machine1 = machineCpu();
  const load1 = os.loadavg()[0] ?? 0;
  benchDelay.disable();
  const after = await service.mark();
  const portalCallsWindow = tenants.reduce((n, t) => n + t.portal.calls.length, 0) - portalCallsBefore;
  return { sendMs, windowMs, before, after, benchCpu, benchDelay, machine0, machine1, load0, load1, portalCallsWindow, ...books };
}

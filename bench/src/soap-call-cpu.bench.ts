import { startBitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { buildSoapRequest, parseSoapResponse, postSoap, readArrayOfString, WebConnectorDriver, type QbwcOperation, type SoapParam } from '@qb-b24/qbwc-driver';
import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchFigure } from './index.js';
import { BENCH_FILE_ID, BENCH_OWNER_ID, BENCH_PASSWORD } from './support-bench-app.js';
import { startServiceChild, type ServiceChild } from './support-service-child.js';

const bench = 'soap-call-cpu';
const SESSIONS = Number(process.env['BENCH_SESSIONS'] ?? '150');

/** CPU the service spent per call, by the operation (and answer) the call was. */
class CpuByCall {
  private readonly totals = new Map<string, { micros: number; calls: number }>();
  add(kind: string, micros: number): void {
    const t = this.totals.get(kind) ?? { micros: 0, calls: 0 };
    t.micros += micros;
    t.calls += 1;
    this.totals.set(kind, t);
  }
  rows(): [string, number, number][] {
    return [...this.totals].map(([kind, t]) => [kind, t.micros / t.calls / 1000, t.calls]);
  }
}

/**
 * The service's CPU for one call, calls strictly one at a time: its CPU counter is read before and after the call
 * over IPC, and what one such reading costs the service (measured back to back) is taken off.
 */
async function timedCall(service: ServiceChild, overheadMicros: number, call: () => Promise<string>): Promise<{ body: string; micros: number }> {
  const before = await service.cpuMicros();
  const body = await call();
  const micros = (await service.cpuMicros()) - before - overheadMicros;
  return { body, micros };
}

async function ipcOverheadMicros(service: ServiceChild): Promise<number> {
  const n = 200;
  const first = await service.cpuMicros();
  let last = first;
  for (let i = 0; i < n; i += 1) last = await service.cpuMicros();
  return (last - first) / n;
}

const kindOf = (op: string, body: string): string => {
  if (op !== 'authenticate') return op;
  if (body.includes('>busy<')) return 'authenticate (busy)';
  if (body.includes('>none<')) return 'authenticate (none)';
  return 'authenticate (session opened)';
};

/**
 * Issue #14: where a Web Connector call's service CPU goes, per operation. The service runs in its own process
 * with nothing else to do (worker idle; QuickBooks unchanged, so every read is an empty page); each real session is
 * followed by a "busy" run (authenticate answered busy, then closeConnection) while the session is still open.
 */
export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-bench-callcpu-'));
  const portal = await startBitrix24Portal({ rateLimit: { enabled: false, capacity: 50, drainPerSecond: 2 } });
  const qb = generateSampleCompany({ seed: 14, scale: { customers: 200, vendors: 5, items: 10, invoices: 100, estimates: 5 } });
  const service = await startServiceChild(portal.webhookUrl, path.join(dir, 'connector.sqlite'), true);
  const url = `${service.url}/qbwc`;
  const cpu = new CpuByCall();
  try {
    const first = await new WebConnectorDriver({
      appUrl: url,
      username: 'qbconnector',
      password: BENCH_PASSWORD,
      processor: qb,
      ownerId: BENCH_OWNER_ID,
      fileId: BENCH_FILE_ID,
      sleep: async () => undefined,
    }).runSession();
    if (first.outcome !== 'completed') throw new Error(`first import: ${first.outcome}`);
    await service.drain();
    const overhead = await ipcOverheadMicros(service);
    const bare = (op: QbwcOperation, params: readonly SoapParam[]) => async (): Promise<string> => {
      const res = await postSoap(url, op, buildSoapRequest(op, params, { style: 'soap', pretty: false }), (u, init) => fetch(u, init));
      return res.body;
    };
    for (let i = 0; i < SESSIONS; i += 1) {
      let busyDone = false;
      const driver = new WebConnectorDriver({
        appUrl: url,
        username: 'qbconnector',
        password: BENCH_PASSWORD,
        processor: qb,
        ownerId: BENCH_OWNER_ID,
        fileId: BENCH_FILE_ID,
        sleep: async () => undefined,
        fetch: async (u, init) => {
          const op = (new Headers(init.headers).get('soapaction') ?? '').replace(/"/g, '').split('/').pop();
          let status = 0;
          let headers = new Headers();
          const { body, micros } = await timedCall(service, overhead, async () => {
            const res = await fetch(u, init);
            status = res.status;
            headers = res.headers;
            return res.text();
          });
          cpu.add(kindOf(op ?? '?', body), micros);
          if (op === 'authenticate' && !busyDone) {
            busyDone = true;
            // Another Web Connector run while this session is open: answered busy, then closed.
            const busy = await timedCall(
              service,
              overhead,
              bare('authenticate', [
                ['strUserName', 'qbconnector'],
                ['strPassword', BENCH_PASSWORD],
              ]),
            );
            cpu.add(kindOf('authenticate', busy.body), busy.micros);
            const answer = parseSoapResponse(busy.body, 'authenticate');
            const [ticket = ''] = answer.kind === 'result' ? readArrayOfString(answer.result) : [];
            const closed = await timedCall(service, overhead, bare('closeConnection', [['ticket', ticket]]));
            cpu.add('closeConnection (busy run)', closed.micros);
          }
          return { status, headers, text: async () => body };
        },
      });
      const r = await driver.runSession();
      if (r.outcome !== 'completed') throw new Error(`session ${i}: ${r.outcome}`);
    }
  } finally {
    await service.stop();
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return cpu.rows().map(([kind, ms, calls]) => ({
    bench,
    figure: `service CPU per ${kind} call (${calls} calls, one at a time, worker idle)`,
    value: `${ms.toFixed(3)} ms`,
    target: 'informational (p99 ≤ 20 ms with 50 in flight needs under 0.4 ms per call)',
  }));
}

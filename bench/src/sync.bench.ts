import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Bitrix24Client, FetchHttpTransport, LeakyBucket, STANDARD_RATE_LIMIT, VirtualClock } from '@qb-b24/bitrix24-client';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { buildSoapRequest, postSoap, readArrayOfString, parseSoapResponse, type QbwcOperation, type SoapParam } from '@qb-b24/qbwc-driver';
import { WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { generateSampleCompany, LIST_KINDS, TXN_KINDS, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { AppModule } from '../../apps/connector/dist/app.module.js';
import { configureApp, createAdapter, NEST_APP_OPTIONS } from '../../apps/connector/dist/app.setup.js';
import { BITRIX24_CLIENT } from '../../apps/connector/dist/bitrix/bitrix.tokens.js';
import { loadConfig } from '../../apps/connector/dist/config/load-config.js';
import type { BenchFigure } from './index.js';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '10000');
const PASSWORD = 'bench-Pa55word-9c1e7a3f5b';
const OWNER_ID = '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}';
const FILE_ID = '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}';
const SOAP_SEQUENTIAL_SESSIONS = 1000;
const SOAP_CONCURRENT_SESSIONS = 50;
const bench = 'sync';

/** Peak RSS of this process between start() and stop(), sampled every 50 ms (RSS includes both emulators). */
function rssSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

function qbRecordCount(qb: QuickBooksCompany): number {
  const lists = LIST_KINDS.filter((k) => k === 'Customer' || k === 'Vendor' || k.startsWith('Item'));
  return [...lists, ...TXN_KINDS].reduce((n, k) => n + qb.ids(k).length, 0);
}

/**
 * The connector in this process (production module and setup; only the Bitrix24 client is swapped for the same
 * class on a VirtualClock shared with the portal, so the STANDARD 2/s limit costs virtual, not real, seconds).
 */
async function startApp(portal: Bitrix24Portal, clock: VirtualClock, dbFile: string): Promise<{ app: NestFastifyApplication; url: string }> {
  const { config } = loadConfig(
    {
      DATABASE_URL: `sqlite:${dbFile}`,
      QBWC_PASSWORD: PASSWORD,
      ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
      QB_TIME_ZONE: 'America/New_York',
      BITRIX24_WEBHOOK_URL: portal.webhookUrl,
      BITRIX24_APPLICATION_TOKEN: 'bench-application-token',
      LOG_LEVEL: 'error',
      B24_POLL_SECONDS: '0',
    },
    {
      cwd: process.cwd(),
      version: '0.0.0-bench',
      secretStore: () => ({
        getOrCreate: () => {
          throw new Error('the bench passes every secret');
        },
      }),
    },
  );
  const client = new Bitrix24Client({
    webhookUrl: portal.webhookUrl,
    transport: new FetchHttpTransport(),
    rateLimiter: new LeakyBucket({ ...STANDARD_RATE_LIMIT, clock }),
    clock,
    sleep: clock.sleep,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(BITRIX24_CLIENT)
    .useValue(client)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { ...NEST_APP_OPTIONS, logger: false });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/** One Web Connector-shaped sequence of SOAP calls (no qbXML work), timing every call. */
async function soapSession(url: string, latencies: number[]): Promise<void> {
  const call = async (op: QbwcOperation, params: readonly SoapParam[]): Promise<string> => {
    const t0 = performance.now();
    const res = await postSoap(url, op, buildSoapRequest(op, params, { style: 'soap', pretty: false }), (u, init) => fetch(u, init));
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${op}: HTTP ${res.status}`);
    return res.body;
  };
  await call('serverVersion', []);
  await call('clientVersion', [['strVersion', '2.3.0.215']]);
  const answer = parseSoapResponse(await call('authenticate', [['strUserName', 'qbconnector'], ['strPassword', PASSWORD]]), 'authenticate');
  const [ticket = '', status = ''] = answer.kind === 'result' ? readArrayOfString(answer.result) : [];
  if (ticket === '' || status === 'nvu') throw new Error(`authenticate answered ${status}`);
  if (status !== 'none' && status !== 'busy') {
    await call('sendRequestXML', [['ticket', ticket], ['strHCPResponse', ''], ['strCompanyFileName', ''], ['qbXMLCountry', 'US'], ['qbXMLMajorVers', '13'], ['qbXMLMinorVers', '0']]);
  }
  await call('closeConnection', [['ticket', ticket]]);
}

async function parseRss(customers: number): Promise<{ peakRss: number; baselineRss: number; ms: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(import.meta.dirname, 'parse-rss.child.js'), String(customers)], { maxBuffer: 1024 * 1024 });
  const parsed: unknown = JSON.parse(stdout.trim());
  if (typeof parsed !== 'object' || parsed === null || !('peakRss' in parsed) || !('baselineRss' in parsed) || !('ms' in parsed)) throw new Error(`bad child output: ${stdout}`);
  return { peakRss: Number(parsed.peakRss), baselineRss: Number(parsed.baselineRss), ms: Number(parsed.ms) };
}

/**
 * Issue #7: a full first import of the sample company scaled to BENCH_SCALE customers + invoices (default 10,000)
 * through real HTTP (Web Connector driver → connector → Bitrix24 portal emulator with the STANDARD limit), a
 * no-change second run, SOAP latency, and the qbXML parser's peak RSS at 10k vs 100k customers.
 */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const genStart = performance.now();
  const qb = generateSampleCompany({ scale: { customers: SCALE, invoices: SCALE } });
  const records = qbRecordCount(qb);
  const genMs = performance.now() - genStart;
  const clock = new VirtualClock();
  const portal = await startBitrix24Portal({ clock, rateLimit: { enabled: true, ...STANDARD_RATE_LIMIT } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-bench-'));
  const { app, url } = await startApp(portal, clock, path.join(dir, 'bench.sqlite'));
  try {
    const driver = (): WebConnectorDriver =>
      new WebConnectorDriver({ appUrl: `${url}/qbwc`, username: 'qbconnector', password: PASSWORD, processor: qb, ownerId: OWNER_ID, fileId: FILE_ID, sleep: async () => undefined });

    const rss = rssSampler();
    const virtualStart = clock.now();
    const wallStart = performance.now();
    const first = await driver().runSession();
    const wallMs = performance.now() - wallStart;
    const virtualMs = clock.now() - virtualStart;
    const peakRss = rss.stop();
    if (first.outcome !== 'completed') throw new Error(`first import ended ${first.outcome}: ${first.statusText}`);
    const calls = portal.calls.length;
    const rejected = portal.calls.filter((c) => c.httpStatus === 503).length;
    const listCalls = portal.calls.filter((c) => c.method.endsWith('.list')).length;
    const floorMs = (Math.max(0, calls - STANDARD_RATE_LIMIT.capacity) * 1000) / STANDARD_RATE_LIMIT.drainPerSecond;
    const stored = portal.list('contact').length + portal.list('company').length + portal.list('deal').length + portal.list('product').length;

    figures.push(
      { bench, figure: `QB records (scale ${SCALE}; generated in ${secs(genMs)})`, value: String(records), target: 'informational' },
      { bench, figure: 'Bitrix24 records after first import', value: String(stored), target: `>= ${records}` },
      { bench, figure: 'Bitrix24 HTTP calls per synced record', value: `${(calls / records).toFixed(4)} (${calls} calls, ${listCalls} list, ${rejected} rejected 503)`, target: '<= 0.03' },
      { bench, figure: 'QBWC round trips per 1,000 QB records', value: `${((first.rounds * 1000) / records).toFixed(2)} (${first.rounds} sendRequestXML+receiveResponseXML pairs)`, target: '<= 3' },
      { bench, figure: 'first import wall time (virtual clock for the rate limit)', value: secs(wallMs), target: 'informational' },
      { bench, figure: 'first import virtual time vs rate-limit floor (50 burst, 2/s)', value: `${secs(virtualMs)} vs floor ${secs(floorMs)} (${floorMs === 0 ? 'n/a' : `${(virtualMs / floorMs).toFixed(2)}x`})`, target: '<= 1.2x' },
      { bench, figure: 'peak RSS during first import (bench process: app + both emulators)', value: mib(peakRss), target: 'informational' },
    );

    portal.resetCalls();
    const secondStart = performance.now();
    const second = await driver().runSession();
    const secondMs = performance.now() - secondStart;
    const writes = portal.calls.filter((c) => c.method === 'batch' || /\.(add|update|delete|set)$/.test(c.method)).length;
    figures.push(
      { bench, figure: 'second run (no change): Bitrix24 calls / writes', value: `${portal.calls.length} / ${writes} (${second.outcome}, ${secs(secondMs)}, ${second.rounds} round trips)`, target: '0 / 0' },
    );

    const latencies: number[] = [];
    for (let i = 0; i < SOAP_SEQUENTIAL_SESSIONS; i += 1) await soapSession(`${url}/qbwc`, latencies);
    const seq = [...latencies];
    latencies.length = 0;
    await Promise.all(Array.from({ length: SOAP_CONCURRENT_SESSIONS }, () => soapSession(`${url}/qbwc`, latencies)));
    figures.push(
      { bench, figure: `SOAP latency, ${SOAP_SEQUENTIAL_SESSIONS} sequential sessions (${seq.length} calls) p50 / p99`, value: `${percentile(seq, 50).toFixed(1)} / ${percentile(seq, 99).toFixed(1)} ms`, target: 'informational' },
      { bench, figure: `SOAP latency, ${SOAP_CONCURRENT_SESSIONS} concurrent sessions (${latencies.length} calls) p50 / p99`, value: `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms`, target: 'informational' },
    );
  } finally {
    await app.close();
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // 10k vs 100k at the default scale; a quick BENCH_SCALE run keeps the same 1:10 ratio.
  for (const n of [SCALE, SCALE * 10]) {
    const r = await parseRss(n);
    figures.push({ bench, figure: `qbxml parse of ${n} customers: peak RSS (growth over the XML string) / time`, value: `${mib(r.peakRss)} (+${mib(r.peakRss - r.baselineRss)}) / ${secs(r.ms)}`, target: 'informational' });
  }
  return figures;
}

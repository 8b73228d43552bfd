import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver, type SessionResult } from '@qb-b24/qbwc-driver';
import { loadCompanyFile, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
// The connector is consumed as its build output (this project references apps/connector), exactly as `npm start` runs it.
import { createApp } from '../../../apps/connector/dist/app.setup.js';
import { loadConfig } from '../../../apps/connector/dist/config/load-config.js';
import { FileSecretStore } from '../../../apps/connector/dist/config/secret-store.js';
import { B24SyncWorkerService } from '../../../apps/connector/dist/sync/b24-sync-worker.service.js';
import type { DemoSummary } from './demo-summary.js';

export const SAMPLE_COMPANY = path.resolve(import.meta.dirname, '..', '..', 'emulators', 'quickbooks', 'fixtures', 'sample-company.json');
const DEMO_CONTACT = { NAME: 'Ada', LAST_NAME: 'Lovelace' } as const;

export interface DemoOptions {
  /** 0 = any free port. */
  readonly port?: number;
  readonly logger?: LoggerService | false;
  readonly companyFile?: string;
}

export interface DemoRun {
  readonly summary: DemoSummary;
  readonly url: string;
  readonly dataDir: string;
  readonly adminTokenFile: string;
  readonly app: NestFastifyApplication;
  readonly portal: Bitrix24Portal;
  readonly qb: QuickBooksCompany;
  stop(): Promise<void>;
}

interface StatsRow {
  readonly statsJson: string;
}

/** Starts portal + service (temp data folder, generated secrets), runs sessions both ways, returns what happened. */
export async function runDemo(opts: DemoOptions = {}): Promise<DemoRun> {
  const started = performance.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-demo-'));
  const portal = await startBitrix24Portal();
  let app: NestFastifyApplication | undefined;
  const stop = async (): Promise<void> => {
    await app?.close();
    await portal.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const applicationToken = randomBytes(16).toString('hex');
    const { config } = loadConfig(
      {
        DATA_DIR: dataDir,
        PORT: String(opts.port ?? 0),
        HOST: '127.0.0.1',
        BITRIX24_WEBHOOK_URL: portal.webhookUrl,
        BITRIX24_APPLICATION_TOKEN: applicationToken,
        // Events arrive by webhook below; polling would only add calls to the summary.
        B24_POLL_SECONDS: '0',
      },
      { cwd: dataDir, version: 'demo', secretStore: (dir) => new FileSecretStore(dir) },
    );
    app = await createApp(config, opts.logger ?? false);
    await app.listen(opts.port ?? 0, '127.0.0.1');
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || address === null) throw new Error('the service did not report its address');
    const url = `http://127.0.0.1:${address.port}`;
    portal.setEvents({ handlerUrl: `${url}/bitrix24/webhook`, applicationToken });

    const running = app;
    const qb = loadCompanyFile(opts.companyFile ?? SAMPLE_COMPANY);
    const transcripts: SessionResult[] = [];
    const session = async (): Promise<SessionResult> => {
      const driver = new WebConnectorDriver({
        appUrl: `${url}/qbwc`,
        username: config.qbwc.username,
        password: config.qbwc.password,
        processor: qb,
        ownerId: `{${randomUUID().toUpperCase()}}`,
        fileId: `{${randomUUID().toUpperCase()}}`,
        sleep: async () => undefined,
      });
      const r = await driver.runSession();
      transcripts.push(r);
      // The Bitrix24 side runs in the background worker: let it send what the session read before reporting.
      await running.get(B24SyncWorkerService).drain();
      return r;
    };

    await session();
    const db = app.get(DataSource);
    const first = await db.query<StatsRow[]>('SELECT statsJson FROM sync_run ORDER BY id ASC LIMIT 1');
    const stats: unknown = JSON.parse(first[0]?.statsJson ?? '{}');

    portal.ui.add('contact', { ...DEMO_CONTACT, EMAIL: [{ VALUE: 'ada@analytical.example', VALUE_TYPE: 'WORK' }] });
    await portal.idle();
    // The worker turns the stored event into a queued QuickBooks write before the next Web Connector run.
    await running.get(B24SyncWorkerService).drain();
    await session();
    const name = `${DEMO_CONTACT.NAME} ${DEMO_CONTACT.LAST_NAME}`;
    const arrived = qb.ids('Customer').some((id) => {
      const ret: unknown = qb.getRet(id);
      return typeof ret === 'object' && ret !== null && 'Name' in ret && ret.Name === name;
    });
    const customerAdds = qb.requestLog.flatMap((e) => e.answers).filter((a) => a.rq === 'CustomerAddRq').length;

    const summary: DemoSummary = {
      imported: importedRows(stats),
      toQuickBooks: { contact: name, arrived, customerAdds },
      calls: {
        qbwcSoap: transcripts.reduce((n, t) => n + t.transcript.length, 0),
        qbxmlRequests: qb.requestLog.length,
        bitrix24Http: portal.calls.length,
      },
      sessions: transcripts.map((t) => t.outcome),
      elapsedMs: performance.now() - started,
    };
    return { summary, url, dataDir, adminTokenFile: path.join(dataDir, 'admin-token.secret'), app, portal, qb, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function importedRows(stats: unknown): DemoSummary['imported'] {
  if (typeof stats !== 'object' || stats === null) return [];
  const num = (o: object, k: string): number => {
    const v: unknown = new Map<string, unknown>(Object.entries(o)).get(k);
    return typeof v === 'number' ? v : 0;
  };
  return Object.entries(stats).flatMap(([entity, s]: [string, unknown]) =>
    typeof s === 'object' && s !== null
      ? [{ entity, created: num(s, 'created'), updated: num(s, 'updated'), matched: num(s, 'matched'), failed: num(s, 'failed') }]
      : [],
  );
}

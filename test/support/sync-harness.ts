import { startBitrix24Portal, type Bitrix24Portal, type PortalOptions } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver, type SessionResult, type TranscriptEntry } from '@qb-b24/qbwc-driver';
import { loadCompanyFile, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import path from 'node:path';
import { B24SyncWorkerService } from '../../apps/connector/src/sync/b24-sync-worker.service.js';
import { startTestApp, testConfig, TEST_PASSWORD, type TestApp } from './test-app.js';

export const SAMPLE_COMPANY = path.resolve(import.meta.dirname, '..', 'emulators', 'quickbooks', 'fixtures', 'sample-company.json');
/** The .qwc identity the emulated Web Connector presents (QBWC writes the FileID into the company). */
export const OWNER_ID = '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}';
export const FILE_ID = '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}';
/** The outbound webhook's application token the harness configures. */
export const HARNESS_APPLICATION_TOKEN = 'harness-application-token';

export interface Harness {
  readonly t: TestApp;
  readonly portal: Bitrix24Portal;
  readonly qb: QuickBooksCompany;
  readonly url: string;
  session(options?: {
    dropResponseAfterCall?: { op: 'receiveResponseXML' | 'sendRequestXML'; nth: number };
    /** called with each Web Connector call as it is done; a sendRequestXML entry runs before QuickBooks gets the request */
    onCall?: (entry: TranscriptEntry) => void;
  }): Promise<SessionResult>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The service over real HTTP between the Web Connector driver (with a QuickBooks company) and a Bitrix24 portal. */
export async function startHarness(
  opts: {
    qb?: QuickBooksCompany;
    env?: Record<string, string>;
    dbFile?: string;
    portal?: PortalOptions;
    /** values for injection tokens, e.g. MAPPING_RULES for a test's business rules */
    values?: ReadonlyMap<symbol, unknown>;
    /** portal set-up before the service starts (its mapping check reads pipelines and user fields at start) */
    preparePortal?: (portal: Bitrix24Portal) => void | Promise<void>;
  } = {},
): Promise<Harness> {
  const portal = await startBitrix24Portal(opts.portal);
  await opts.preparePortal?.(portal);
  const qb = opts.qb ?? loadCompanyFile(SAMPLE_COMPANY);
  const config = testConfig({
    BITRIX24_WEBHOOK_URL: portal.webhookUrl,
    BITRIX24_APPLICATION_TOKEN: HARNESS_APPLICATION_TOKEN,
    ...(opts.dbFile ? { DATABASE_URL: `sqlite:${opts.dbFile}` } : {}),
    ...opts.env,
  });
  let t = await startTestApp({ config, ...(opts.values ? { values: opts.values } : {}) });
  const listen = async (): Promise<string> => {
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    return `http://127.0.0.1:${address.port}`;
  };
  let url = await listen();
  const harness: Harness = {
    get t() {
      return t;
    },
    portal,
    qb,
    get url() {
      return url;
    },
    async session(options = {}) {
      const driver = new WebConnectorDriver({
        appUrl: `${url}/qbwc`,
        username: 'qbconnector',
        password: TEST_PASSWORD,
        processor: qb,
        ownerId: OWNER_ID,
        fileId: FILE_ID,
        sleep: async () => undefined,
        envelopeStyle: 'random',
        ...options,
      });
      // The Bitrix24 side runs in the background worker: events become QuickBooks writes before the session,
      // and the pages it staged reach the portal after it, as they would between two scheduled runs.
      await drainWorker(t);
      const result = await driver.runSession();
      await drainWorker(t);
      return result;
    },
    async restart() {
      const clock = t.clock;
      await t.close();
      t = await startTestApp({ config, clock, ...(opts.values ? { values: opts.values } : {}) });
      url = await listen();
    },
    async close() {
      // Stop outbound events and let the ones under way land first: an event POST still open against the app
      // would hold its shutdown (and the portal's) until a timeout.
      portal.setEvents(undefined);
      await portal.idle();
      await t.close();
      await portal.close();
    },
  };
  return harness;
}

/**
 * A harness after a completed first import, with the portal's events wired to the service from then on (as an
 * installation is set up: events first matter once both sides are linked).
 */
export async function startImportedHarness(opts: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const harness = await startHarness(opts);
  const first = await harness.session();
  if (first.outcome !== 'completed') throw new Error(`the first import did not complete: ${first.outcome}`);
  harness.portal.setEvents({ handlerUrl: `${harness.url}/bitrix24/webhook`, applicationToken: HARNESS_APPLICATION_TOKEN });
  return harness;
}

/**
 * Runs `sessions` Web Connector sessions an hour apart in QuickBooks time, letting the portal's events land
 * before and after each; every session must complete.
 */
export async function settleSessions(x: Harness, sessions: number): Promise<void> {
  for (let i = 0; i < sessions; i += 1) {
    x.qb.advance(3600_000);
    await x.portal.idle();
    const result = await x.session();
    if (result.outcome !== 'completed') throw new Error(`session ${i + 1} of ${sessions} did not complete: ${result.outcome}`);
    await x.portal.idle();
  }
}

/** Waits until the Bitrix24 worker has applied every staged page and processed every stored event it can. */
export async function drainWorker(t: TestApp): Promise<void> {
  await t.app.get(B24SyncWorkerService).drain({ retryNow: true });
}

/** Adds and Mods QuickBooks has answered so far, from the emulator's request log: a test's count of writes toward it. */
export function qbWrites(x: Harness): number {
  return x.qb.requestLog.flatMap((e) => e.answers).filter((a) => /(Add|Mod)Rq$/.test(a.rq)).length;
}

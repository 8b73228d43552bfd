import { WebConnectorDriver, type FetchLike, type QbProcessResult, type QuickBooksRequestProcessor, type SessionResult } from '@qb-b24/qbwc-driver';
import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import type { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import type { B24KillFlavour, B24KillProxy, B24WriteCall } from './b24-kill-proxy.js';
import { CRASH_PASSWORD, type ConnectorProcess } from './connector-process.js';
import { waitForWorkerIdle, type IdleWaitStats } from './worker-idle.js';

const OWNER_ID = '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}';
const FILE_ID = '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}';

/**
 * Where the child dies:
 * - `soap`: the n-th SOAP call of the run reached the connector and was processed, then the process was
 *   killed before Web Connector read the answer (the answer is lost, like a crash right after commit);
 * - `qb`: the connector handed out a qbXML request and is killed while QuickBooks processes the m-th one,
 *   so QuickBooks applies it but nobody receives the response;
 * - `b24`: the k-th Bitrix24 write call of the run is in flight (through the `B24KillProxy`): `applied` = the
 *   portal applied it and the process dies before reading the answer, `unsent` = it dies before the portal
 *   receives the request. Bitrix24 writes happen in the child's background worker, mostly in the drain after
 *   the Web Connector session, so the run includes that drain.
 */
export type KillPoint =
  | { readonly kind: 'soap'; readonly nth: number }
  | { readonly kind: 'qb'; readonly nth: number }
  | { readonly kind: 'b24'; readonly nth: number; readonly flavour: B24KillFlavour; readonly ids?: readonly string[] };

/** `soap#3`, `qb#2`, `b24#4/applied`: how kill points are printed (and replayed by seed). */
export function killLabel(kill: KillPoint): string {
  if (kill.kind !== 'b24') return `${kill.kind}#${kill.nth}`;
  return `b24#${kill.nth}/${kill.flavour}${kill.ids ? `(ids ${kill.ids.join(',')})` : ''}`;
}

export interface ArmedSessionResult {
  readonly result: SessionResult;
  /** The kill fired (the point was reached before the run ended). */
  readonly fired: boolean;
  /** What was being done when the kill fired, e.g. `receiveResponseXML` or `CustomerAddRq`. */
  readonly firedAt?: string;
  readonly soapCalls: number;
  readonly qbRequests: number;
  /** Bitrix24 write calls the run made (through the proxy), including a killed one. */
  readonly b24Writes: readonly B24WriteCall[];
  /** The Bitrix24 write the kill fired at (kind `b24`). */
  readonly firedWrite?: B24WriteCall;
  /** When a `b24` kill fired: while Web Connector's session ran, or in the worker's drain after it. */
  readonly firedDuring?: 'session' | 'drain';
}

/** What a run talks to: the child, QuickBooks (through the driver), and Bitrix24 (the portal, behind the proxy). */
export interface CrashWorld {
  readonly child: ConnectorProcess;
  readonly qb: QuickBooksCompany;
  readonly portal: Bitrix24Portal;
  readonly proxy: B24KillProxy;
  /** Time spent waiting for the child's worker, for the run's summary line. */
  readonly idleStats: IdleWaitStats;
}

/**
 * One Web Connector run against the child and the worker's drain after it (until the child's Bitrix24 worker is
 * idle; with `waitForEvents: false` only until every staged page is in Bitrix24), optionally killing the child at `kill`. The proxy between the child and the portal is re-armed for every
 * run (counting Bitrix24 writes from zero), so a `b24` kill point counts the writes of the session and its drain.
 */
export async function runArmedSession(world: CrashWorld, kill?: KillPoint, options: { waitForEvents?: boolean } = {}): Promise<ArmedSessionResult> {
  const { child, qb, portal, proxy } = world;
  // The proxy may only kill the process this run talks to, never one restarted after it.
  const generation = child.starts;
  const killThisOne = (): Promise<void> => (child.starts === generation ? child.kill() : Promise.resolve());
  proxy.arm(kill?.kind === 'b24' ? { nth: kill.nth, flavour: kill.flavour, ...(kill.ids ? { ids: kill.ids } : {}), kill: killThisOne } : undefined);
  let soapCalls = 0;
  let qbRequests = 0;
  let fired = false;
  let firedAt: string | undefined;

  const processor: QuickBooksRequestProcessor = {
    companyFilePath: qb.companyFilePath,
    openSession: (p) => qb.openSession(p),
    hcpResponse: (o, f) => qb.hcpResponse(o, f),
    closeSession: () => qb.closeSession(),
    async processRequest(xml: string): Promise<QbProcessResult> {
      qbRequests += 1;
      if (!fired && kill?.kind === 'qb' && kill.nth === qbRequests) {
        fired = true;
        await child.kill();
        const result = await qb.processRequest(xml);
        firedAt =
          qb.requestLog
            .at(-1)
            ?.answers.map((a) => a.rq)
            .join('+') ?? 'qbXML';
        return result;
      }
      return qb.processRequest(xml);
    },
  };

  const killingFetch: FetchLike = async (url, init) => {
    soapCalls += 1;
    const res = await fetch(url, init);
    const body = await res.text();
    if (!fired && kill?.kind === 'soap' && kill.nth === soapCalls) {
      fired = true;
      firedAt = (init.headers['SOAPAction'] ?? '').replaceAll('"', '').split('/').at(-1) ?? 'soap';
      await child.kill();
      throw new TypeError('fetch failed: the connector process died before the answer was read');
    }
    return { status: res.status, headers: res.headers, text: async () => body };
  };

  const driver = new WebConnectorDriver({
    appUrl: `${child.url}/qbwc`,
    username: 'qbconnector',
    password: CRASH_PASSWORD,
    processor,
    ownerId: OWNER_ID,
    fileId: FILE_ID,
    sleep: async () => undefined,
    envelopeStyle: 'soap',
    fetch: killingFetch,
  });
  const result = await driver.runSession();
  const firedInSession = proxy.firedAt !== undefined;
  // The worker sends the staged pages to Bitrix24 after (and while) the session runs: an armed `b24` point
  // fires in this drain; a child killed meanwhile ends the wait.
  if (child.starts === generation && child.running) await waitForWorkerIdle(child, portal, { events: options.waitForEvents ?? true, stats: world.idleStats });
  await proxy.settled();
  const firedWrite = proxy.firedAt;
  const b24Writes = [...proxy.writeCalls];
  proxy.arm(undefined);
  if (firedWrite) {
    fired = true;
    firedAt = firedWrite.method === 'batch' ? `batch[${summarise(firedWrite.commands)}]` : firedWrite.method;
  }
  return {
    result,
    fired,
    ...(firedAt !== undefined ? { firedAt } : {}),
    soapCalls,
    qbRequests,
    b24Writes,
    ...(firedWrite ? { firedWrite, firedDuring: firedInSession ? ('session' as const) : ('drain' as const) } : {}),
  };
}

/** `crm.contact.add×3+crm.contact.update` */
function summarise(commands: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const c of commands) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([m, n]) => (n > 1 ? `${m}×${n}` : m)).join('+');
}

import { WebConnectorDriver, type FetchLike, type QbProcessResult, type QuickBooksRequestProcessor, type SessionResult } from '@qb-b24/qbwc-driver';
import type { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { CRASH_PASSWORD, type ConnectorProcess } from './connector-process.js';

const OWNER_ID = '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}';
const FILE_ID = '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}';

/**
 * Where the child dies:
 * - `soap`: the n-th SOAP call of the run reached the connector and was processed, then the process was
 *   killed before Web Connector read the answer (the answer is lost, like a crash right after commit);
 * - `qb`: the connector handed out a qbXML request and is killed while QuickBooks processes the m-th one,
 *   so QuickBooks applies it but nobody receives the response.
 */
export type KillPoint = { readonly kind: 'soap'; readonly nth: number } | { readonly kind: 'qb'; readonly nth: number };

export interface ArmedSessionResult {
  readonly result: SessionResult;
  /** The kill fired (the point was reached before the run ended). */
  readonly fired: boolean;
  /** What was being done when the kill fired, e.g. `receiveResponseXML` or `CustomerAddRq`. */
  readonly firedAt?: string;
  readonly soapCalls: number;
  readonly qbRequests: number;
}

/** One Web Connector run against the child, optionally killing it at `kill`. */
export async function runArmedSession(child: ConnectorProcess, qb: QuickBooksCompany, kill?: KillPoint): Promise<ArmedSessionResult> {
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
        firedAt = qb.requestLog.at(-1)?.answers.map((a) => a.rq).join('+') ?? 'qbXML';
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
  return { result, fired, ...(firedAt !== undefined ? { firedAt } : {}), soapCalls, qbRequests };
}

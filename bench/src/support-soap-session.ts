import { buildSoapRequest, parseSoapResponse, postSoap, readArrayOfString, type FetchLike, type QbwcOperation, type SoapParam } from '@qb-b24/qbwc-driver';
import { performance } from 'node:perf_hooks';
import { BENCH_PASSWORD } from './support-bench-app.js';

/**
 * One Web Connector-shaped run of SOAP calls as QBWC makes them when it has nothing to send (no qbXML work), timing
 * every call: serverVersion, clientVersion, authenticate, one sendRequestXML when a session opened, closeConnection.
 * `fetchImpl`: the HTTP client (a RawHttpConnection's for a load that the client itself must not bound).
 */
/** Envelopes of the calls that are the same in every run, built once (building them is client work, not the service's). */
const sameEveryRun = new Map<string, string>();
function envelope(op: QbwcOperation, params: readonly SoapParam[]): string {
  if (op === 'sendRequestXML' || op === 'closeConnection') return buildSoapRequest(op, params, { style: 'soap', pretty: false });
  const key = `${op} ${JSON.stringify(params)}`;
  let built = sameEveryRun.get(key);
  if (built === undefined) {
    built = buildSoapRequest(op, params, { style: 'soap', pretty: false });
    sameEveryRun.set(key, built);
  }
  return built;
}

export async function shortSoapSession(url: string, latencies: number[], fetchImpl: FetchLike = (u, init) => fetch(u, init)): Promise<void> {
  const call = async (op: QbwcOperation, params: readonly SoapParam[]): Promise<string> => {
    // Timed from the moment the request is ready to go: building it is the client's work.
    const request = envelope(op, params);
    const t0 = performance.now();
    const res = await postSoap(url, op, request, fetchImpl);
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${op}: HTTP ${res.status}`);
    return res.body;
  };
  await call('serverVersion', []);
  await call('clientVersion', [['strVersion', '2.3.0.215']]);
  const answer = parseSoapResponse(
    await call('authenticate', [
      ['strUserName', 'qbconnector'],
      ['strPassword', BENCH_PASSWORD],
    ]),
    'authenticate',
  );
  const [ticket = '', status = ''] = answer.kind === 'result' ? readArrayOfString(answer.result) : [];
  if (ticket === '' || status === 'nvu') throw new Error(`authenticate answered ${status}`);
  if (status !== 'none' && status !== 'busy') {
    await call('sendRequestXML', [
      ['ticket', ticket],
      ['strHCPResponse', ''],
      ['strCompanyFileName', ''],
      ['qbXMLCountry', 'US'],
      ['qbXMLMajorVers', '13'],
      ['qbXMLMinorVers', '0'],
    ]);
  }
  await call('closeConnection', [['ticket', ticket]]);
}

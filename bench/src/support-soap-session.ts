import { buildSoapRequest, parseSoapResponse, postSoap, readArrayOfString, type FetchLike, type QbwcOperation, type SoapParam } from '@qb-b24/qbwc-driver';
import { performance } from 'node:perf_hooks';
import { BENCH_PASSWORD } from './support-bench-identity.js';

/**
 * One Web Connector-shaped run of SOAP calls as QBWC makes them when it has nothing to send (no qbXML work), timing
 * every call: serverVersion, clientVersion, authenticate, one sendRequestXML when a session opened, closeConnection.
 * `fetchImpl`: the HTTP client (a RawHttpConnection's for a load that the client itself must not bound).
 */
/**
 * Envelopes built once (building them is the client's work, not the service's, and 50 clients share one process):
 * the calls that are the same in every run, and the ticket calls with a placeholder the run's ticket replaces.
 */
const built = new Map<string, string>();
const TICKET_PLACEHOLDER = 'bench-ticket-placeholder';
const xmlText = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function envelope(op: QbwcOperation, params: readonly SoapParam[]): string {
  const ticket = params.find(([name]) => name === 'ticket')?.[1];
  const shape = ticket === undefined ? params : params.map(([name, value]): SoapParam => [name, name === 'ticket' ? TICKET_PLACEHOLDER : value]);
  const key = `${op} ${JSON.stringify(shape)}`;
  let xml = built.get(key);
  if (xml === undefined) {
    xml = buildSoapRequest(op, shape, { style: 'soap', pretty: false });
    built.set(key, xml);
  }
  return ticket === undefined ? xml : xml.replace(TICKET_PLACEHOLDER, xmlText(ticket));
}

/** authenticate's two strings, read by pattern from this service's answer (parseSoapResponse when it is not that). */
function ticketAndStatus(xml: string): [string, string] {
  const strings = [...xml.matchAll(/<string>([^<&]*)<\/string>/g)].map((m) => m[1] ?? '');
  if (strings.length === 2) return [strings[0] ?? '', strings[1] ?? ''];
  const answer = parseSoapResponse(xml, 'authenticate');
  const [ticket = '', status = ''] = answer.kind === 'result' ? readArrayOfString(answer.result) : [];
  return [ticket, status];
}

/**
 * `byOperation`: each call's latency is also kept under its operation (which call of a run makes the tail).
 * `sentAt`: when the client wrote the request (RawHttpConnection.lastSentAt); without it, from when it was ready.
 * `fromReady`: each call's latency also timed from when its request was ready, as soap-concurrent timed every call
 * until 2026-12-07 (for comparison: the difference is the client's own socket set-up on a new connection).
 */
export async function shortSoapSession(
  url: string,
  latencies: number[],
  fetchImpl: FetchLike = (u, init) => fetch(u, init),
  byOperation?: Map<QbwcOperation, number[]>,
  sentAt?: () => number | null,
  fromReady?: number[],
): Promise<void> {
  const call = async (op: QbwcOperation, params: readonly SoapParam[]): Promise<string> => {
    // Timed from the moment the request is ready to go (building it is the client's work), or, with a raw
    // connection, from the moment it was written (a new connection's socket is the client's work too).
    const request = envelope(op, params);
    const ready = performance.now();
    const res = await postSoap(url, op, request, fetchImpl);
    const answered = performance.now();
    const ms = answered - Math.max(ready, sentAt?.() ?? ready);
    fromReady?.push(answered - ready);
    latencies.push(ms);
    const kept = byOperation?.get(op);
    if (kept) kept.push(ms);
    else byOperation?.set(op, [ms]);
    if (res.status !== 200) throw new Error(`${op}: HTTP ${res.status}`);
    return res.body;
  };
  await call('serverVersion', []);
  await call('clientVersion', [['strVersion', '2.3.0.215']]);
  const [ticket, status] = ticketAndStatus(
    await call('authenticate', [
      ['strUserName', 'qbconnector'],
      ['strPassword', BENCH_PASSWORD],
    ]),
  );
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

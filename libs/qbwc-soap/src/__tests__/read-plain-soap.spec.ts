import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSoapRequest, parseSoapRequestFully } from '../parse-soap-request.js';
import { QBWC_OPERATIONS, type QbwcOperation } from '../qbwc-operations.constant.js';
import { readPlainSoap } from '../read-plain-soap.js';

/** Real Web Connector calls, captured by other people (../shared/reference/real/soap), read from there. */
const REAL_SOAP = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'reference', 'real', 'soap');

type Outcome = { ok: true; value: unknown } | { ok: false };
function full(body: string): Outcome {
  try {
    return { ok: true, value: parseSoapRequestFully(body) };
  } catch {
    return { ok: false };
  }
}

/** The property every body must have: the fast reader answers nothing, or exactly what the full parser reads. */
function expectAgrees(body: string): void {
  const fast = readPlainSoap(body);
  if (fast === undefined) return;
  const reference = full(body);
  expect(reference, body).toEqual({ ok: true, value: fast });
}

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = [
  'a',
  'Z',
  '7',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  'é',
  '€',
  '😀',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#65;',
  '&#x20AC;',
  '&#13;',
  '>',
  '"',
  "'",
  '=',
  '/',
  ':',
];
const text = (rnd: () => number, max: number): string =>
  Array.from({ length: Math.floor(rnd() * max) }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]).join('');

/** The envelope styles real senders use: QBWC's own (soap: prefix, default namespace on the operation), others'. */
const STYLES: readonly ((op: string, params: string) => string)[] = [
  (op, p) =>
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><${op} xmlns="http://developer.intuit.com/">${p}</${op}></soap:Body></soap:Envelope>`,
  (op, p) =>
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/' xmlns:ns1='http://developer.intuit.com/'>\r\n  <SOAP-ENV:Body>\r\n    <ns1:${op}>${p.replace(/<(\/?)(?=[a-zA-Z])/g, '<$1ns1:')}</ns1:${op}>\r\n  </SOAP-ENV:Body>\r\n</SOAP-ENV:Envelope>\r\n`,
  (op, p) =>
    `<?xml version='1.0'?>\n<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Header/><Body ><${op} xmlns = "http://developer.intuit.com/" >${p}</${op} ></Body></Envelope>`,
];

function generatedCalls(seed: number, count: number): string[] {
  const rnd = random(seed);
  const ops = Object.keys(QBWC_OPERATIONS) as QbwcOperation[];
  return Array.from({ length: count }, () => {
    const op = ops[Math.floor(rnd() * ops.length)] ?? 'serverVersion';
    const params = QBWC_OPERATIONS[op].params
      .map((p) => (rnd() < 0.15 ? `<${p.name}/>` : `<${p.name}>${p.type === 'int' ? String(Math.floor(rnd() * 20)) : text(rnd, 12)}</${p.name}>`))
      .join('');
    return (STYLES[Math.floor(rnd() * STYLES.length)] ?? STYLES[0])?.(op, params) ?? '';
  });
}

describe('readPlainSoap (the fast reader of Web Connector calls)', () => {
  const real = readdirSync(REAL_SOAP)
    .filter((f) => f.endsWith('.xml'))
    .map((f) => ({ f, body: readFileSync(path.join(REAL_SOAP, f), 'utf8') }));

  it('reads every real Web Connector call itself, exactly as the full parser does', () => {
    const calls = real.filter(({ body }) => full(body).ok);
    expect(calls.length).toBeGreaterThanOrEqual(12);
    for (const { f, body } of calls) expect({ f, call: readPlainSoap(body) }).toEqual({ f, call: parseSoapRequestFully(body) });
  });

  it('reads generated calls of every operation in every envelope style as the full parser does, and takes them all', () => {
    const bodies = generatedCalls(14, 3_000);
    let taken = 0;
    for (const body of bodies) {
      expectAgrees(body);
      if (readPlainSoap(body) !== undefined) taken += 1;
    }
    // Everything generated is plain: a reader that gave up on, say, CR LF would leave the service on the slow path.
    expect(taken).toBe(bodies.length);
  });

  it('never accepts or misreads a damaged call: every one-character change of a call agrees with the full parser', () => {
    const rnd = random(7);
    const bases = [...real.map((r) => r.body).filter((b) => b.length < 2_000), ...generatedCalls(3, 40)];
    const damage = ['<', '>', '&', '/', '"', "'", '=', ' ', 'x', ':', '!', '?', '\u0001', ''];
    let checked = 0;
    for (const base of bases) {
      for (let n = 0; n < 150; n += 1) {
        const at = Math.floor(rnd() * base.length);
        const with_ = damage[Math.floor(rnd() * damage.length)] ?? '';
        const mutated = rnd() < 0.5 ? base.slice(0, at) + with_ + base.slice(at + 1) : base.slice(0, at) + with_ + base.slice(at);
        expectAgrees(mutated);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it.each([
    [
      'a mismatched end tag',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><getLastError xmlns="http://developer.intuit.com/"><ticket>t</tickets></getLastError></s:Body></s:Envelope>',
    ],
    [
      'an unclosed element',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><getLastError xmlns="http://developer.intuit.com/"><ticket>t</ticket></getLastError></s:Body>',
    ],
    ['two roots', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope><s:Envelope xmlns:s="x"/>'],
    ['an unquoted attribute', '<s:Envelope xmlns:s=http://schemas.xmlsoap.org/soap/envelope/><s:Body/></s:Envelope>'],
    ['a duplicate attribute', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s="x"><s:Body/></s:Envelope>'],
    ['a DTD', '<!DOCTYPE x [<!ENTITY a "b">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'],
    [
      'an undefined entity',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><getLastError xmlns="http://developer.intuit.com/"><ticket>&bogus;</ticket></getLastError></s:Body></s:Envelope>',
    ],
    [
      'a comment',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><!-- c --><s:Body><getLastError xmlns="http://developer.intuit.com/"><ticket>t</ticket></getLastError></s:Body></s:Envelope>',
    ],
    [
      'a CDATA section',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><getLastError xmlns="http://developer.intuit.com/"><ticket><![CDATA[t]]></ticket></getLastError></s:Body></s:Envelope>',
    ],
    [
      'an operation in no namespace',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><getLastError><ticket>t</ticket></getLastError></s:Body></s:Envelope>',
    ],
    [
      'a non-integer qbXML version',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><sendRequestXML xmlns="http://developer.intuit.com/"><qbXMLMajorVers>x</qbXMLMajorVers></sendRequestXML></s:Body></s:Envelope>',
    ],
  ])('leaves %s to the full parser, which words the answer', (_what, body) => {
    expect(readPlainSoap(body)).toBeUndefined();
    expectAgrees(body);
  });

  it('parseSoapRequest gives the same answer and the same errors through either reader', () => {
    for (const body of generatedCalls(21, 200)) expect(parseSoapRequest(body)).toEqual(parseSoapRequestFully(body));
    expect(() => parseSoapRequest('<a></b>')).toThrow(/Malformed XML/);
  });
});

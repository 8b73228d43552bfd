import { expect } from 'vitest';
import { expectNoLeak } from './hostile-http.js';
import { readResult, soapEnvelope, soapHeaders } from './soap.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

/** Hostile-input suites (test/e2e/hostile-*.e2e-spec.ts): a Web Connector call that must answer 200 and leak nothing. */
export const MB = 1024 * 1024;
export const XML = 'text/xml; charset=utf-8';

export async function soapCall(t: TestApp, op: string, params: Record<string, string | number> = {}, remoteAddress?: string): Promise<string | string[]> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/qbwc',
    headers: soapHeaders(op),
    payload: soapEnvelope(op, params),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expectNoLeak(res);
  return readResult(op, res.body);
}

export async function login(t: TestApp, password = TEST_PASSWORD, remoteAddress?: string): Promise<[string, string]> {
  const r = await soapCall(t, 'authenticate', { strUserName: 'qbconnector', strPassword: password }, remoteAddress);
  if (!Array.isArray(r)) throw new Error('authenticate did not answer a string array');
  return [r[0] ?? '', r[1] ?? ''];
}

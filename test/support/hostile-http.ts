import { expect } from 'vitest';
import { readFault } from './soap.js';
import { TEST_ADMIN_TOKEN, TEST_PASSWORD } from './test-app.js';

/** What an injected request answered, as far as these checks need it. */
export interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
}

const STACK_FRAME = /\bat .*\.(js|ts|mjs|cjs):\d+/;
// Source/dependency paths (POSIX or Windows) and /etc/passwd contents (a 404 may echo the asked-for path).
const LEAKS = [/node_modules/, /apps[\\/]connector/, /libs[\\/][a-z-]+[\\/]src/, /[A-Za-z]:\\[^"<]*\.(ts|js)\b/, /root:x?:?0:0/];

/** The body carries no stack trace, no file path, no secret and nothing read from the file system. */
export function expectNoLeak(res: Answer, extraSecrets: readonly string[] = []): void {
  expect(res.body).not.toMatch(STACK_FRAME);
  for (const re of LEAKS) expect(res.body, `leak ${String(re)}`).not.toMatch(re);
  for (const secret of [TEST_PASSWORD, TEST_ADMIN_TOKEN, ...extraSecrets]) expect(res.body).not.toContain(secret);
}

/** A SOAP 1.1 Client fault (HTTP 500, text/xml): what QBWC gets for a request it should not have sent. */
export function expectSoapClientFault(res: Answer): string {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(500);
  expect(String(res.headers['content-type'])).toContain('text/xml');
  const fault = readFault(res.body);
  expect(fault?.code, res.body.slice(0, 300)).toBe('soap:Client');
  expectNoLeak(res);
  return fault?.text ?? '';
}

/** The JSON error shape of every non-SOAP route: `{ statusCode, error, message }` with the given status. */
export function expectJsonError(res: Answer, status: number, extraSecrets: readonly string[] = []): void {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/json');
  const body: unknown = JSON.parse(res.body);
  expect(body).toMatchObject({ statusCode: status, error: expect.any(String) });
  expect(body).toHaveProperty('message');
  expectNoLeak(res, extraSecrets);
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readResult, soapEnvelope, soapHeaders } from './soap.js';
import { TEST_PASSWORD } from './test-app.js';

/** The company file the test configuration names (testConfig's QB_COMPANY_FILE): authenticate's answer when a session opens. */
export const TEST_COMPANY_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';

/** One Web Connector call into the app (no socket): its `<opResult>`, a string or authenticate's string array. */
export async function soapCall(app: NestFastifyApplication, op: string, params: Record<string, string | number> = {}): Promise<string | string[]> {
  const res = await app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders(op), payload: soapEnvelope(op, params) });
  return readResult(op, res.body);
}

/** A Web Connector run's authenticate with the test credentials: `[ticket, status]`. */
export async function login(app: NestFastifyApplication, password = TEST_PASSWORD): Promise<string[]> {
  const r = await soapCall(app, 'authenticate', { strUserName: 'qbconnector', strPassword: password });
  if (!Array.isArray(r)) throw new Error(`authenticate answered ${JSON.stringify(r)}, not a string array`);
  return r;
}

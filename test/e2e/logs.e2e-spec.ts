import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver, type SessionResult } from '@qb-b24/qbwc-driver';
import { loadCompanyFile } from '@qb-b24/quickbooks-emulator';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../apps/connector/src/app.setup.js';
import { SAMPLE_COMPANY } from '../support/sync-harness.js';
import { ensureTestDatabase } from '../support/test-database.js';
import { testConfig } from '../support/test-app.js';

// Secrets of this run: long, distinctive values, so a hit can only be a leak.
const QBWC_PASSWORD = 'logs-check-qbwc-password-7f3a9c1e5b';
const WRONG_PASSWORD = 'logs-check-wrong-password-2d8e4b6a';
const ADMIN_TOKEN = 'logs-check-admin-token-91c7e2f04d6b';
const APP_TOKEN = 'logs-check-application-token-5e1f';
const FORGED_TOKEN = 'logs-check-forged-token-0a9b8c7d';
const WEBHOOK_CODE = 'lgchk0webhook7k2';

/** Every line the app logs, at every level, with its parameters rendered in full. */
class CaptureLogger implements LoggerService {
  readonly lines: string[] = [];
  private push(level: string, message: unknown, params: unknown[]): void {
    const render = (v: unknown): string => (typeof v === 'string' ? v : `${inspect(v, { depth: 20, breakLength: Infinity })} ${safeJson(v)}`);
    this.lines.push(`${level} ${[message, ...params].map(render).join(' ')}`);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.push('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.push('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.push('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.push('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.push('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.push('fatal', message, params);
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch (err) {
    if (err instanceof TypeError) return '';
    throw err;
  }
}

const logger = new CaptureLogger();
const consoleLines: string[] = [];
let portal: Bitrix24Portal;
let app: NestFastifyApplication;
let url = '';
const sessions: SessionResult[] = [];

async function session(password: string): Promise<SessionResult> {
  const driver = new WebConnectorDriver({
    appUrl: `${url}/qbwc`,
    username: 'qbconnector',
    password,
    processor: company,
    ownerId: '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}',
    fileId: '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}',
    sleep: async () => undefined,
  });
  const r = await driver.runSession();
  sessions.push(r);
  return r;
}
const company = loadCompanyFile(SAMPLE_COMPANY);

beforeAll(async () => {
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 20 }))).join(' '));
    });
  }
  portal = await startBitrix24Portal({ code: WEBHOOK_CODE });
  const config = testConfig({
    QBWC_PASSWORD,
    ADMIN_TOKEN,
    BITRIX24_WEBHOOK_URL: portal.webhookUrl,
    BITRIX24_APPLICATION_TOKEN: APP_TOKEN,
    LOG_LEVEL: 'debug',
  });
  // The real production factory, with logging on into the capture (debug included).
  await ensureTestDatabase(config.database);
  app = await createApp(config, logger);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  url = `http://127.0.0.1:${address.port}`;

  expect((await session(WRONG_PASSWORD)).outcome).toBe('nvu');
  expect((await session(QBWC_PASSWORD)).outcome).toBe('completed');
  portal.setEvents({ handlerUrl: `${url}/bitrix24/webhook`, applicationToken: APP_TOKEN });
  portal.ui.add('contact', { NAME: 'Logcheck', LAST_NAME: 'Person' });
  await portal.idle();
  expect(portal.sentEvents.filter((e) => e.outcome === 'delivered').length).toBeGreaterThan(0);
  const forged = await fetch(`${url}/bitrix24/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `event=ONCRMCONTACTADD&data%5BFIELDS%5D%5BID%5D=1&ts=1&auth%5Bapplication_token%5D=${FORGED_TOKEN}`,
  });
  expect(forged.status).toBe(401);
  expect((await fetch(`${url}/admin/dead-letters`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
  expect((await fetch(`${url}/admin/dead-letters`, { headers: { authorization: `Bearer ${FORGED_TOKEN}` } })).status).toBe(401);
  expect((await fetch(`${url}/admin/reconcile`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
  expect((await session(QBWC_PASSWORD)).outcome).toBe('completed');
});

afterAll(async () => {
  await app.close();
  await portal.close();
  vi.restoreAllMocks();
});

describe('logs of a full run (QBWC sessions, webhooks, admin calls) leak no secret', () => {
  it('logged something at every step, so the check below has material', () => {
    const all = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(20);
    expect(all).toContain('admin.auth_rejected');
    expect(all).toContain('b24.call');
  });

  const secrets: [string, () => string][] = [
    ['the QBWC password', () => QBWC_PASSWORD],
    ['a wrong password someone typed', () => WRONG_PASSWORD],
    ['the admin token', () => ADMIN_TOKEN],
    ['a rejected bearer token', () => FORGED_TOKEN],
    ['the Bitrix24 application token', () => APP_TOKEN],
    ['the Bitrix24 webhook code', () => WEBHOOK_CODE],
  ];
  it.each(secrets)('%s appears in no log line and no console output', (_name, value) => {
    const secret = value();
    expect(logger.lines.filter((l) => l.includes(secret))).toEqual([]);
    expect(consoleLines.filter((l) => l.includes(secret))).toEqual([]);
  });

  it('no full ticket appears (the first 8 characters may, to correlate)', () => {
    const tickets = sessions
      .flatMap((r) => r.transcript)
      .filter((e) => e.op === 'authenticate' && Array.isArray(e.answer))
      .map((e) => (Array.isArray(e.answer) ? String(e.answer[0]) : ''))
      .filter((t) => t.length > 8);
    // the refused authenticate hands out no usable ticket; the two accepted sessions do
    expect(tickets.length).toBeGreaterThanOrEqual(2);
    for (const t of tickets) {
      expect(logger.lines.filter((l) => l.includes(t))).toEqual([]);
      // a ticket is a GUID-like string: its tail alone would identify it as well
      expect(logger.lines.filter((l) => l.includes(t.slice(8)))).toEqual([]);
    }
  });
});

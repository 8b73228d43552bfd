import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSoapClientFault } from '../support/hostile-http.js';
import { rawEnvelope, rawOp } from '../support/hostile-inputs.js';
import { startMultiCompanyHarness } from '../support/multi-company-harness.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { snapshotDatabase, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const KIB = 1024;
const MB = 1024 * KIB;

const authenticate = (password: string): string => soapEnvelope('authenticate', { strUserName: 'qbconnector', strPassword: password });

describe('SOAP body limits per operation (issue 14)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('an authenticate carrying a 20 MB password gets a fault naming the 64 KiB limit, opens no session, and the service still answers', async () => {
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('authenticate'), payload: authenticate('p'.repeat(20 * MB)) });
    expect(expectSoapClientFault(res)).toMatch(/request for authenticate is limited to 64 KiB/);
    expect(await t.db.query('SELECT * FROM "qbwc_session"')).toEqual([]);
    expect(await snapshotDatabase(t.db)).toEqual(before);

    const ok = await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('authenticate'), payload: authenticate(TEST_PASSWORD) });
    expect(ok.statusCode).toBe(200);
    const [ticket, status] = readResult('authenticate', ok.body);
    expect(ticket).toMatch(/\S{16,}/);
    expect(status).toMatch(/\.QBW$/);
    await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('closeConnection'),
      payload: soapEnvelope('closeConnection', { ticket: ticket ?? '' }),
    });
  });

  it('an 80 KiB serverVersion and an 80 KiB unknown operation are refused for size alike', async () => {
    for (const op of ['serverVersion', 'dropTables']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/qbwc',
        headers: soapHeaders(op),
        payload: rawEnvelope(rawOp(op, `<strVersion>${'v'.repeat(80 * KIB)}</strVersion>`)),
      });
      expect(expectSoapClientFault(res)).toMatch(/limited to 64 KiB/);
    }
  });

  it('a 100 KiB receiveResponseXML of a live session is read and answered; with an unknown ticket it is refused unread', async () => {
    const response = `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><!-- ${'x'.repeat(100 * KIB)} --></QBXMLMsgsRs></QBXML>`;
    const send = (ticket: string) =>
      t.app.inject({
        method: 'POST',
        url: '/qbwc',
        headers: soapHeaders('receiveResponseXML'),
        payload: soapEnvelope('receiveResponseXML', { ticket, response, hresult: '', message: '' }),
      });
    const unknown = await send('00000000-0000-0000-0000-000000000000');
    expect(expectSoapClientFault(unknown)).toMatch(/Unknown or expired session ticket/);

    const auth = await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('authenticate'), payload: authenticate(TEST_PASSWORD) });
    const [ticket] = readResult('authenticate', auth.body);
    const res = await send(ticket ?? '');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    // The call was parsed and handled: the answer is a percentage, not a fault.
    expect(readResult('receiveResponseXML', res.body)).toMatch(/^-?\d+$/);
    await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('closeConnection'),
      payload: soapEnvelope('closeConnection', { ticket: ticket ?? '' }),
    });
  });

  it('a small unknown operation still gets its unknown-operation fault', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('dropTables'), payload: rawEnvelope(rawOp('dropTables', '')) });
    expect(expectSoapClientFault(res)).toBe('Unknown operation dropTables');
  });
});

interface SlowAnswer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: string;
}

/**
 * Sends 128 KiB of a declared 20 MB authenticate and then waits without finishing the upload: an answer can only
 * arrive if the server stopped reading at the limit instead of waiting for (and buffering) the whole body.
 */
function oversizedAuthenticateWithoutEnd(url: string): Promise<SlowAnswer> {
  const head = authenticate('PAD').split('PAD')[0] ?? '';
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const headers = { ...soapHeaders('authenticate'), 'content-length': String(20 * MB) };
    const req = request({ host: target.hostname, port: target.port, method: 'POST', path: target.pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
    req.write(head);
    req.write('p'.repeat(128 * KIB));
  });
}

describe('SOAP body limits over real HTTP', () => {
  it('an oversized authenticate is answered before its upload finishes, and the connection is closed', async () => {
    const t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    try {
      await t.app.listen(0, '127.0.0.1');
      const address = t.app.getHttpServer().address();
      if (typeof address !== 'object' || address === null) throw new Error('no address');
      const answer = await oversizedAuthenticateWithoutEnd(`http://127.0.0.1:${address.port}/qbwc`);
      expect(answer.status).toBe(500);
      expect(answer.body).toContain('limited to 64 KiB');
      expect(answer.connection).toBe('close');
    } finally {
      await t.close();
    }
  }, 15_000);

  it('behind the multi-company router too, and that company opens no session', async () => {
    const h = await startMultiCompanyHarness({ companies: [{ id: 'acme' }] });
    try {
      const answer = await oversizedAuthenticateWithoutEnd(`${h.url}/companies/acme/qbwc`);
      expect(answer.status).toBe(500);
      expect(answer.body).toContain('limited to 64 KiB');
      expect(answer.connection).toBe('close');
      expect(await h.db('acme').query('SELECT * FROM "qbwc_session"')).toEqual([]);
    } finally {
      await h.close();
    }
  }, 30_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBeforeUploadEnds, HOSTILE_SHAPES, hostileChunks, hostileHead, silentUpload, uploadWhileProbingHealth } from '../support/hostile-upload.js';
import { startMultiCompanyHarness, type MultiCompanyHarness } from '../support/multi-company-harness.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readFault, readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { startTestApp, TEST_PASSWORD, testConfig, type TestApp } from '../support/test-app.js';

const MB = 1024 * 1024;
const BODY_BYTES = 30 * MB;
const UNKNOWN_TICKET = '0b4f1c2e-9a7d-4e21-8c3a-5f6e7d8c9b0a';

/** A running app's base URL. */
function baseUrl(t: TestApp): string {
  const address = t.app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

const CALLS = [
  { name: 'an unauthenticated serverVersion', call: { operation: 'serverVersion' }, refusal: /limited to 64 KiB/ },
  {
    name: 'a receiveResponseXML with an unknown ticket',
    call: { operation: 'receiveResponseXML', ticket: UNKNOWN_TICKET },
    refusal: /Unknown or expired session ticket/,
  },
] as const;

describe('30 MB hostile bodies are refused before they are read, and /health keeps answering (issue 19)', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    await t.app.listen(0, '127.0.0.1');
    url = baseUrl(t);
  });
  afterAll(async () => {
    await t.close();
  });

  for (const { name, call, refusal } of CALLS) {
    it.each(HOSTILE_SHAPES.map((s) => [s.name, s] as const))(
      `${name} carrying 30 MB of %s gets a Client fault`,
      async (_shape, shape) => {
        const head = hostileHead(shape, call);
        const answer = await uploadWhileProbingHealth(
          `${url}/qbwc`,
          `${url}/health`,
          soapHeaders(call.operation),
          hostileChunks(shape, head, BODY_BYTES),
          BODY_BYTES,
        );
        expect(answer.status, answer.body.slice(0, 300)).toBe(500);
        const fault = readFault(answer.body);
        expect(fault?.code).toBe('soap:Client');
        expect(fault?.text).toMatch(refusal);
        expect(answer.connection).toBe('close');
        expect(answer.healthStatus).toBe(200);
        // The one timing assert of the suite: before the fix a body like this kept /health silent for 30 s.
        expect(answer.healthMs).toBeLessThan(1000);
        expect(await t.db.query('SELECT * FROM "qbwc_session"')).toEqual([]);
      },
      30_000,
    );
  }

  it('a live session’s 8 MB receiveResponseXML full of entities is read and answered while /health keeps answering', async () => {
    const auth = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('authenticate'),
      payload: soapEnvelope('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD }),
    });
    const [ticket] = readResult('authenticate', auth.body);
    const shape = HOSTILE_SHAPES[2];
    if (!shape || ticket === undefined) throw new Error('no entity shape or ticket');
    const head = hostileHead(shape, { operation: 'receiveResponseXML', ticket });
    const body = Buffer.from(`${head}${'&amp;'.repeat((8 * MB) / 5)}</response></receiveResponseXML></soap:Body></soap:Envelope>`);
    const chunks = Array.from({ length: Math.ceil(body.length / MB) }, (_, i) => body.subarray(i * MB, (i + 1) * MB));
    const answer = await uploadWhileProbingHealth(`${url}/qbwc`, `${url}/health`, soapHeaders('receiveResponseXML'), chunks, body.length);
    expect(answer.status, answer.body.slice(0, 300)).toBe(200);
    expect(readResult('receiveResponseXML', answer.body)).toMatch(/^-?\d+$/);
    // Timing assert (see above): parsed on the event loop, this body kept /health waiting for seconds.
    expect(answer.healthMs).toBeLessThan(1000);
    await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('closeConnection'), payload: soapEnvelope('closeConnection', { ticket }) });
  }, 60_000);

  it('an XML POST to /admin/resync is refused unread with 415, before its missing token matters', async () => {
    const shape = HOSTILE_SHAPES[3];
    if (!shape) throw new Error('no plain-text shape');
    const answer = await uploadWhileProbingHealth(
      `${url}/admin/resync`,
      `${url}/health`,
      { 'content-type': 'text/xml' },
      hostileChunks(shape, '<x>', BODY_BYTES),
      BODY_BYTES,
    );
    expect(answer.status).toBe(415);
    expect(answer.connection).toBe('close');
  }, 30_000);
});

describe('behind the multi-company router, a large body with another company’s or no live ticket is refused at once', () => {
  let h: MultiCompanyHarness;
  beforeAll(async () => {
    h = await startMultiCompanyHarness({ companies: [{ id: 'acme' }] });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(HOSTILE_SHAPES.map((s) => [s.name, s] as const))(
    'a receiveResponseXML with an unknown ticket carrying 30 MB of %s',
    async (_name, shape) => {
      const head = hostileHead(shape, { operation: 'receiveResponseXML', ticket: UNKNOWN_TICKET });
      const answer = await uploadWhileProbingHealth(
        `${h.url}/companies/acme/qbwc`,
        `${h.url}/health`,
        soapHeaders('receiveResponseXML'),
        hostileChunks(shape, head, BODY_BYTES),
        BODY_BYTES,
      );
      expect(answer.status).toBe(500);
      expect(readFault(answer.body)?.text).toMatch(/Unknown or expired session ticket/);
      expect(answer.healthStatus).toBe(200);
      // Timing assert (see above): /health must not wait for the hostile body.
      expect(answer.healthMs).toBeLessThan(1000);
    },
    30_000,
  );
});

describe('the router refuses an unknown ticket without buffering the body', () => {
  it('a receiveResponseXML declaring 30 MB with an unknown ticket is answered after 1 MB, before the upload ends', async () => {
    const h = await startMultiCompanyHarness({ companies: [{ id: 'acme' }] });
    try {
      const shape = HOSTILE_SHAPES[3];
      if (!shape) throw new Error('no text shape');
      const head = hostileHead(shape, { operation: 'receiveResponseXML', ticket: UNKNOWN_TICKET });
      const first = [...hostileChunks(shape, head, MB)];
      const answer = await answerBeforeUploadEnds(`${h.url}/companies/acme/qbwc`, soapHeaders('receiveResponseXML'), first, BODY_BYTES);
      expect(answer.status).toBe(500);
      expect(readFault(answer.body)?.text).toMatch(/Unknown or expired session ticket/);
    } finally {
      await h.close();
    }
  }, 30_000);
});

describe('a slow upload is cut off (HTTP_IDLE_TIMEOUT_SECONDS)', () => {
  it('a POST declaring 1 MB that then goes silent is closed by the server and never handled', async () => {
    const t = await startTestApp({ config: testConfig({ HTTP_IDLE_TIMEOUT_SECONDS: '1' }), provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    try {
      await t.app.listen(0, '127.0.0.1');
      const port = Number(new URL(baseUrl(t)).port);
      // Resolves only when the server closes the connection; without the timeout the test times out.
      const received = await silentUpload(port, '/qbwc', 1_000_000);
      expect(received).not.toMatch(/^HTTP\/1\.1 200/);
    } finally {
      await t.close();
    }
  }, 15_000);
});

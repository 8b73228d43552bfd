import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_SHAPES, hostileChunks, hostileHead } from '../support/hostile-upload.js';
import { startMultiCompanyHarness, type MultiCompanyHarness } from '../support/multi-company-harness.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readFault, soapHeaders } from '../support/soap.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { uploadThenRead } from '../support/upload-then-read.js';

const MB = 1024 * 1024;
// A large page of records, within QBWC_MAX_BODY_MB (32 by default), so an honest client may send all of it.
const PAGE_BYTES = 30 * MB;
const EXPIRED_TICKET = '0b4f1c2e-9a7d-4e21-8c3a-5f6e7d8c9b0a';

/** A receiveResponseXML for a session that is gone (expired, or taken over while QuickBooks answered). */
function expiredSessionPage(): Iterable<Buffer> {
  const text = HOSTILE_SHAPES[3];
  if (!text) throw new Error('no text shape');
  return hostileChunks(text, hostileHead(text, { operation: 'receiveResponseXML', ticket: EXPIRED_TICKET }), PAGE_BYTES);
}

/** The SOAP fault in a raw HTTP answer. */
function faultOf(raw: string): { code: string; text: string } | undefined {
  return readFault(raw.slice(raw.indexOf('\r\n\r\n') + 4));
}

/**
 * The Web Connector writes a whole request before it reads the answer. A large page refused at its first bytes is
 * answered at once; the service then reads and drops the rest before it closes, so the answer is still there when
 * the Web Connector reads it (closing with the page unread made the kernel reset the connection, and the Web
 * Connector showed a connection error instead of this text).
 */
describe('a refused 30 MB page reaches a client that sends it whole before reading, as the Web Connector does', () => {
  describe('one company', () => {
    let t: TestApp;
    let port: number;
    beforeAll(async () => {
      t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
      await t.app.listen(0, '127.0.0.1');
      const address = t.app.getHttpServer().address();
      if (typeof address !== 'object' || address === null) throw new Error('no address');
      port = address.port;
    });
    afterAll(async () => {
      await t.close();
    });

    it('reads the "Unknown or expired session ticket" fault, not a reset', async () => {
      const result = await uploadThenRead(port, '/qbwc', soapHeaders('receiveResponseXML'), expiredSessionPage(), PAGE_BYTES);
      expect(result.error).toBeUndefined();
      expect(result.written).toBe(PAGE_BYTES);
      expect(result.received).toMatch(/^HTTP\/1\.1 500/);
      expect(result.received).toMatch(/\r\nconnection: close\r\n/i);
      expect(faultOf(result.received)?.text).toMatch(/Unknown or expired session ticket/);
    }, 30_000);

    it('an 8 MB event webhook (the limit is 1 MB) reads its 413 the same way', async () => {
      const body = Buffer.alloc(8 * MB, 'a');
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const result = await uploadThenRead(port, '/bitrix24/webhook', headers, [body], body.length);
      expect(result.error).toBeUndefined();
      expect(result.received).toMatch(/^HTTP\/1\.1 413/);
    }, 30_000);
  });

  describe('behind the multi-company router', () => {
    let h: MultiCompanyHarness;
    beforeAll(async () => {
      h = await startMultiCompanyHarness({ companies: [{ id: 'acme' }] });
    });
    afterAll(async () => {
      await h.close();
    });

    it('reads the same fault', async () => {
      const port = Number(new URL(h.url).port);
      const result = await uploadThenRead(port, '/companies/acme/qbwc', soapHeaders('receiveResponseXML'), expiredSessionPage(), PAGE_BYTES);
      expect(result.error).toBeUndefined();
      expect(result.written).toBe(PAGE_BYTES);
      expect(faultOf(result.received)?.text).toMatch(/Unknown or expired session ticket/);
    }, 30_000);
  });
});

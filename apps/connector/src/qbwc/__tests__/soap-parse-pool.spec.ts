import { parseSoapRequest, SoapRequestError } from '@qb-b24/qbwc-soap';
import { afterEach, describe, expect, it } from 'vitest';
import { eventLoopTurnsDuring } from '../../common/__tests__/event-loop-turns.js';
import { INLINE_PARSE_BYTES, SoapParsePool } from '../soap-parse-pool.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const QBWC = 'http://developer.intuit.com/';
const receive = (response: string): string =>
  `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML xmlns="${QBWC}"><ticket>t-1</ticket><response>${response}</response><hresult/><message/></receiveResponseXML></s:Body></s:Envelope>`;

describe('SoapParsePool: large SOAP bodies are parsed off the event loop, with a timeout', () => {
  let pool: SoapParsePool;
  afterEach(async () => {
    await pool.onModuleDestroy();
  });

  it('a 1 MB receiveResponseXML parses in the worker to exactly what the inline parse gives, while the event loop keeps turning', async () => {
    pool = new SoapParsePool(60_000);
    const body = receive('&lt;QBXML&gt;'.repeat(80_000));
    expect(body.length).toBeGreaterThan(INLINE_PARSE_BYTES);
    const { result, turns } = await eventLoopTurnsDuring(() => pool.parse(body));
    expect(result).toEqual(parseSoapRequest(body));
    expect(turns).toBeGreaterThan(0);
  });

  it('a body the parser cannot finish within the timeout is refused, and the next one is parsed by a fresh worker', async () => {
    pool = new SoapParsePool(500);
    // A comment leaves the body to the full parser (the plain reader declines it), which takes seconds on 2 million
    // references; the plain reader would read them in well under the timeout.
    const slow = pool.parse(receive('&amp;'.repeat(2_000_000)).replace('<s:Body>', '<!-- read by the full parser --><s:Body>'));
    await expect(slow).rejects.toThrow(SoapRequestError);
    await expect(slow).rejects.toMatchObject({ code: 'TOO_COMPLEX', message: expect.stringMatching(/could not be read within 1 s and was refused/) });
    const fine = receive('x'.repeat(INLINE_PARSE_BYTES + 1));
    await expect(pool.parse(fine)).resolves.toMatchObject({ operation: 'receiveResponseXML', params: { ticket: 't-1' } });
  });

  it('a large malformed body gets the same typed error as an inline parse', async () => {
    pool = new SoapParsePool(60_000);
    await expect(pool.parse(`<a>${'x'.repeat(INLINE_PARSE_BYTES + 1)}`)).rejects.toMatchObject({ name: 'SoapRequestError', code: 'NOT_XML' });
  });
});

import { describe, expect, it } from 'vitest';
import { parseQbxmlResponse, QBXML_MARKUP_LIMITS } from '../parse/parse-qbxml-response.js';

describe('parseQbxmlResponse refuses a response with too many elements or attributes before parsing', () => {
  it('more than a million empty elements', () => {
    const xml = `<?xml version="1.0"?><QBXML><QBXMLMsgsRs>${'<a/>'.repeat(QBXML_MARKUP_LIMITS.elements + 1)}</QBXMLMsgsRs></QBXML>`;
    const res = parseQbxmlResponse(xml);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('TOO_COMPLEX');
  });

  it('more than 100,000 attributes on one element', () => {
    const attrs = Array.from({ length: QBXML_MARKUP_LIMITS.attributes + 1 }, (_, i) => ` a${i}=""`).join('');
    const res = parseQbxmlResponse(`<QBXML${attrs}><QBXMLMsgsRs/></QBXML>`);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('TOO_COMPLEX');
  });

  it('while an empty message set still parses', () => {
    expect(parseQbxmlResponse('<?xml version="1.0"?><QBXML><QBXMLMsgsRs/></QBXML>')).toEqual({ ok: true, value: { responses: [] } });
  });
});

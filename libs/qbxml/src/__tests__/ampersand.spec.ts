import { describe, expect, it } from 'vitest';
import { buildQbxmlRequest } from '../build/build-qbxml-request.js';

describe('ampersands in text', () => {
  it('keeps entity-looking text literal (xmlbuilder2 would leave "R&D;" and "&amp;" unescaped)', () => {
    const name = 'R&D; Smith &amp; Sons &#38;';
    const { xml } = buildQbxmlRequest([{ kind: 'CustomerAdd', requestID: '1', CustomerAdd: { Name: name } }]);
    expect(xml).toContain('<Name>R&amp;D; Smith &amp;amp; Sons &amp;#38;</Name>');
  });
});

import { describe, expect, it } from 'vitest';
import { renderCompanyIndex } from '../render-company-index.js';

describe('renderCompanyIndex', () => {
  it("links each company's dashboard and shows its endpoints and health", () => {
    const html = renderCompanyIndex(
      [
        { id: 'acme', status: 'ok' },
        { id: 'beta-co', status: 'degraded' },
      ],
      '1.2.3',
    );
    expect(html).toContain('<a href="/companies/acme/">acme</a>');
    expect(html).toContain('<code>/companies/beta-co/qbwc</code>');
    expect(html).toContain('<code>/companies/beta-co/bitrix24/webhook</code>');
    expect(html).toMatch(/beta-co<\/a><\/td><td>degraded/);
    expect(html).toContain('hosts 2 companies');
  });

  it('escapes what it prints', () => {
    expect(renderCompanyIndex([{ id: '<x>', status: 'ok' }], '"1"')).not.toMatch(/<x>|"1"/);
  });
});

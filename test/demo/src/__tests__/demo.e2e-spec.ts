import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummary } from '../demo-summary.js';
import { runDemo } from '../run-demo.js';

describe('npm run demo', () => {
  it('imports the sample company, brings a portal contact into QuickBooks, and serves the dashboard with the stored admin token', async () => {
    const run = await runDemo({ logger: false });
    try {
      const { summary } = run;
      expect(summary.sessions).toEqual(['completed', 'completed']);
      expect(summary.toQuickBooks).toEqual({ contact: 'Ada Lovelace', arrived: true, customerAdds: 1 });
      const invoices = summary.imported.find((r) => r.entity === 'invoice');
      expect(invoices?.created).toBe(run.portal.list('deal').filter((d) => String(d['TITLE']).startsWith('Invoice ')).length);
      expect(summary.imported.every((r) => r.failed === 0)).toBe(true);
      expect(summary.calls.bitrix24Http).toBe(run.portal.calls.length);
      expect(formatSummary(summary)).toContain('Ada Lovelace: now a QuickBooks customer');

      const token = readFileSync(run.adminTokenFile, 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(24);
      const page = await fetch(`${run.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain(token);
      const admin = await fetch(`${run.url}/admin/dead-letters`, { headers: { authorization: `Bearer ${token}` } });
      expect(admin.status).toBe(200);
    } finally {
      await run.stop();
    }
    expect(existsSync(run.dataDir)).toBe(false);
  });
});

import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Web Connector status with Bitrix24 not configured', () => {
  // Without a webhook, authenticate answers "none" (nothing to do); closeConnection of that run used to return a bare
  // "OK", so the operator never learnt that nothing reaches Bitrix24.
  it('closeConnection says Bitrix24 is not configured and what to set, not a bare "OK"', async () => {
    const qb = generateSampleCompany({ seed: 16, scale: { customers: 3, vendors: 1, items: 2, invoices: 2, estimates: 1 } });
    h = await startHarness({ qb, env: { BITRIX24_WEBHOOK_URL: '' } });
    const result = await h.session();
    expect(['completed', 'none']).toContain(result.outcome);
    expect(result.statusText).toContain('Bitrix24 is not configured (set BITRIX24_WEBHOOK_URL); nothing was sent there.');
    expect(h.portal.calls).toEqual([]);
  });
});

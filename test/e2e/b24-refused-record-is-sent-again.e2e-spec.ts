import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { IsNull, Not } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncErrorEntity } from '../../apps/connector/src/sync/sync-error.entity.js';
import { portalCensus } from '../support/portal-census.js';
import { s, type Rec } from '../support/record-values.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a record Bitrix24 refuses once', () => {
  // The watermark moves when a page is staged, so a record refused inside a batch would otherwise only come back
  // with its next edit in QuickBooks. The page is applied again instead; what already landed costs nothing.
  it('reaches Bitrix24 on the worker’s next try, with no edit in QuickBooks, and nothing is duplicated', async () => {
    h = await startHarness({ qb: generateSampleCompany({ seed: 21, scale: { customers: 6, vendors: 1, items: 2, invoices: 3, estimates: 1 } }) });
    // One contact create inside a batch fails with a 500 (bitrix24.md §9: per-command errors come back in result_error).
    h.portal.injectFault({ kind: 'INTERNAL_SERVER_ERROR', count: 1, methods: ['crm.contact.add'] });
    expect((await h.session()).outcome).toBe('completed');
    const refused = await h.t.db.getRepository(SyncErrorEntity).findBy({ recordId: Not(IsNull()) });
    expect(refused).toHaveLength(1);
    const qbId = refused[0]?.recordId ?? '';
    await drainWorker(h.t);
    // The very contact Bitrix24 refused is there now, once.
    expect(h.portal.list('contact').filter((c) => s(c['ORIGIN_ID']) === qbId)).toHaveLength(1);
    expect(portalCensus(h.portal, h.qb)).toEqual({ missing: [], duplicated: [] });
    const after = (await h.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>();
    expect(after['bitrix24_backlog']).toMatchObject({ pages: 0, set_aside_pages: 0 });
    expect(s((after['last_errors'] as Rec[])[0]?.['code'])).toMatch(/^(B24_|APPLY_FAILED)/);
  });
});

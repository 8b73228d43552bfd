import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const TOKEN = 'harness-application-token';

function byOrigin(x: Harness, entity: 'contact' | 'company' | 'deal'): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of x.portal.list(entity)) out.set(s(r['ORIGIN_ID']), (out.get(s(r['ORIGIN_ID'])) ?? 0) + 1);
  return out;
}

describe('faults converge', () => {
  it('Bitrix24 answering 503 and 500 during the import is retried: every record arrives once', async () => {
    h = await startHarness();
    h.portal.injectFault({ kind: 'QUERY_LIMIT_EXCEEDED', count: 1, methods: ['batch'] });
    h.portal.injectFault({ kind: 'INTERNAL_SERVER_ERROR', count: 1, methods: ['batch'] });
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.calls.some((c) => c.httpStatus === 503)).toBe(true);
    const deals = byOrigin(h, 'deal');
    for (const id of h.qb.ids('Invoice')) expect(deals.get(id), id).toBe(1);
  });

  it('QuickBooks "record in use" (3170) on a queued write is retried later, not lost and not dead', async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    h.portal.setEvents({ handlerUrl: `${h.url}/bitrix24/webhook`, applicationToken: TOKEN });
    h.portal.ui.add('contact', { NAME: 'Busy', LAST_NAME: 'Record' });
    await h.portal.idle();
    h.qb.failNext(1, { statusCode: 3170, statusMessage: 'There was an error when saving a Customer list. The record is being used by another user.' });
    expect((await h.session()).outcome).toBe('completed');
    const row = await h.t.db.getRepository(OutboxEntity).findOneByOrFail({ b24Entity: 'contact' });
    expect(row.status).toBe('pending');
    expect(row.lastErrorCode).toBe('QB_3170');
    expect(h.qb.ids('Customer').map((id) => s((h?.qb.getRet(id) as Rec)['Name']))).not.toContain('Busy Record');
    h.t.clock.advance(60_000);
    expect((await h.session()).outcome).toBe('completed');
    expect(
      h.qb
        .ids('Customer')
        .map((id) => s((h?.qb.getRet(id) as Rec)['Name']))
        .filter((n) => n === 'Busy Record'),
    ).toHaveLength(1);
  });

  it('a change QuickBooks refuses for good becomes a dead letter with its message, and the others still go through', async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    h.portal.setEvents({ handlerUrl: `${h.url}/bitrix24/webhook`, applicationToken: TOKEN });
    h.portal.ui.add('contact', { NAME: 'Refused', LAST_NAME: 'Record' });
    h.portal.ui.add('contact', { NAME: 'Accepted', LAST_NAME: 'Record' });
    await h.portal.idle();
    h.qb.failNext(1, { statusCode: 3120, statusMessage: 'Object "x" specified in the request cannot be found.' });
    expect((await h.session()).outcome).toBe('completed');
    const rows = await h.t.db.getRepository(OutboxEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.status).sort()).toEqual(['dead', 'done']);
    const dead = rows.find((r) => r.status === 'dead');
    expect(dead?.lastError).toMatch(/cannot be found|QuickBooks/i);
    // The two contacts' webhooks arrive together, so either may be queued (and refused) first: the one whose row
    // died must be missing from QuickBooks, the other must be there.
    const nameOf = new Map(h.portal.list('contact').map((c) => [s(c['ID']), `${s(c['NAME'])} ${s(c['LAST_NAME'])}`]));
    const refused = nameOf.get(dead?.b24Id ?? '');
    const accepted = refused === 'Refused Record' ? 'Accepted Record' : 'Refused Record';
    expect(refused === 'Refused Record' || refused === 'Accepted Record', `dead row's contact: ${String(refused)}`).toBe(true);
    const inQuickBooks = h.qb.ids('Customer').map((id) => s((h?.qb.getRet(id) as Rec)['Name']));
    expect(inQuickBooks).toContain(accepted);
    expect(inQuickBooks).not.toContain(refused);
  });

  it('Web Connector failing to open the company file ends the session cleanly and the next one syncs', async () => {
    h = await startHarness();
    h.qb.failNext(1, { hresult: '0x80040408', message: 'Could not start QuickBooks.', on: 'openSession' });
    const failed = await h.session();
    expect(failed.outcome).toBe('connection-error');
    expect((await h.session()).outcome).toBe('completed');
    expect(byOrigin(h, 'deal').size).toBe(h.qb.ids('Invoice').length + h.qb.ids('Estimate').length);
  });
});

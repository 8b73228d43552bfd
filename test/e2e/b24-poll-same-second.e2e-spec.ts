import { ManualClock, type CrmEntity } from '@qb-b24/bitrix24-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { B24PollerService } from '../../apps/connector/src/sync/b24-poller.service.js';
import { startImportedHarness, type Harness } from '../support/sync-harness.js';
import { s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const nextId = (x: Harness, entity: CrmEntity): number => Math.max(0, ...x.portal.list(entity).map((r) => Number(r['ID']))) + 1;

const customersNamed = (x: Harness, name: string): Rec[] =>
  x.qb
    .ids('Customer')
    .map((id) => x.qb.getRet(id) as Rec)
    .filter((c) => s(c['Name']) === name);

describe('Bitrix24 polling', () => {
  it('a contact and a company with the same id changed in the same second both reach QuickBooks', async () => {
    // The portal's clock stands still, so both records carry the same DATE_MODIFY.
    h = await startImportedHarness({ portal: { clock: new ManualClock(Date.UTC(2026, 10, 25, 12)) } });
    // Webhooks lost (bitrix24.md §7.4): only the poller finds these changes.
    h.portal.setEvents(undefined);
    // Ids are per entity: pad the shorter table so the next contact and the next company share an id.
    while (nextId(h, 'contact') < nextId(h, 'company')) h.portal.ui.add('contact', { NAME: 'Filler', LAST_NAME: `Contact ${nextId(h, 'contact')}` });
    while (nextId(h, 'company') < nextId(h, 'contact')) h.portal.ui.add('company', { TITLE: `Filler Company ${nextId(h, 'company')}` });
    const contactId = h.portal.ui.add('contact', { NAME: 'Ada', LAST_NAME: 'Same-Second' });
    const companyId = h.portal.ui.add('company', { TITLE: 'Same Second Ltd' });
    expect(companyId).toBe(contactId);

    await h.t.app.get(B24PollerService).pollOnce();
    const polled = await h.t.db.getRepository(B24EventEntity).findBy({ event: 'POLL', b24Id: String(contactId) });
    // Deals are polled too (won deals → QuickBooks); an imported deal may share the id and the standing-still second.
    expect(
      polled
        .map((e) => e.b24Entity)
        .filter((e) => e !== 'deal')
        .sort(),
    ).toEqual(['company', 'contact']);

    expect((await h.session()).outcome).toBe('completed');
    expect(customersNamed(h, 'Ada Same-Second')).toHaveLength(1);
    expect(customersNamed(h, 'Same Second Ltd')).toHaveLength(1);
  });
});

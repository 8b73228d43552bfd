// A value deleted in Bitrix24 is deleted in QuickBooks too (issue #8 follow-up), and never comes back.
// QuickBooks clears a list object's field when a Mod sends its element empty (Intuit, "Modify, delete and void
// requests and responses"); the emulator does the same (test/emulators/quickbooks/README.md).
import { afterEach, describe, expect, it } from 'vitest';
import { SyncLogEntity } from '../../apps/connector/src/sync/sync-log.entity.js';
import { settleSessions, startImportedHarness, type Harness, qbWrites } from '../support/sync-harness.js';
import { list, rec, s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;

/** An imported QuickBooks customer that became a plain Bitrix24 contact (no company, not a job), with phone and e-mail. */
function importedPerson(x: Harness): { listId: string; contactId: number } {
  for (const listId of x.qb.ids('Customer')) {
    const c = rec(x.qb.getRet(listId));
    if (c['ParentRef'] || s(c['CompanyName']) || !s(c['Phone']) || !s(c['Email'])) continue;
    const contact = x.portal.list('contact').find((r) => s(r['ORIGIN_ID']) === listId);
    if (contact) return { listId, contactId: Number(contact['ID']) };
  }
  throw new Error('no imported individual customer with phone and e-mail');
}

/** Bitrix24 writes show up as outbound events (the portal sends one per add/update/delete). */
function b24Writes(x: Harness): number {
  return x.portal.sentEvents.length;
}

/** The multi-field values of a portal record, deleted (DELETE: 'Y' per ID, bitrix24.md §6.2). */
function deleteAll(r: Rec | undefined, field: 'PHONE' | 'EMAIL'): Rec[] {
  return list(r?.[field]).map((v) => ({ ID: v['ID'], DELETE: 'Y' }));
}

describe('a field cleared in Bitrix24 is cleared in QuickBooks', () => {
  it("a contact's phone and e-mail deleted in Bitrix24 are gone from the QuickBooks customer, and stay gone", async () => {
    h = await startImportedHarness();
    const { listId, contactId } = importedPerson(h);
    const before = rec(h.qb.getRet(listId));
    const contact = h.portal.get('contact', contactId);
    h.portal.ui.update('contact', contactId, { PHONE: deleteAll(contact, 'PHONE'), EMAIL: deleteAll(contact, 'EMAIL') });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');

    const after = rec(h.qb.getRet(listId));
    expect(after).not.toHaveProperty('Phone');
    expect(after).not.toHaveProperty('Email');
    expect(rec(after['BillAddress'])).toEqual(rec(before['BillAddress']));

    // Later sessions neither write anything nor bring the values back to Bitrix24.
    await h.portal.idle();
    const qb = qbWrites(h);
    const b24 = b24Writes(h);
    await settleSessions(h, 3);
    expect(qbWrites(h)).toBe(qb);
    expect(b24Writes(h)).toBe(b24);
    expect(list(h.portal.get('contact', contactId)?.['PHONE'])).toEqual([]);
    expect(list(h.portal.get('contact', contactId)?.['EMAIL'])).toEqual([]);

    // An accountant's unrelated edit in QuickBooks (the customer is read again) does not resurrect them either.
    h.qb.advance(HOUR);
    h.qb.userEdit(listId, { Notes: 'Called on Monday' });
    await settleSessions(h, 2);
    expect(list(h.portal.get('contact', contactId)?.['PHONE'])).toEqual([]);
    expect(list(h.portal.get('contact', contactId)?.['EMAIL'])).toEqual([]);
    expect(rec(h.qb.getRet(listId))).not.toHaveProperty('Phone');
  });

  it('address lines deleted in Bitrix24 are emptied in QuickBooks; the other lines stay', async () => {
    h = await startImportedHarness();
    const { listId, contactId } = importedPerson(h);
    const bill = rec(rec(h.qb.getRet(listId))['BillAddress']);
    expect(s(bill['City'])).not.toBe('');
    h.portal.ui.update('contact', contactId, { ADDRESS_CITY: '', ADDRESS_POSTAL_CODE: '' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const { City: _c, PostalCode: _p, ...kept } = bill;
    expect(rec(rec(h.qb.getRet(listId))['BillAddress'])).toEqual(kept);
    await settleSessions(h, 2);
    expect(s(h.portal.get('contact', contactId)?.['ADDRESS_CITY'])).toBe('');
    expect(s(h.portal.get('contact', contactId)?.['ADDRESS'])).toBe(s(bill['Addr1']));
  });

  it('a product description deleted in Bitrix24 is gone from the QuickBooks item, and stays gone', async () => {
    h = await startImportedHarness();
    const listId = h.qb.ids('ItemService').find((id) => s(rec(rec(h?.qb.getRet(id))['SalesOrPurchase'])['Desc']) !== '') ?? '';
    const product = h.portal.list('product').find((p) => s(p['XML_ID']) === `QB_${listId}`);
    expect(s(product?.['DESCRIPTION'])).not.toBe('');
    const productId = Number(product?.['ID']);
    const price = s(rec(rec(h.qb.getRet(listId))['SalesOrPurchase'])['Price']);
    h.portal.ui.update('product', productId, { DESCRIPTION: '' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');

    const sop = rec(rec(h.qb.getRet(listId))['SalesOrPurchase']);
    expect(sop).not.toHaveProperty('Desc');
    expect(s(sop['Price'])).toBe(price);
    expect(s(rec(sop['AccountRef'])['FullName'])).not.toBe('');

    await h.portal.idle();
    const qb = qbWrites(h);
    const b24 = b24Writes(h);
    await settleSessions(h, 3);
    expect(qbWrites(h)).toBe(qb);
    expect(b24Writes(h)).toBe(b24);
    expect(s(h.portal.get('product', productId)?.['DESCRIPTION'])).toBe('');

    // A price change in QuickBooks reaches Bitrix24 without the old description.
    h.qb.advance(HOUR);
    h.qb.userEdit(listId, { SalesOrPurchase: { Price: '999.00' } });
    await settleSessions(h, 1);
    expect(Number(h.portal.get('product', productId)?.['PRICE'])).toBe(999);
    expect(s(h.portal.get('product', productId)?.['DESCRIPTION'])).toBe('');
  });

  it('QuickBooks changed the phone while Bitrix24 deleted it: Bitrix24 owns phones (DEFAULT_CONFLICT_POLICY), so the deletion wins', async () => {
    h = await startImportedHarness();
    const { listId, contactId } = importedPerson(h);
    const email = s(rec(h.qb.getRet(listId))['Email']);
    h.qb.advance(HOUR);
    h.qb.userEdit(listId, { Phone: '999-555-0000' });
    h.portal.ui.update('contact', contactId, { PHONE: deleteAll(h.portal.get('contact', contactId), 'PHONE') });
    await h.portal.idle();
    // The Mod carries the EditSequence from before the QuickBooks edit: 3200, re-read, field-by-field merge, Mod again.
    expect((await h.session()).outcome).toBe('completed');
    expect(h.qb.requestLog.flatMap((e) => e.answers).some((a) => a.rq === 'CustomerModRq' && a.statusCode === 3200)).toBe(true);

    const after = rec(h.qb.getRet(listId));
    expect(after).not.toHaveProperty('Phone');
    expect(s(after['Email'])).toBe(email);
    const conflict = await h.t.db.getRepository(SyncLogEntity).findOneByOrFail({ action: 'conflict-merged', qbId: listId });
    expect(JSON.parse(conflict.detail ?? '[]')).toEqual([{ field: 'phone', base: expect.any(String), qb: '999-555-0000', winner: 'b24' }]);

    // Both systems agree afterwards (no phone anywhere), and then nothing more is written.
    await settleSessions(h, 1);
    expect(list(h.portal.get('contact', contactId)?.['PHONE'])).toEqual([]);
    const qb = qbWrites(h);
    const b24 = b24Writes(h);
    await settleSessions(h, 3);
    expect(qbWrites(h)).toBe(qb);
    expect(b24Writes(h)).toBe(b24);
    expect(list(h.portal.get('contact', contactId)?.['PHONE'])).toEqual([]);
    expect(rec(h.qb.getRet(listId))).not.toHaveProperty('Phone');
  });
});

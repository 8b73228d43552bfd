// A Bitrix24 edit must not rename the QuickBooks customer. QuickBooks owns names (DEFAULT_CONFLICT_POLICY) and the
// Name is the customer's key there (invoices, reports): a CustomerMod sends Name only when the person changed the
// name in Bitrix24 AND the QuickBooks Name is still the one the connector gives those names ("First Last", the
// company's TITLE). Otherwise only FirstName/LastName/CompanyName change, and the journal says the name was kept.
import { loadCompanyFile, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncLogEntity } from '../../apps/connector/src/sync/sync-log.entity.js';
import { SAMPLE_COMPANY, settleSessions, startImportedHarness, type Harness, qbWrites } from '../support/sync-harness.js';
import { list, rec, s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;

/** The sample company plus customers whose Name is (or is not) what the connector would build from their names. */
function company(): { qb: QuickBooksCompany; rossi: string; ada: string; acmeCustom: string; acmePattern: string } {
  const qb = loadCompanyFile(SAMPLE_COMPANY);
  // The sample company has its own "Rossi, Olivia" ("Last, First" names with FirstName/LastName, as many QuickBooks files do).
  const fields = { FirstName: 'Olivia', LastName: 'Rossi', Phone: '555-0100', Email: 'olivia.rossi@example.org' };
  const existing = qb.ids('Customer').find((id) => s(rec(qb.getRet(id))['Name']) === 'Rossi, Olivia');
  if (existing !== undefined) qb.userEdit(existing, fields);
  const rossi = existing ?? qb.userAddList('Customer', { Name: 'Rossi, Olivia', ...fields });
  const ada = qb.userAddList('Customer', { Name: 'Ada Lovelace', FirstName: 'Ada', LastName: 'Lovelace', Phone: '555-0110', Email: 'ada@example.org' });
  const acmeCustom = qb.userAddList('Customer', { Name: 'ACME-01', CompanyName: 'Acme Tools LLC', Phone: '555-0120', Email: 'ap@acme-tools.example' });
  const acmePattern = qb.userAddList('Customer', { Name: 'Bolt Works Inc', CompanyName: 'Bolt Works Inc', Phone: '555-0130', Email: 'ap@boltworks.example' });
  return { qb, rossi, ada, acmeCustom, acmePattern };
}

function b24Of(x: Harness, entity: 'contact' | 'company', listId: string): number {
  const r = x.portal.list(entity).find((c) => s(c['ORIGIN_ID']) === listId);
  if (!r) throw new Error(`no ${entity} for ${listId}`);
  return Number(r['ID']);
}

/** The record's phone replaced by `value` (same multi-field ID, bitrix24.md §6.2). */
function newPhone(x: Harness, entity: 'contact' | 'company', id: number, value: string): Rec[] {
  const first = list(x.portal.get(entity, id)?.['PHONE'])[0];
  return [{ ID: first?.['ID'], VALUE: value, VALUE_TYPE: 'WORK' }];
}

const qbCustomer = (x: Harness, listId: string): Rec => rec(x.qb.getRet(listId));
const b24Writes = (x: Harness): number => x.portal.sentEvents.length;

/** After the change has been applied: 3 more sessions write nothing on either side. */
async function expectNoLoop(x: Harness): Promise<void> {
  await settleSessions(x, 1);
  const qb = qbWrites(x);
  const b24 = b24Writes(x);
  await settleSessions(x, 3);
  expect(qbWrites(x)).toBe(qb);
  expect(b24Writes(x)).toBe(b24);
}

async function keptNames(x: Harness, qbId: string): Promise<Rec[]> {
  const rows = await x.t.db.getRepository(SyncLogEntity).findBy({ action: 'qb-name-kept', qbId });
  return rows.map((r) => rec(JSON.parse(r.detail ?? '{}')));
}

describe('a Bitrix24 edit does not rename the QuickBooks customer', () => {
  it('"Rossi, Olivia": a phone edited in Bitrix24 reaches QuickBooks, the Name stays, and nothing loops', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const contactId = b24Of(h, 'contact', c.rossi);
    expect(s(h.portal.get('contact', contactId)?.['NAME'])).toBe('Olivia');
    h.portal.ui.update('contact', contactId, { PHONE: newPhone(h, 'contact', contactId, '555-0199') });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');

    const after = qbCustomer(h, c.rossi);
    expect(s(after['Phone'])).toBe('555-0199');
    expect(s(after['Name'])).toBe('Rossi, Olivia');
    expect([s(after['FirstName']), s(after['LastName'])]).toEqual(['Olivia', 'Rossi']);
    await expectNoLoop(h);
    expect(s(qbCustomer(h, c.rossi)['Name'])).toBe('Rossi, Olivia');
    expect(s(h.portal.get('contact', contactId)?.['LAST_NAME'])).toBe('Rossi');
  });

  it('"Rossi, Olivia": a last name changed in Bitrix24 changes LastName only; the journal says the QuickBooks name was kept', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const contactId = b24Of(h, 'contact', c.rossi);
    h.portal.ui.update('contact', contactId, { LAST_NAME: 'Bianchi' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');

    const after = qbCustomer(h, c.rossi);
    expect(s(after['LastName'])).toBe('Bianchi');
    expect(s(after['Name'])).toBe('Rossi, Olivia');
    expect(await keptNames(h, c.rossi)).toContainEqual({ qbName: 'Rossi, Olivia', b24Name: 'Olivia Bianchi', reason: 'custom-name' });
    await expectNoLoop(h);
    expect(s(qbCustomer(h, c.rossi)['Name'])).toBe('Rossi, Olivia');
    expect(s(h.portal.get('contact', contactId)?.['LAST_NAME'])).toBe('Bianchi');
  });

  it('a name changed in Bitrix24 renames a customer whose Name is the connector\'s "First Last"', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const contactId = b24Of(h, 'contact', c.ada);
    h.portal.ui.update('contact', contactId, { LAST_NAME: 'King' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect(s(qbCustomer(h, c.ada)['Name'])).toBe('Ada King');
    expect(s(qbCustomer(h, c.ada)['LastName'])).toBe('King');
    await expectNoLoop(h);
    expect(s(qbCustomer(h, c.ada)['Name'])).toBe('Ada King');

    // A contact created in Bitrix24 (so named by the connector) follows its renames too.
    const id = h.portal.ui.add('contact', { NAME: 'Grace', LAST_NAME: 'Hopper' });
    await h.portal.idle();
    await h.session();
    const grace = h.qb.ids('Customer').find((x) => s(qbCustomer(h as Harness, x)['Name']) === 'Grace Hopper') ?? '';
    h.portal.ui.update('contact', id, { LAST_NAME: 'Murray' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect(s(qbCustomer(h, grace)['Name'])).toBe('Grace Murray');
    await expectNoLoop(h);
  });

  it('company customers: an edit keeps a custom Name, a TITLE change renames only a Name that is the company name', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const custom = b24Of(h, 'company', c.acmeCustom);
    const pattern = b24Of(h, 'company', c.acmePattern);
    expect(s(h.portal.get('company', custom)?.['TITLE'])).toBe('Acme Tools LLC');
    h.portal.ui.update('company', custom, { PHONE: newPhone(h, 'company', custom, '555-0299'), TITLE: 'Acme Tools Inc' });
    h.portal.ui.update('company', pattern, { TITLE: 'Bolt Works Group' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');

    const acme = qbCustomer(h, c.acmeCustom);
    expect([s(acme['Name']), s(acme['CompanyName']), s(acme['Phone'])]).toEqual(['ACME-01', 'Acme Tools Inc', '555-0299']);
    expect(await keptNames(h, c.acmeCustom)).toContainEqual({ qbName: 'ACME-01', b24Name: 'Acme Tools Inc', reason: 'custom-name' });
    const bolt = qbCustomer(h, c.acmePattern);
    expect([s(bolt['Name']), s(bolt['CompanyName'])]).toEqual(['Bolt Works Group', 'Bolt Works Group']);
    await expectNoLoop(h);
    expect(s(qbCustomer(h, c.acmeCustom)['Name'])).toBe('ACME-01');
    expect(s(h.portal.get('company', custom)?.['TITLE'])).toBe('Acme Tools Inc');
  });

  it('edited on both sides (3200, re-read, merge): "Rossi, Olivia" keeps its Name and both edits land, then nothing loops', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const contactId = b24Of(h, 'contact', c.rossi);
    h.qb.advance(HOUR);
    h.qb.userEdit(c.rossi, { Phone: '555-0777' });
    h.portal.ui.update('contact', contactId, { ADDRESS_CITY: 'Verona' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect(h.qb.requestLog.flatMap((e) => e.answers).some((a) => a.rq === 'CustomerModRq' && a.statusCode === 3200)).toBe(true);

    const after = qbCustomer(h, c.rossi);
    expect(s(after['Name'])).toBe('Rossi, Olivia');
    expect(s(after['Phone'])).toBe('555-0777');
    expect(s(rec(after['BillAddress'])['City'])).toBe('Verona');
    await expectNoLoop(h);
    expect(s(qbCustomer(h, c.rossi)['Name'])).toBe('Rossi, Olivia');
    expect(list(h.portal.get('contact', contactId)?.['PHONE']).map((p) => s(p['VALUE']))).toEqual(['555-0777']);
  });
});

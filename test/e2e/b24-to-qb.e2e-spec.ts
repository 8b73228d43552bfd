import { ManualClock } from '@qb-b24/bitrix24-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { B24PollerService } from '../../apps/connector/src/sync/b24-poller.service.js';
import { HARNESS_APPLICATION_TOKEN, startHarness, startImportedHarness, type Harness } from '../support/sync-harness.js';
import { s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;

function customersNamed(x: Harness, name: string): Rec[] {
  return x.qb
    .ids('Customer')
    .map((id) => x.qb.getRet(id) as Rec)
    .filter((c) => s(c['Name']) === name);
}

/** qbXML requests of one type QuickBooks answered, from the emulator's log. */
function answered(x: Harness, rq: string): number {
  return x.qb.requestLog.flatMap((e) => e.answers).filter((a) => a.rq === rq).length;
}

describe('Bitrix24 → QuickBooks', () => {
  it('a contact created in Bitrix24 becomes a QuickBooks customer at the next Web Connector session', async () => {
    h = await startImportedHarness();
    h.portal.ui.add('contact', {
      NAME: 'Ada',
      LAST_NAME: 'Lovelace',
      EMAIL: [{ VALUE: 'ada@analytical.example', VALUE_TYPE: 'WORK' }],
      PHONE: [{ VALUE: '+1 555 0100', VALUE_TYPE: 'WORK' }],
    });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const found = customersNamed(h, 'Ada Lovelace');
    expect(found).toHaveLength(1);
    expect(s(found[0]?.['Email'])).toBe('ada@analytical.example');
    expect(s(found[0]?.['LastName'])).toBe('Lovelace');
    // and it stays one: later sessions neither add it again nor send it back
    const adds = answered(h, 'CustomerAddRq');
    await h.session();
    await h.session();
    expect(answered(h, 'CustomerAddRq')).toBe(adds);
    expect(customersNamed(h, 'Ada Lovelace')).toHaveLength(1);
  });

  it('ten edits of one contact between sessions reach QuickBooks as one change with the last values', async () => {
    h = await startImportedHarness();
    const id = h.portal.ui.add('contact', { NAME: 'Grace', LAST_NAME: 'Hopper' });
    await h.portal.idle();
    await h.session();
    const listId = s(customersNamed(h, 'Grace Hopper')[0]?.['ListID']);
    const mods = answered(h, 'CustomerModRq');
    for (let i = 1; i <= 10; i += 1) h.portal.ui.update('contact', id, { ADDRESS_CITY: `Arlington ${i}` });
    await h.portal.idle();
    await h.session();
    expect(answered(h, 'CustomerModRq') - mods).toBe(1);
    expect(s(((h.qb.getRet(listId) as Rec)['BillAddress'] as Rec | undefined)?.['City'])).toBe('Arlington 10');
  });

  it('a customer edited in both systems is merged: QuickBooks wins the name, Bitrix24 the e-mail', async () => {
    h = await startImportedHarness();
    const id = h.portal.ui.add('contact', { NAME: 'Alan', LAST_NAME: 'Turing', EMAIL: [{ VALUE: 'alan@bletchley.example', VALUE_TYPE: 'WORK' }] });
    await h.portal.idle();
    await h.session();
    const listId = s(customersNamed(h, 'Alan Turing')[0]?.['ListID']);
    h.qb.advance(HOUR);
    h.qb.userEdit(listId, { LastName: 'Turing-QB' });
    const contact = h.portal.get('contact', id) ?? {};
    const emailId = s((contact['EMAIL'] as Rec[])[0]?.['ID']);
    h.portal.ui.update('contact', id, { LAST_NAME: 'Turing-B24', EMAIL: [{ ID: emailId, VALUE: 'alan@manchester.example', VALUE_TYPE: 'WORK' }] });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const qb = h.qb.getRet(listId) as Rec;
    expect(s(qb['LastName'])).toBe('Turing-QB');
    expect(s(qb['Email'])).toBe('alan@manchester.example');
    // the merged result reaches Bitrix24 too, so both systems agree afterwards
    await h.portal.idle();
    await h.session();
    const after = h.portal.get('contact', id) ?? {};
    expect(s(after['LAST_NAME'])).toBe('Turing-QB');
    expect((after['EMAIL'] as Rec[]).map((e) => s(e['VALUE']))).toEqual(['alan@manchester.example']);
  });

  it('a customer edited in different fields on each side ends with both edits on both sides', async () => {
    h = await startImportedHarness();
    const id = h.portal.ui.add('contact', { NAME: 'Alan', LAST_NAME: 'Turing' });
    await h.portal.idle();
    await h.session();
    const listId = s(customersNamed(h, 'Alan Turing')[0]?.['ListID']);
    h.qb.advance(HOUR);
    h.qb.userEdit(listId, { Phone: '+1 555 0199' });
    h.portal.ui.update('contact', id, { ADDRESS_CITY: 'Bletchley' });
    await h.portal.idle();
    for (let i = 0; i < 3; i += 1) expect((await h.session()).outcome).toBe('completed');
    await h.portal.idle();
    const qb = h.qb.getRet(listId) as Rec;
    expect(s(qb['Phone'])).toBe('+1 555 0199');
    expect(s((qb['BillAddress'] as Rec | undefined)?.['City'])).toBe('Bletchley');
    // No conflict here, yet the phone only QuickBooks had must still reach Bitrix24.
    const contact = h.portal.get('contact', id) ?? {};
    expect(s(contact['ADDRESS_CITY'])).toBe('Bletchley');
    expect(((contact['PHONE'] as Rec[] | undefined) ?? []).map((p) => s(p['VALUE']))).toEqual(['+1 555 0199']);
  });

  it('a second edit in the same second as an already synced one still reaches QuickBooks (Bitrix24 ts has one-second resolution)', async () => {
    // The portal's clock stands still, so every event it sends carries the same ts.
    h = await startImportedHarness({ portal: { clock: new ManualClock(Date.UTC(2026, 10, 25, 12)) } });
    const id = h.portal.ui.add('contact', { NAME: 'Edsger', LAST_NAME: 'Dijkstra' });
    h.portal.ui.update('contact', id, { ADDRESS_CITY: 'Nuenen' });
    await h.portal.idle();
    await h.session();
    const listId = s(customersNamed(h, 'Edsger Dijkstra')[0]?.['ListID']);
    // Same ts as the update already processed.
    h.portal.ui.update('contact', id, { ADDRESS_CITY: 'Austin' });
    await h.portal.idle();
    await h.session();
    expect(s(((h.qb.getRet(listId) as Rec)['BillAddress'] as Rec | undefined)?.['City'])).toBe('Austin');
    expect(s(h.portal.get('contact', id)?.['ADDRESS_CITY'])).toBe('Austin');
  });

  it('a name already used in QuickBooks gets a suffix instead of failing or overwriting', async () => {
    h = await startImportedHarness();
    h.qb.userAddList('Customer', { Name: 'Jane Doe', FirstName: 'Jane', LastName: 'Doe', Email: 'jane@books.example' });
    const [first, last, name] = ['Jane', 'Doe', 'Jane Doe'];
    const id = h.portal.ui.add('contact', { NAME: first, LAST_NAME: last, EMAIL: [{ VALUE: 'someone.else@example.org', VALUE_TYPE: 'WORK' }] });
    await h.portal.idle();
    await h.session();
    expect(customersNamed(h, name)).toHaveLength(1);
    const suffixed = h.qb
      .ids('Customer')
      .map((x) => h?.qb.getRet(x) as Rec)
      .filter((c) => s(c['Name']).includes(`(B24 ${id})`));
    expect(suffixed).toHaveLength(1);
    expect(s(suffixed[0]?.['Email'])).toBe('someone.else@example.org');
  });

  it('a change whose webhook was lost is found by polling', async () => {
    h = await startImportedHarness();
    h.portal.setEvents({ handlerUrl: `${h.url}/bitrix24/webhook`, applicationToken: HARNESS_APPLICATION_TOKEN }, { drop: 1 });
    h.portal.ui.add('contact', { NAME: 'Katherine', LAST_NAME: 'Johnson' });
    await h.portal.idle();
    await h.session();
    expect(customersNamed(h, 'Katherine Johnson')).toHaveLength(0);
    await h.t.app.get(B24PollerService).pollOnce();
    await h.session();
    expect(customersNamed(h, 'Katherine Johnson')).toHaveLength(1);
  });

  it('a contact already in Bitrix24 before the first import is matched to its QuickBooks customer, not added twice', async () => {
    h = await startHarness();
    h.portal.setEvents({ handlerUrl: `${h.url}/bitrix24/webhook`, applicationToken: HARNESS_APPLICATION_TOKEN });
    const customer = h.qb
      .ids('Customer')
      .map((x) => h?.qb.getRet(x) as Rec)
      .find((c) => !c['ParentRef'] && !s(c['CompanyName']) && s(c['Email']) !== '');
    const email = s(customer?.['Email']).split(/[;,]/)[0]?.trim() ?? '';
    const existing = h.portal.ui.add('contact', { NAME: 'Someone', LAST_NAME: 'Typed-By-Hand', EMAIL: [{ VALUE: email, VALUE_TYPE: 'WORK' }] });
    await h.portal.idle();
    const customersBefore = h.qb.ids('Customer').length;
    await h.session();
    await h.portal.idle();
    await h.session();
    await h.portal.idle();
    await h.session();
    expect(h.qb.ids('Customer')).toHaveLength(customersBefore);
    expect(s(h.portal.get('contact', existing)?.['ORIGIN_ID'])).toBe(s(customer?.['ListID']));
    expect(h.portal.list('contact').filter((c) => s(c['ORIGIN_ID']) === s(customer?.['ListID']))).toHaveLength(1);
  });

  it('a forged webhook is refused and queues nothing', async () => {
    h = await startImportedHarness();
    const id = h.portal.ui.add('contact', { NAME: 'Eve', LAST_NAME: 'Forger' });
    await h.portal.idle();
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/bitrix24/webhook',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `event=ONCRMCONTACTADD&data%5BFIELDS%5D%5BID%5D=${id}&ts=1&auth%5Bapplication_token%5D=not-the-token`,
    });
    expect(res.statusCode).toBe(401);
    expect(await h.t.db.getRepository(OutboxEntity).count()).toBe(0);
  });

  it('our own writes do not come back: ten sessions after a change make no further writes on either side', async () => {
    h = await startImportedHarness();
    const id = h.portal.ui.add('contact', { NAME: 'Loop', LAST_NAME: 'Tester', EMAIL: [{ VALUE: 'loop@example.org', VALUE_TYPE: 'WORK' }] });
    const customer = h.qb.ids('Customer').find((x) => !(h?.qb.getRet(x) as Rec)['ParentRef'] && !s((h?.qb.getRet(x) as Rec)['CompanyName'])) ?? '';
    h.qb.advance(HOUR);
    h.qb.userEdit(customer, { LastName: 'Changed-In-QB' });
    await h.portal.idle();
    await h.session();
    await h.portal.idle();
    await h.session();
    await h.portal.idle();
    const qbWrites = (): number => answered(h as Harness, 'CustomerAddRq') + answered(h as Harness, 'CustomerModRq');
    const b24Writes = (): number => h?.portal.calls.filter((c) => c.method === 'batch' || /\.(add|update|delete)$/.test(c.method)).length ?? 0;
    const qbBefore = qbWrites();
    h.portal.resetCalls();
    for (let i = 0; i < 10; i += 1) {
      h.qb.advance(HOUR);
      await h.session();
      await h.portal.idle();
    }
    expect(qbWrites()).toBe(qbBefore);
    expect(h.portal.calls.filter((c) => /\.(add|update|delete)$/.test(c.method))).toEqual([]);
    expect(b24Writes()).toBeLessThanOrEqual(10);
    expect(customersNamed(h, 'Loop Tester')).toHaveLength(1);
    expect(s(h.portal.get('contact', id)?.['LAST_NAME'])).toBe('Tester');
  });

  it("a crash between handing out an add and QuickBooks' answer neither loses nor duplicates the customer", async () => {
    h = await startImportedHarness();
    h.portal.ui.add('contact', { NAME: 'Margaret', LAST_NAME: 'Hamilton', EMAIL: [{ VALUE: 'margaret@apollo.example', VALUE_TYPE: 'WORK' }] });
    await h.portal.idle();
    const qb = h.qb;
    const original = qb.processRequest.bind(qb);
    qb.processRequest = async (xml: string) => {
      const result = await original(xml);
      // QuickBooks applied the message, then the connection died before the answer came back.
      if (xml.includes('<CustomerAddRq')) throw new Error('Web Connector lost the connection');
      return result;
    };
    await expect(h.session()).rejects.toThrow(/lost the connection/);
    qb.processRequest = original;
    expect(customersNamed(h, 'Margaret Hamilton')).toHaveLength(1);
    // the orphaned session expires, its in-flight add is verified against QuickBooks before any re-add
    h.t.clock.advance(31 * 60_000);
    expect((await h.session()).outcome).toBe('completed');
    expect(customersNamed(h, 'Margaret Hamilton')).toHaveLength(1);
    const row = await h.t.db.getRepository(OutboxEntity).findOneByOrFail({ b24Entity: 'contact' });
    expect(row.status).toBe('done');
    expect(row.qbId).toBe(s(customersNamed(h, 'Margaret Hamilton')[0]?.['ListID']));
  });
});

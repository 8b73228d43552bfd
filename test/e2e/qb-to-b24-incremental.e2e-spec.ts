import { LIST_KINDS } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { SyncWatermarkEntity } from '../../apps/connector/src/sync/sync-watermark.entity.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import { addInactiveField, MARK_INACTIVE_RULES } from '../support/inactive-field.js';
import { s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const itemIds = (x: Harness): string[] => LIST_KINDS.filter((k) => k.startsWith('Item')).flatMap((k) => x.qb.ids(k));
const DAY = 24 * 3600_000;

function findByOrigin(h: Harness, entity: 'contact' | 'company' | 'deal', originId: string): Rec[] {
  return h.portal.list(entity).filter((r) => s(r['ORIGIN_ID']) === originId);
}

/** A top-level customer with no company name (it maps to one contact). */
function individualCustomer(h: Harness): string {
  const id = h.qb.ids('Customer').find((x) => {
    const c = h.qb.getRet(x) as Rec;
    return !s(c['CompanyName']) && !c['ParentRef'] && s(c['LastName']) !== '';
  });
  if (!id) throw new Error('fixture has no individual customer');
  return id;
}

describe('incremental QuickBooks → Bitrix24', () => {
  it('carries edits, additions, payments and price changes made in QuickBooks after the first import', async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    const customer = individualCustomer(h);
    const item = h.qb.ids('ItemInventory')[0] ?? '';
    const unpaid = h.qb.ids('Invoice').find((x) => s((h?.qb.getRet(x) as Rec)['IsPaid']) === 'false') ?? '';
    h.qb.advance(DAY);
    h.qb.userEdit(customer, { LastName: 'Lindqvist-Öberg', Email: 'new.address@example.com' });
    const added = h.qb.userAddList('Customer', { Name: 'Zoë Fairbanks', FirstName: 'Zoë', LastName: 'Fairbanks', Email: 'zoe@example.com' });
    h.qb.userEdit(item, { SalesPrice: '123.45' });
    h.qb.userReceivePayment(unpaid, s((h.qb.getRet(unpaid) as Rec)['BalanceRemaining']));
    h.portal.resetCalls();

    expect((await h.session()).outcome).toBe('completed');
    const contact = findByOrigin(h, 'contact', customer);
    expect(contact).toHaveLength(1);
    expect(s(contact[0]?.['LAST_NAME'])).toBe('Lindqvist-Öberg');
    expect((contact[0]?.['EMAIL'] as Rec[]).map((e) => s(e['VALUE']))).toEqual(['new.address@example.com']);
    const zoe = findByOrigin(h, 'contact', added);
    expect(zoe).toHaveLength(1);
    expect(s(zoe[0]?.['NAME'])).toBe('Zoë');
    const product = h.portal.list('product').find((p) => s(p['XML_ID']) === `QB_${item}`);
    expect(Number(s(product?.['PRICE']))).toBeCloseTo(123.45, 2);
    expect(s(findByOrigin(h, 'deal', unpaid)[0]?.['STAGE_ID'])).toBe('WON');
    // a handful of records changed: a handful of calls, not a re-import
    expect(h.portal.calls.length).toBeLessThan(12);
  });

  it('does not miss a record modified during daylight saving time, when QuickBooks prints the standard offset', async () => {
    // No overlap margin: the watermark itself must be right. QuickBooks prints 03:05 EDT as "03:05:00-05:00"
    // (qbxml.md §2.4); read literally that is an hour late, and the 03:30 edit below would be skipped.
    h = await startHarness({ env: { SYNC_OVERLAP_MINUTES: '0' } });
    const customer = individualCustomer(h);
    const other =
      h.qb.ids('Customer').find((id) => id !== customer && !(h?.qb.getRet(id) as Rec)['ParentRef'] && !s((h?.qb.getRet(id) as Rec)['CompanyName'])) ?? '';
    h.qb.setNow(new Date('2027-03-14T07:05:00Z')); // 03:05 EDT, just after the spring-forward change
    h.t.clock.set('2027-03-14T07:06:00Z');
    h.qb.userEdit(customer, { LastName: 'During-Dst' });
    expect((await h.session()).outcome).toBe('completed');
    h.qb.setNow(new Date('2027-03-14T07:30:00Z')); // 03:30 EDT
    h.qb.userEdit(other, { LastName: 'Half-Hour-Later' });
    expect((await h.session()).outcome).toBe('completed');
    expect(s(findByOrigin(h, 'contact', customer)[0]?.['LAST_NAME'])).toBe('During-Dst');
    expect(s(findByOrigin(h, 'contact', other)[0]?.['LAST_NAME'])).toBe('Half-Hour-Later');
  });

  /** A customer without transactions or jobs, so it can be deleted in QuickBooks. */
  function unusedCustomer(x: Harness): string {
    const id = x.qb.ids('Customer').find((c) => {
      const ret = x.qb.getRet(c) as Rec;
      const refs = (kind: 'Invoice' | 'Estimate' | 'Customer', field: string): boolean =>
        x.qb.ids(kind).some((t) => s(((x.qb.getRet(t) as Rec)[field] as Rec | undefined)?.['ListID']) === c);
      return !ret['ParentRef'] && !refs('Invoice', 'CustomerRef') && !refs('Estimate', 'CustomerRef') && !refs('Customer', 'ParentRef');
    });
    expect(id, 'fixture has a customer without transactions').toBeDefined();
    return id ?? '';
  }

  it('by default a QuickBooks delete keeps every Bitrix24 record: the deal moves to LOSE, the contact is marked inactive', async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    const customer = individualCustomer(h);
    const unused = unusedCustomer(h);
    const invoice = h.qb.ids('Invoice')[0] ?? '';
    const item = itemIds(h)[1] ?? '';
    h.qb.advance(DAY);
    h.qb.userDelete(unused);
    h.qb.userDelete(invoice);
    h.qb.userMakeInactive(item);
    expect((await h.session()).outcome).toBe('completed');
    const kept = findByOrigin(h, 'contact', unused).concat(findByOrigin(h, 'company', unused));
    // a company customer is a company plus its person's contact: both kept, both marked
    expect(kept.length).toBeGreaterThan(0);
    for (const r of kept) expect(s(r['COMMENTS'])).toMatch(/^\[QuickBooks\] Inactive: deleted in QuickBooks on \d{4}-\d{2}-\d{2}\.$/);
    const deals = findByOrigin(h, 'deal', invoice);
    expect(deals.map((d) => s(d['STAGE_ID']))).toEqual(['LOSE']);
    expect(h.portal.productRows(Number(deals[0]?.['ID'])).length).toBeGreaterThan(0);
    expect(s(h.portal.list('product').find((p) => s(p['XML_ID']) === `QB_${item}`)?.['ACTIVE'])).toBe('N');
    expect(findByOrigin(h, 'contact', customer)).toHaveLength(1);
    // and the marks are written once: later sessions change nothing on the kept records
    const before = JSON.stringify([kept, deals]);
    await h.session();
    expect(JSON.stringify([findByOrigin(h, 'contact', unused).concat(findByOrigin(h, 'company', unused)), findByOrigin(h, 'deal', invoice)])).toBe(before);
  });

  it('an inactive QuickBooks customer stays in Bitrix24, marked inactive, with the field the mapping names set', async () => {
    h = await startHarness({
      values: new Map([[MAPPING_RULES, MARK_INACTIVE_RULES]]),
      preparePortal: addInactiveField,
    });
    expect((await h.session()).outcome).toBe('completed');
    const customer = individualCustomer(h);
    h.qb.advance(DAY);
    h.qb.userMakeInactive(customer);
    expect((await h.session()).outcome).toBe('completed');
    const contact = findByOrigin(h, 'contact', customer);
    expect(contact).toHaveLength(1);
    expect(s(contact[0]?.['COMMENTS'])).toContain('[QuickBooks] Inactive: made inactive in QuickBooks on');
    expect(s(contact[0]?.['UF_CRM_QB_INACTIVE'])).toBe('Y');
  });

  it('with deletes.fromQuickBooks "delete" a QuickBooks delete deletes the Bitrix24 records (the seed behaviour)', async () => {
    const rules: MappingRules = { ...DEFAULT_MAPPING_RULES, deletes: { fromQuickBooks: 'delete', inactiveField: null } };
    h = await startHarness({ values: new Map([[MAPPING_RULES, rules]]) });
    expect((await h.session()).outcome).toBe('completed');
    const customer = individualCustomer(h);
    const unused = unusedCustomer(h);
    const invoice = h.qb.ids('Invoice')[0] ?? '';
    h.qb.advance(DAY);
    h.qb.userDelete(unused);
    h.qb.userDelete(invoice);
    expect(findByOrigin(h, 'deal', invoice)).toHaveLength(1);
    expect((await h.session()).outcome).toBe('completed');
    expect(findByOrigin(h, 'contact', unused).concat(findByOrigin(h, 'company', unused))).toHaveLength(0);
    expect(findByOrigin(h, 'deal', invoice)).toHaveLength(0);
    expect(findByOrigin(h, 'contact', customer)).toHaveLength(1);
  });

  it('a crash that lost the mapping rows after the Bitrix24 writes relinks on the rerun, creating no duplicate', async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    const before = {
      contact: h.portal.list('contact').length,
      company: h.portal.list('company').length,
      deal: h.portal.list('deal').length,
      product: h.portal.list('product').length,
    };
    // What a kill between "created in Bitrix24" and "mapping committed" leaves: records in Bitrix24, no rows here.
    await h.t.db.getRepository(IdMappingEntity).clear();
    await h.t.db.getRepository(SyncWatermarkEntity).clear();
    await h.restart();
    expect((await h.session()).outcome).toBe('completed');
    expect({
      contact: h.portal.list('contact').length,
      company: h.portal.list('company').length,
      deal: h.portal.list('deal').length,
      product: h.portal.list('product').length,
    }).toEqual(before);
    expect(await h.t.db.getRepository(IdMappingEntity).count()).toBeGreaterThan(before.contact);
  });

  it('an incremental run relinks a record whose mapping was lost by looking up its QuickBooks identity', async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    const customer = individualCustomer(h);
    await h.t.db.getRepository(IdMappingEntity).delete({ qbEntity: 'customer', qbId: customer });
    h.qb.advance(DAY);
    h.qb.userEdit(customer, { LastName: 'Relinked' });
    expect((await h.session()).outcome).toBe('completed');
    const contacts = findByOrigin(h, 'contact', customer);
    expect(contacts).toHaveLength(1);
    expect(s(contacts[0]?.['LAST_NAME'])).toBe('Relinked');
  });

  it('a QuickBooks failure in the middle of an iteration is retried by the next session without loss', async () => {
    h = await startHarness({ env: { SYNC_PAGE_SIZE: '50' } });
    let continues = 0;
    const original = h.qb.processRequest.bind(h.qb);
    h.qb.processRequest = async (xml: string) => {
      // the second Continue page of customers fails as if QuickBooks choked on it
      if (xml.includes('<CustomerQueryRq') && xml.includes('iterator="Continue"') && ++continues === 2) {
        return { ok: false, hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' };
      }
      return original(xml);
    };
    const first = await h.session();
    expect(first.outcome).toBe('error');
    expect(first.lastError ?? first.statusText).toMatch(/0x80040400/);
    const second = await h.session();
    expect(second.outcome).toBe('completed');
    for (const id of h.qb.ids('Customer')) {
      const c = h.qb.getRet(id) as Rec;
      if (c['ParentRef']) continue;
      expect(findByOrigin(h, s(c['CompanyName']) ? 'company' : 'contact', id), id).toHaveLength(1);
    }
    expect(findByOrigin(h, 'deal', h.qb.ids('Invoice').at(-1) ?? '')).toHaveLength(1);
  });

  it("keeps accents and links a job's invoices to its parent customer's record", async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    const accented = h.qb
      .ids('Customer')
      .map((id) => h?.qb.getRet(id) as Rec)
      .find((c) => /[éüñøÉÜÑØåäö]/.test(s(c['LastName'])) && !s(c['CompanyName']) && !c['ParentRef']);
    expect(accented).toBeDefined();
    expect(s(findByOrigin(h, 'contact', s(accented?.['ListID']))[0]?.['LAST_NAME'])).toBe(s(accented?.['LastName']));
    const jobInvoice = h.qb
      .ids('Invoice')
      .map((id) => h?.qb.getRet(id) as Rec)
      .find((inv) => s((inv['CustomerRef'] as Rec)['FullName']).includes(':'));
    expect(jobInvoice, 'fixture has an invoice for a job').toBeDefined();
    const parentName = s((jobInvoice?.['CustomerRef'] as Rec)['FullName']).split(':')[0] ?? '';
    const parent = h.qb
      .ids('Customer')
      .map((id) => h?.qb.getRet(id) as Rec)
      .find((c) => s(c['FullName']) === parentName);
    const deal = findByOrigin(h, 'deal', s(jobInvoice?.['TxnID']))[0] ?? {};
    const parentRecord = findByOrigin(h, s(parent?.['CompanyName']) ? 'company' : 'contact', s(parent?.['ListID']))[0] ?? {};
    const linked = s(parent?.['CompanyName']) ? s(deal['COMPANY_ID']) : s(deal['CONTACT_ID']);
    expect(linked).toBe(s(parentRecord['ID']));
  });
});

describe('a lost answer inside a session', () => {
  it('sendRequestXML repeated without the previous answer restarts the iteration instead of skipping a page', async () => {
    h = await startHarness({ env: { SYNC_PAGE_SIZE: '50' } });
    const post = async (op: string, params: Record<string, string | number>): Promise<string | string[]> => {
      const res = await fetch(`${h?.url}/qbwc`, { method: 'POST', headers: soapHeaders(op), body: soapEnvelope(op, params) });
      return readResult(op, await res.text());
    };
    const [ticket = ''] = (await post('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD })) as string[];
    await h.qb.openSession('');
    let dropped = false;
    for (let round = 0; round < 200; round += 1) {
      const rq = String(
        await post('sendRequestXML', { ticket, strHCPResponse: '', strCompanyFileName: '', qbXMLCountry: 'US', qbXMLMajorVers: 13, qbXMLMinorVers: 0 }),
      );
      if (rq === '') break;
      if (!dropped && rq.includes('iterator="Continue"') && rq.includes('CustomerQueryRq')) {
        // QuickBooks runs this page (its iterator moves on) but the answer never reaches the connector
        dropped = true;
        await h.qb.processRequest(rq);
        continue;
      }
      const res = await h.qb.processRequest(rq);
      if (!res.ok) throw new Error(res.message);
      const progress = Number(await post('receiveResponseXML', { ticket, response: res.response, hresult: '', message: '' }));
      if (progress >= 100) break;
    }
    expect(await h.t.db.query('SELECT code, message FROM sync_error')).toEqual([]);
    await post('closeConnection', { ticket });
    await h.qb.closeSession();
    // The pages reach Bitrix24 through the background worker.
    await drainWorker(h.t);
    expect(dropped).toBe(true);
    for (const id of h.qb.ids('Customer')) {
      const c = h.qb.getRet(id) as Rec;
      if (c['ParentRef']) continue;
      expect(findByOrigin(h, s(c['CompanyName']) ? 'company' : 'contact', id), id).toHaveLength(1);
    }
  });
});

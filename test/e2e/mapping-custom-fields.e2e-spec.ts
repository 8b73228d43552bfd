import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { s, type Rec } from '../support/record-values.js';
import { startImportedHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const rules: MappingRules = {
  ...DEFAULT_MAPPING_RULES,
  customFields: [
    { qb: { entity: 'customer', name: 'Region' }, b24: { entity: 'contact', field: 'UF_CRM_REGION' }, direction: 'toB24' },
    { qb: { entity: 'customer', name: 'Since' }, b24: { entity: 'contact', field: 'UF_CRM_SINCE' }, direction: 'toB24' },
  ],
};

async function addUserField(webhookUrl: string, entity: string, fields: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${webhookUrl}crm.${entity}.userfield.add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields }),
  });
  expect(res.status).toBe(200);
}

/** A customer of the sample company that maps to a contact alone (no CompanyName, not a job). */
function individual(x: Harness): string {
  const id = x.qb.ids('Customer').find((c) => {
    const r = x.qb.getRet(c) as Rec;
    return !r['ParentRef'] && !r['CompanyName'];
  });
  expect(id).toBeDefined();
  return id ?? '';
}

describe('custom fields from the mapping file', () => {
  it('a QuickBooks custom field reaches the Bitrix24 user field it maps to, converted to its type, and is written once', async () => {
    h = await startImportedHarness({
      values: new Map([[MAPPING_RULES, rules]]),
      preparePortal: async (portal) => {
        await addUserField(portal.webhookUrl, 'contact', { FIELD_NAME: 'REGION', USER_TYPE_ID: 'string' });
        await addUserField(portal.webhookUrl, 'contact', { FIELD_NAME: 'SINCE', USER_TYPE_ID: 'date' });
      },
    });
    h.qb.advance(3600_000);
    h.qb.sales.defineCustomField('Region', ['Customer']);
    h.qb.sales.defineCustomField('Since', ['Customer']);
    const customer = individual(h);
    h.qb.sales.setCustomField(customer, 'Region', 'North-West');
    h.qb.sales.setCustomField(customer, 'Since', '03/07/2019');
    expect((await h.session()).outcome).toBe('completed');
    const contact = h.portal.list('contact').find((c) => s(c['ORIGIN_ID']) === customer);
    expect(s(contact?.['UF_CRM_REGION'])).toBe('North-West');
    expect(s(contact?.['UF_CRM_SINCE']).slice(0, 10)).toBe('2019-03-07');
    // The portal's event for our own write, with the values read back in the portal's own form, is recognised as
    // our echo: nothing goes back to QuickBooks, and later sessions write nothing to Bitrix24.
    await h.portal.idle();
    const mods = (): number => h?.qb.requestLog.flatMap((e) => e.answers).filter((a) => a.rq === 'CustomerModRq').length ?? 0;
    const before = mods();
    const record = (): string => JSON.stringify(h?.portal.list('contact').find((c) => s(c['ORIGIN_ID']) === customer));
    const written = record();
    h.qb.advance(3600_000);
    await h.session();
    await h.portal.idle();
    h.qb.advance(3600_000);
    await h.session();
    expect(mods()).toBe(before);
    expect(record()).toBe(written);
    // A change in QuickBooks reaches Bitrix24.
    h.qb.advance(3600_000);
    h.qb.sales.setCustomField(customer, 'Region', 'South');
    expect((await h.session()).outcome).toBe('completed');
    expect(s(h.portal.list('contact').find((c) => s(c['ORIGIN_ID']) === customer)?.['UF_CRM_REGION'])).toBe('South');
  });
});

describe('custom fields of vendors and invoices', () => {
  it('reach the contact of a vendor and the deal of an invoice; a value that does not fit the field is left out and journalled', async () => {
    const withVendorAndInvoice: MappingRules = {
      ...DEFAULT_MAPPING_RULES,
      customFields: [
        { qb: { entity: 'vendor', name: 'Account' }, b24: { entity: 'contact', field: 'UF_CRM_ACCOUNT' }, direction: 'toB24' },
        { qb: { entity: 'invoice', name: 'Project' }, b24: { entity: 'deal', field: 'UF_CRM_PROJECT' }, direction: 'toB24' },
        { qb: { entity: 'invoice', name: 'Hours' }, b24: { entity: 'deal', field: 'UF_CRM_HOURS' }, direction: 'toB24' },
      ],
    };
    h = await startImportedHarness({
      values: new Map([[MAPPING_RULES, withVendorAndInvoice]]),
      preparePortal: async (portal) => {
        await addUserField(portal.webhookUrl, 'contact', { FIELD_NAME: 'ACCOUNT', USER_TYPE_ID: 'string' });
        await addUserField(portal.webhookUrl, 'deal', { FIELD_NAME: 'PROJECT', USER_TYPE_ID: 'string' });
        await addUserField(portal.webhookUrl, 'deal', { FIELD_NAME: 'HOURS', USER_TYPE_ID: 'integer' });
      },
    });
    h.qb.advance(3600_000);
    h.qb.sales.defineCustomField('Account', ['Vendor']);
    h.qb.sales.defineCustomField('Project', ['Invoice']);
    h.qb.sales.defineCustomField('Hours', ['Invoice']);
    const vendor = h.qb.ids('Vendor')[0] ?? '';
    const invoice = h.qb.ids('Invoice')[0] ?? '';
    h.qb.sales.setCustomField(vendor, 'Account', 'AC-1001');
    h.qb.sales.setCustomField(invoice, 'Project', 'Harbour bridge');
    h.qb.sales.setCustomField(invoice, 'Hours', 'about ten');
    expect((await h.session()).outcome).toBe('completed');
    expect(s(h.portal.list('contact').find((c) => s(c['ORIGIN_ID']) === vendor)?.['UF_CRM_ACCOUNT'])).toBe('AC-1001');
    const deal = h.portal.list('deal').find((d) => s(d['ORIGIN_ID']) === invoice);
    expect(s(deal?.['UF_CRM_PROJECT'])).toBe('Harbour bridge');
    expect(s(deal?.['UF_CRM_HOURS'])).toBe('');
    const errors = (await (await fetch(`${h.url}/admin/errors`, { headers: { authorization: `Bearer ${h.t.config.adminToken}` } })).json()) as unknown;
    expect(JSON.stringify(errors)).toContain('UF_CRM_HOURS: QuickBooks custom field \\"Hours\\": \\"about ten\\" is not a whole number');
  });
});

// Custom fields travel both ways (issue 15): a mapped user field edited on a contact reaches the QuickBooks customer's
// custom field (DataExtAdd / DataExtMod / DataExtDel after the customer's own Mod, qbxml.md §4.10), converted by the
// field's type and cut to the 30 characters QuickBooks holds; what comes back from QuickBooks is recognised as the
// same value, so nothing loops. `toB24` rules never write QuickBooks and `toQb` rules never write Bitrix24.
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { list, rec, s, type Rec } from '../support/record-values.js';
import { drainWorker, settleSessions, startImportedHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;

const rules: MappingRules = {
  ...DEFAULT_MAPPING_RULES,
  customFields: [
    { qb: { entity: 'customer', name: 'Region' }, b24: { entity: 'contact', field: 'UF_CRM_REGION' }, direction: 'both' },
    { qb: { entity: 'customer', name: 'Tier' }, b24: { entity: 'contact', field: 'UF_CRM_TIER' }, direction: 'both' },
    { qb: { entity: 'customer', name: 'Source' }, b24: { entity: 'contact', field: 'UF_CRM_SOURCE' }, direction: 'toB24' },
    { qb: { entity: 'customer', name: 'Note' }, b24: { entity: 'contact', field: 'UF_CRM_NOTE' }, direction: 'toQb' },
  ],
};

async function call(webhookUrl: string, method: string, params: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${webhookUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  expect(res.status).toBe(200);
  return rec(await res.json())['result'];
}

async function start(): Promise<{ x: Harness; customer: string; contact: number; tier: (label: string) => string }> {
  const x = await startImportedHarness({
    values: new Map([[MAPPING_RULES, rules]]),
    preparePortal: async (portal) => {
      for (const name of ['REGION', 'SOURCE', 'NOTE'])
        await call(portal.webhookUrl, 'crm.contact.userfield.add', { fields: { FIELD_NAME: name, USER_TYPE_ID: 'string' } });
      await call(portal.webhookUrl, 'crm.contact.userfield.add', {
        fields: { FIELD_NAME: 'TIER', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'Gold' }, { VALUE: 'Silver' }] },
      });
    },
  });
  h = x;
  x.qb.advance(HOUR);
  for (const name of ['Region', 'Tier', 'Source', 'Note']) x.qb.sales.defineCustomField(name, ['Customer']);
  // A customer that maps to a contact alone (no CompanyName, not a job).
  const customer =
    x.qb.ids('Customer').find((c) => {
      const r = rec(x.qb.getRet(c));
      return !r['ParentRef'] && !r['CompanyName'];
    }) ?? '';
  const contact = Number(x.portal.list('contact').find((c) => s(c['ORIGIN_ID']) === customer)?.['ID']);
  expect(contact).toBeGreaterThan(0);
  const fields = rec(await call(x.portal.webhookUrl, 'crm.contact.fields', {}));
  const items = list(rec(fields['UF_CRM_TIER'])['items']);
  const tier = (label: string): string => s(items.find((i) => s(i['VALUE']) === label)?.['ID']);
  return { x, customer, contact, tier };
}

/** The customer's custom fields (OwnerID 0) as QuickBooks holds them. */
function qbFields(x: Harness, customer: string): Rec[] {
  return list(rec(x.qb.getRet(customer))['DataExtRet']).filter((d) => s(d['OwnerID']) === '0');
}
const qbField = (x: Harness, customer: string, name: string): string | undefined => {
  const found = qbFields(x, customer).find((d) => s(d['DataExtName']) === name);
  return found === undefined ? undefined : s(found['DataExtValue']);
};
const contactField = (x: Harness, id: number, field: string): string => s(x.portal.get('contact', id)?.[field]);
const qbWrites = (x: Harness): string[] =>
  x.qb.requestLog.flatMap((e) => e.answers).flatMap((a) => (/(Add|Mod|Del)Rq$/.test(a.rq) && !/Query/.test(a.rq) ? [a.rq] : []));

async function editContact(x: Harness, id: number, fields: Rec): Promise<void> {
  x.portal.ui.update('contact', id, fields);
  await x.portal.idle();
  x.qb.advance(HOUR);
  expect((await x.session()).outcome).toBe('completed');
}

/** Three more sessions write nothing on either side. */
async function expectNoLoop(x: Harness): Promise<void> {
  await settleSessions(x, 1);
  const qb = qbWrites(x).length;
  const b24 = x.portal.sentEvents.length;
  await settleSessions(x, 3);
  expect(qbWrites(x).length).toBe(qb);
  expect(x.portal.sentEvents.length).toBe(b24);
}

describe('custom fields both ways', () => {
  it('a Region edited in QuickBooks reaches the contact, edited on the contact reaches QuickBooks, and nothing loops', async () => {
    const { x, customer, contact } = await start();
    x.qb.sales.setCustomField(customer, 'Region', 'North-West');
    expect((await x.session()).outcome).toBe('completed');
    expect(contactField(x, contact, 'UF_CRM_REGION')).toBe('North-West');

    const before = qbWrites(x).length;
    await editContact(x, contact, { UF_CRM_REGION: 'South-East' });
    expect(qbField(x, customer, 'Region')).toBe('South-East');
    // Mod, because QuickBooks had a value: one value, not a second one beside it.
    expect(qbWrites(x).slice(before)).toContain('DataExtModRq');
    expect(qbFields(x, customer).filter((d) => s(d['DataExtName']) === 'Region')).toHaveLength(1);
    await expectNoLoop(x);
    expect(contactField(x, contact, 'UF_CRM_REGION')).toBe('South-East');

    // Emptied on the contact: removed in QuickBooks (a DataExtMod cannot clear, qbxml.md §4.10).
    await editContact(x, contact, { UF_CRM_REGION: '' });
    expect(qbField(x, customer, 'Region')).toBeUndefined();
    await expectNoLoop(x);
  });

  it('an enumeration goes by its label, and a 40-character value is cut to 30 with a journal line', async () => {
    const { x, customer, contact, tier } = await start();
    const long = 'Northern Territories and Outer Islands';
    expect(long.length).toBeGreaterThan(30);
    await editContact(x, contact, { UF_CRM_TIER: tier('Silver'), UF_CRM_REGION: long });
    expect(qbField(x, customer, 'Tier')).toBe('Silver');
    expect(qbField(x, customer, 'Region')).toBe(long.slice(0, 30).trimEnd());
    const errors = await (await fetch(`${x.url}/admin/errors`, { headers: { authorization: `Bearer ${x.t.config.adminToken}` } })).text();
    expect(errors).toContain('CUSTOM_FIELD');
    expect(errors).toContain('UF_CRM_REGION: cut to 30 characters for QuickBooks custom field');
    // The cut value is QuickBooks' limit, not an edit: the contact keeps its full text and nothing loops.
    await expectNoLoop(x);
    expect(contactField(x, contact, 'UF_CRM_REGION')).toBe(long);
    // A label chosen in QuickBooks comes back as the list item.
    x.qb.advance(HOUR);
    x.qb.sales.setCustomField(customer, 'Tier', 'Gold');
    expect((await x.session()).outcome).toBe('completed');
    expect(contactField(x, contact, 'UF_CRM_TIER')).toBe(tier('Gold'));
  });

  it('a toB24 field never writes QuickBooks and a toQb field never writes Bitrix24', async () => {
    const { x, customer, contact } = await start();
    x.qb.sales.setCustomField(customer, 'Source', 'Trade fair');
    x.qb.sales.setCustomField(customer, 'Note', 'set in QuickBooks');
    expect((await x.session()).outcome).toBe('completed');
    expect(contactField(x, contact, 'UF_CRM_SOURCE')).toBe('Trade fair');
    expect(contactField(x, contact, 'UF_CRM_NOTE')).toBe('');

    const before = qbWrites(x).length;
    // Each edit alone: the toQb field's edit is a change to send even when nothing else on the contact changed.
    await editContact(x, contact, { UF_CRM_NOTE: 'Pays late' });
    expect(qbField(x, customer, 'Note')).toBe('Pays late');
    await editContact(x, contact, { UF_CRM_SOURCE: 'Website' });
    expect(qbField(x, customer, 'Source')).toBe('Trade fair');
    expect(
      qbWrites(x)
        .slice(before)
        .filter((rq) => rq.startsWith('DataExt')),
    ).toEqual(['DataExtModRq']);

    x.qb.advance(HOUR);
    x.qb.sales.setCustomField(customer, 'Note', 'changed in QuickBooks');
    await settleSessions(x, 2);
    expect(contactField(x, contact, 'UF_CRM_NOTE')).toBe('Pays late');
  });

  it('a DataExtAdd answered 3180 (the value was created by an earlier attempt) becomes a Mod and ends in the right value once', async () => {
    const { x, customer, contact } = await start();
    x.portal.ui.update('contact', contact, { UF_CRM_REGION: 'Lakes' });
    await x.portal.idle();
    x.qb.advance(HOUR);
    let raced = false;
    const result = await x.session({
      onCall: (entry) => {
        // The value lands just before our DataExtAdd reaches QuickBooks, as an earlier attempt whose answer was lost.
        if (!raced && entry.op === 'sendRequestXML' && typeof entry.answer === 'string' && entry.answer.includes('<DataExtAddRq')) {
          raced = true;
          x.qb.sales.setCustomField(customer, 'Region', 'Lakes (earlier attempt)');
        }
      },
    });
    expect(result.outcome).toBe('completed');
    expect(raced).toBe(true);
    const answers = x.qb.requestLog.flatMap((e) => e.answers).filter((a) => a.rq.startsWith('DataExt'));
    expect(answers.map((a) => `${a.rq} ${a.statusCode}`)).toEqual(['DataExtAddRq 3180', 'DataExtModRq 0']);
    expect(
      qbFields(x, customer)
        .filter((d) => s(d['DataExtName']) === 'Region')
        .map((d) => s(d['DataExtValue'])),
    ).toEqual(['Lakes']);
    await expectNoLoop(x);
  });

  it('the dry run shows the custom fields a queued write brings, as the session then writes them', async () => {
    const { x, customer, contact, tier } = await start();
    x.portal.ui.update('contact', contact, { UF_CRM_TIER: tier('Gold'), UF_CRM_REGION: 'Fjords' });
    await x.portal.idle();
    await drainWorker(x.t);
    const res = await fetch(`${x.url}/admin/dry-run`, { headers: { authorization: `Bearer ${x.t.config.adminToken}` } });
    const writes = list(rec(rec(await res.json())['toQuickBooks'])['writes']);
    const fields = list(writes.find((w) => s(w['b24Id']) === String(contact))?.['fields']);
    expect(fields.filter((f) => s(f['field']).startsWith('DataExt:'))).toEqual([
      { field: 'DataExt:Region', before: null, after: 'Fjords' },
      { field: 'DataExt:Tier', before: null, after: 'Gold' },
      { field: 'DataExt:Note', before: null, after: null },
    ]);
    x.qb.advance(HOUR);
    expect((await x.session()).outcome).toBe('completed');
    expect([qbField(x, customer, 'Region'), qbField(x, customer, 'Tier'), qbField(x, customer, 'Note')]).toEqual(['Fjords', 'Gold', undefined]);
  });
});

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

function customerNames(x: Harness): string[] {
  return x.qb.ids('Customer').map((id) => s((x.qb.getRet(id) as Rec)['Name']));
}

async function skippedByFilter(x: Harness): Promise<unknown> {
  const res = await fetch(`${x.url}/status`);
  return ((await res.json()) as Record<string, unknown>)['skipped_by_filter'];
}

describe("the mapping file's toQuickBooks filter (default: CLIENT contacts, CUSTOMER companies, all products)", () => {
  it('a portal-only contact of type OTHER never reaches QuickBooks, a CLIENT contact does, and /status counts the skipped record once', async () => {
    h = await startImportedHarness();
    const other = h.portal.ui.add('contact', { NAME: 'Olga', LAST_NAME: 'Other', TYPE_ID: 'OTHER' });
    h.portal.ui.add('contact', { NAME: 'Clara', LAST_NAME: 'Client', TYPE_ID: 'CLIENT' });
    h.portal.ui.add('company', { TITLE: 'Partner Works', COMPANY_TYPE: 'PARTNER' });
    h.portal.ui.add('company', { TITLE: 'Customer Works', COMPANY_TYPE: 'CUSTOMER' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    h.portal.ui.update('contact', other, { ADDRESS_CITY: 'Elsewhere' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const names = customerNames(h);
    expect(names).toContain('Clara Client');
    expect(names).toContain('Customer Works');
    expect(names).not.toContain('Olga Other');
    expect(names).not.toContain('Partner Works');
    expect(await skippedByFilter(h)).toEqual({ contact: 1, company: 1 });
    // and the dashboard's Mapping panel says the same
    expect(await (await fetch(`${h.url}/`)).text()).toContain('kept out of QuickBooks: 1 company, 1 contact.');
  });

  it('a record already linked to QuickBooks always syncs, whatever its type becomes', async () => {
    h = await startImportedHarness();
    const id = h.portal.ui.add('contact', { NAME: 'Lina', LAST_NAME: 'Linked', TYPE_ID: 'CLIENT' });
    await h.portal.idle();
    await h.session();
    expect(customerNames(h)).toContain('Lina Linked');
    h.portal.ui.update('contact', id, { TYPE_ID: 'OTHER', LAST_NAME: 'Linked-Again' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect(customerNames(h)).toContain('Lina Linked-Again');
  });

  it('the types come from the mapping, and products can be switched off', async () => {
    const rules: MappingRules = {
      ...DEFAULT_MAPPING_RULES,
      toQuickBooks: { ...DEFAULT_MAPPING_RULES.toQuickBooks, contactTypes: ['PARTNER'], companyTypes: [], products: false },
    };
    h = await startImportedHarness({ values: new Map([[MAPPING_RULES, rules]]) });
    const items = h.qb.ids('ItemService').length + h.qb.ids('ItemNonInventory').length;
    h.portal.ui.add('contact', { NAME: 'Paula', LAST_NAME: 'Partner', TYPE_ID: 'PARTNER' });
    h.portal.ui.add('contact', { NAME: 'Carl', LAST_NAME: 'Client', TYPE_ID: 'CLIENT' });
    h.portal.ui.add('product', { NAME: 'Portal-only gadget', PRICE: 5 });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect(customerNames(h)).toContain('Paula Partner');
    expect(customerNames(h)).not.toContain('Carl Client');
    expect(h.qb.ids('ItemService').length + h.qb.ids('ItemNonInventory').length).toBe(items);
    expect(await skippedByFilter(h)).toEqual({ contact: 1, product: 1 });
  });
});

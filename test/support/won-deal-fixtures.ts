import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { s, type Rec } from './record-values.js';
import { loadCompanyFile } from '@qb-b24/quickbooks-emulator';
import { SAMPLE_COMPANY, type Harness } from './sync-harness.js';
import { expect } from 'vitest';

/** Won-deal suites (test/e2e/won-deal-to-quickbooks.e2e-spec.ts): the mapping that turns won deals into sales orders, and deals to win. */

export const TXN_FIELD = 'UF_CRM_QB_TXN';
export const enabled: MappingRules = {
  ...DEFAULT_MAPPING_RULES,
  toQuickBooks: { ...DEFAULT_MAPPING_RULES.toQuickBooks, deals: { enabled: true, stages: ['WON'], create: 'salesOrder', txnIdField: TXN_FIELD } },
};

export async function rest(x: Harness, method: string, params: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${x.portal.webhookUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  expect(res.status, method).toBe(200);
}

/** A deal made in Bitrix24 for a company and a product that QuickBooks already has, in stage NEW. */
export async function dealForLinkedCompany(x: Harness): Promise<{ dealId: number; customer: string; item: string }> {
  const links = await x.t.db.getRepository(IdMappingEntity).find();
  const company = links.find((l) => l.qbEntity === 'customer' && l.b24Entity === 'company');
  const product = links.find(
    (l) => l.qbEntity === 'item' && l.b24Entity === 'product' && (x.qb.getRet(l.qbId) as Rec | undefined)?.['SalesOrPurchase'] !== undefined,
  );
  if (!company || !product) throw new Error('the sample company has a linked company and a linked product');
  const dealId = x.portal.ui.add('deal', { TITLE: 'Big order', COMPANY_ID: company.b24Id, STAGE_ID: 'NEW' });
  await rest(x, 'crm.deal.productrows.set', { id: dealId, rows: [{ PRODUCT_ID: Number(product.b24Id), PRICE: 120, QUANTITY: 3 }] });
  return { dealId, customer: company.qbId, item: product.qbId };
}

/**
 * The sample company with one sales order, so the first import takes the sales order watermark from QuickBooks' own
 * times (an entity empty at the first import starts from the service's clock, which the emulator does not share).
 */
export function withOneSalesOrder() {
  const qb = loadCompanyFile(SAMPLE_COMPANY);
  const customer = qb.ids('Customer')[0] ?? '';
  const item = qb.ids('ItemService')[0] ?? '';
  qb.userAddTxn('SalesOrder', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: item }, Quantity: '1', Rate: '10.00' }]);
  return qb;
}

export async function addTxnField(portal: { webhookUrl: string }): Promise<void> {
  const res = await fetch(`${portal.webhookUrl}crm.deal.userfield.add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { FIELD_NAME: 'QB_TXN', USER_TYPE_ID: 'string' } }),
  });
  expect(res.status).toBe(200);
}

export const ordersFor = (x: Harness, dealId: number): Rec[] =>
  x.qb
    .ids('SalesOrder')
    .map((id) => x.qb.getRet(id) as Rec)
    .filter((r) => s(r['RefNumber']) === `B24-${dealId}`);

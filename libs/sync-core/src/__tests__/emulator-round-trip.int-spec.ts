// Round trips through the repo's emulators (test/emulators/*): the projection of what we write equals the
// projection of what the portal / QuickBooks company returns afterwards, i.e. our own echo is recognised.
import { buildMultiFieldPatch, type CompanyRecord, type ContactRecord, type DealRecord, type ProductRecord } from '@qb-b24/bitrix24-client';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { buildCustomerAddRq, parseQbxmlResponse, type CustomerRet } from '@qb-b24/qbxml';
import { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  companyProjection,
  contactProjection,
  customerAddInput,
  customerProjection,
  dealProjection,
  DEFAULT_MAPPING_OPTIONS as O,
  invoiceToDeal,
  itemToProduct,
  planCustomer,
  productProjection,
  type CustomerDesired,
} from '../index.js';
import { customerRet, invoiceRet } from './fixtures.js';

let portal: Bitrix24Portal;

async function call<T>(method: string, params: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${portal.webhookUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  const body = (await res.json()) as { result?: T; error?: string; error_description?: string };
  if (body.result === undefined) throw new Error(`${method}: ${body.error ?? ''} ${body.error_description ?? ''}`);
  return body.result;
}

beforeAll(async () => {
  portal = await startBitrix24Portal();
});
afterAll(async () => {
  await portal.close();
});

describe('Bitrix24 portal emulator round trip', () => {
  it('contact: add, get, then an ID-aware multi-field update, each read back as our echo', async () => {
    const plan = planCustomer(
      customerRet({
        Name: 'José Петров',
        Email: 'Jose@Example.com',
        Phone: '415-555-6579',
        AltPhone: '415-555-0000',
        BillAddress: { Addr1: '1 Main St', City: 'Bayshore', State: 'CA' },
      }),
      O,
    );
    if (plan.kind !== 'contact') throw new Error('expected contact');
    const id = await call<number>('crm.contact.add', { fields: plan.contact });
    const stored = await call<ContactRecord>('crm.contact.get', { id });
    expect(contactProjection(stored)).toEqual(contactProjection(plan.contact));

    const next = planCustomer(customerRet({ Name: 'José Петров', Email: 'new@example.com', Phone: '415-555-6579' }), O);
    if (next.kind !== 'contact') throw new Error('expected contact');
    const fields = {
      ...next.contact,
      EMAIL: buildMultiFieldPatch(stored.EMAIL, next.contact.EMAIL),
      PHONE: buildMultiFieldPatch(stored.PHONE, next.contact.PHONE),
    };
    await call<boolean>('crm.contact.update', { id, fields });
    const updated = await call<ContactRecord>('crm.contact.get', { id });
    expect(contactProjection(updated)).toEqual(contactProjection(next.contact));
    expect(contactProjection(updated)).not.toEqual(contactProjection(plan.contact));
  });

  it('company: add and get', async () => {
    const plan = planCustomer(customerRet({ Name: 'Acme', CompanyName: 'Acme & Sons', Phone: '555888', Email: 'info@acme.example' }), O);
    if (plan.kind !== 'company') throw new Error('expected company');
    const id = await call<number>('crm.company.add', { fields: plan.company });
    expect(companyProjection(await call<CompanyRecord>('crm.company.get', { id }))).toEqual(companyProjection(plan.company));
  });

  it('product: add and get (PRICE as the portal renders it)', async () => {
    const desired = itemToProduct(
      {
        ListID: '80000001-1',
        TimeCreated: '',
        TimeModified: '',
        EditSequence: '1',
        Name: 'Widget',
        FullName: 'Widget',
        DataExtRet: [],
        itemType: 'Inventory',
        SalesDesc: 'Blue widget',
        SalesPrice: '12.5',
        ItemInventoryAssemblyLine: [],
      },
      O,
    );
    const id = await call<number>('crm.product.add', { fields: desired });
    expect(productProjection(await call<ProductRecord>('crm.product.get', { id }))).toEqual(productProjection(desired));
  });

  it('deal: add and get (OPPORTUNITY and dates as the portal renders them)', async () => {
    const { deal } = invoiceToDeal(invoiceRet({ Subtotal: 30, IsPaid: true }), O, { productIdByItemListId: new Map() });
    const id = await call<number>('crm.deal.add', { fields: deal });
    expect(dealProjection(await call<DealRecord>('crm.deal.get', { id }))).toEqual(dealProjection(deal));
  });
});

describe('QuickBooks company emulator round trip', () => {
  it.each<[string, CustomerDesired]>([
    ['Cyrillic names', { name: 'Иван Петров', firstName: 'Иван', lastName: 'Петров', email: 'ivan@example.ru', phone: '+7 495 123-45-67' }],
    ['accents and an over-long name', { name: 'Société Générale de Construction Métallique', companyName: 'Société Générale de Construction Métallique' }],
    ['address', { name: 'Zürich Branch', billAddress: { Addr1: 'Bahnhofstrasse 1', City: 'Zürich', PostalCode: '8001', Country: 'Switzerland' } }],
  ])('CustomerAdd built from a desired customer reads back as our echo: %s', async (_c, desired) => {
    const company = new QuickBooksCompany({ now: new Date('2026-03-02T10:00:00Z') });
    const built = buildCustomerAddRq({ kind: 'CustomerAdd', requestID: 'ob-1', CustomerAdd: customerAddInput(desired) });
    const res = await company.processRequest(built.xml);
    if (!res.ok) throw new Error(res.message);
    const parsed = parseQbxmlResponse(res.response);
    if (!parsed.ok) throw parsed.error;
    const rs = parsed.value.responses[0];
    expect(rs?.statusCode).toBe(0);
    const ret: CustomerRet | undefined = rs?.retType === 'customer' ? rs.rets[0] : undefined;
    if (ret === undefined) throw new Error('no CustomerRet');
    expect(customerProjection(ret)).toEqual(customerProjection(desired));
  });
});

import { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';

export interface SmallCompany {
  readonly qb: QuickBooksCompany;
  readonly customerIds: readonly string[];
  readonly invoiceIds: readonly string[];
  /** "First Last" of every customer, as its Bitrix24 contact must read. */
  readonly contactNames: ReadonlySet<string>;
}

/**
 * A small QuickBooks company whose every name carries the company id (`Pat03` `C07 Load`), so a record that
 * crossed into another company's portal is recognisable there. Individuals only: each customer is exactly one
 * Bitrix24 contact (plan-customer.ts), which makes "the portal holds exactly this company's customers" a set
 * comparison. Records are stamped from three days back, one minute apart, then the clock is set to now, so later
 * edits fall inside the connector's incremental window and the older records do not.
 */
export function smallCompany(id: string, index: number, sizes: { customers: number; invoices: number; items: number }): SmallCompany {
  const tag = `${id.toUpperCase()} Load`;
  const qb = new QuickBooksCompany({
    companyName: `Load Company ${id}`,
    companyFilePath: `C:\\Books\\load-${id}.qbw`,
    timeZone: 'America/New_York',
    now: new Date(Date.now() - 3 * 24 * 3600_000),
  });
  const tick = (): void => qb.advance(60_000);
  const itemIds: string[] = [];
  for (let i = 0; i < sizes.items; i++) {
    tick();
    itemIds.push(
      qb.userAddList('ItemService', {
        Name: `${id} Service ${i + 1}`,
        SalesTaxCodeRef: { FullName: 'Non' },
        SalesOrPurchase: { Desc: `${tag} service ${i + 1}`, Price: `${10 + index + i}.00`, AccountRef: { FullName: 'Services' } },
      }),
    );
  }
  const customerIds: string[] = [];
  const contactNames = new Set<string>();
  for (let i = 0; i < sizes.customers; i++) {
    tick();
    const first = `Pat${String(i + 1).padStart(2, '0')}`;
    customerIds.push(
      qb.userAddList('Customer', {
        Name: `${tag}, ${first}`,
        FirstName: first,
        LastName: tag,
        Phone: loadPhone(index, i, 0),
        Email: `${first.toLowerCase()}.${id}@load.example.com`,
        BillAddress: { Addr1: `${i + 1} Main St`, City: 'Boston', State: 'MA', PostalCode: '02108', Country: 'USA' },
      }),
    );
    contactNames.add(`${first} ${tag}`);
  }
  const invoiceIds: string[] = [];
  for (let i = 0; i < sizes.invoices; i++) {
    tick();
    const customer = customerIds[i % customerIds.length] ?? '';
    const item = itemIds[i % itemIds.length] ?? '';
    invoiceIds.push(
      qb.userAddTxn('Invoice', { CustomerRef: { ListID: customer }, Memo: `${tag} invoice ${i + 1}` }, [
        { ItemRef: { ListID: item }, Quantity: String(1 + (i % 5)), Rate: `${20 + i}.00` },
      ]),
    );
  }
  qb.setNow(new Date());
  return { qb, customerIds, invoiceIds, contactNames };
}

/** A phone number unique per company, customer and edit number (`2xx-5yy-zzzz`). */
export function loadPhone(companyIndex: number, customer: number, edit: number): string {
  return `${200 + companyIndex}-5${String(customer).padStart(2, '0')}-${String(edit % 10_000).padStart(4, '0')}`;
}

export const digits = (s: string): string => s.replace(/\D/g, '');

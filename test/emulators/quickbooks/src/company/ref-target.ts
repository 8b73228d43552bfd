import type { TxnKind } from './company-data.type.js';

/** Which list a `…Ref` element points into (qbxml.md §4 common aggregates). */
export function refTarget(refName: string, ownFamily: 'Customer' | 'Vendor' | 'Item' | null): string {
  switch (refName) {
    case 'ParentRef':
      return ownFamily ?? 'Customer';
    case 'CustomerRef':
      return 'Customer';
    case 'ItemRef':
      return 'Item';
    case 'PrefVendorRef':
      return 'Vendor';
    case 'AccountRef':
    case 'IncomeAccountRef':
    case 'COGSAccountRef':
    case 'AssetAccountRef':
    case 'ExpenseAccountRef':
    case 'ARAccountRef':
    case 'TaxOnPurchasesAccountRef':
    case 'TaxOnSalesAccountRef':
    case 'PrefillAccountRef':
    case 'OverrideItemAccountRef':
    case 'DepositToAccountRef':
    case 'DiscountAccountRef':
      return 'Account';
    case 'SalesTaxCodeRef':
    case 'CustomerSalesTaxCodeRef':
    case 'PurchaseTaxCodeRef':
      return 'SalesTaxCode';
    case 'PreferredPaymentMethodRef':
      return 'PaymentMethod';
    default:
      return refName.replace(/Ref$/, '');
  }
}

export const TEMPLATE_OF: Readonly<Record<TxnKind, string>> = {
  Invoice: 'Intuit Service Invoice',
  Estimate: 'Custom Estimate',
  SalesReceipt: 'Custom Sales Receipt',
  CreditMemo: 'Custom Credit Memo',
  SalesOrder: 'Custom Sales Order',
  ReceivePayment: '',
};

export const TYPE_LABEL: Readonly<Record<string, string>> = { SalesTaxCode: 'Sales Tax Code', ItemSalesTax: 'Item', Account: 'Account' };

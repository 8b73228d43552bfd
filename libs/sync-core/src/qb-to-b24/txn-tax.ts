import type { CreditMemoRet, EstimateRet, InvoiceRet, SalesOrderRet, SalesReceiptRet, TxnLineRet } from '@qb-b24/qbxml';
import type { B24ProductRowDesired } from '../b24-desired.type.js';
import { centsToNumber } from '../util/decimal.util.js';

/** The QuickBooks transactions that become deals with product rows. */
export type DealTxnRet = InvoiceRet | EstimateRet | SalesOrderRet | SalesReceiptRet | CreditMemoRet;

/** The sales tax of one transaction as the deal rows carry it. */
export interface TxnTax {
  /** percent, e.g. 8.25 */
  readonly rate: number;
  /** line amounts already include the tax (QuickBooks IsTaxIncluded, editions outside the US) */
  readonly included: boolean;
}

/**
 * The transaction's sales tax, or undefined when it has none (then rows carry no tax fields, as before).
 * The rate is QuickBooks' SalesTaxPercentage (from the transaction's ItemSalesTaxRef, qbxml.md §4.4). Pure.
 */
export function txnTax(txn: DealTxnRet): TxnTax | undefined {
  const rate = txn.SalesTaxPercentage === undefined ? Number.NaN : Number(txn.SalesTaxPercentage);
  const included = txn.IsTaxIncluded === true;
  if (Number.isFinite(rate) && rate > 0) return { rate, included };
  if ((txn.SalesTaxTotal ?? 0) !== 0 || included) return { rate: 0, included };
  return undefined;
}

/**
 * Whether QuickBooks taxes a line: IsTaxable when present, else its sales tax code; QuickBooks' two built-in codes
 * are "Tax" and "Non" (qbxml.md §4.4), so anything but "Non" counts as taxable. No code at all: not taxable.
 */
export function lineIsTaxable(line: TxnLineRet): boolean {
  if (line.IsTaxable !== undefined) return line.IsTaxable;
  const code = line.SalesTaxCodeRef?.FullName?.trim().toLowerCase();
  return code !== undefined && code !== '' && code !== 'non';
}

/** TAX_RATE / TAX_INCLUDED of one line's row. Pure. */
export function rowTaxFields(line: TxnLineRet, tax: TxnTax | undefined): Pick<B24ProductRowDesired, 'TAX_RATE' | 'TAX_INCLUDED'> {
  if (tax === undefined) return {};
  return { TAX_RATE: lineIsTaxable(line) ? tax.rate : 0, TAX_INCLUDED: tax.included ? 'Y' : 'N' };
}

/** Cents of tax a row carries when the portal applies TAX_RATE on top of PRICE × QUANTITY, rounded per row. */
function rowTaxCents(row: B24ProductRowDesired): number {
  if (row.TAX_INCLUDED === 'Y' || row.TAX_RATE === undefined || row.TAX_RATE === 0) return 0;
  const netCents = Math.round(row.PRICE * row.QUANTITY * 100);
  return Math.round((netCents * row.TAX_RATE) / 100);
}

/**
 * QuickBooks rounds sales tax once per transaction, a portal rounds it per row: when the two differ by some cents,
 * one untaxed "Sales tax rounding" row carries the difference, so the rows with their tax add up to QuickBooks'
 * total to the cent (issue 15: "tax rows add up to QuickBooks' total"). Pure.
 */
export function taxRoundingRow(rows: readonly B24ProductRowDesired[], txn: DealTxnRet, tax: TxnTax | undefined): B24ProductRowDesired | undefined {
  if (tax === undefined || tax.included || txn.SalesTaxTotal === undefined) return undefined;
  const rowTax = rows.reduce((sum, r) => sum + rowTaxCents(r), 0);
  const diff = txn.SalesTaxTotal - rowTax;
  if (diff === 0) return undefined;
  return { PRODUCT_ID: 0, PRODUCT_NAME: 'Sales tax rounding', PRICE: centsToNumber(diff), QUANTITY: 1, TAX_RATE: 0, TAX_INCLUDED: 'N' };
}

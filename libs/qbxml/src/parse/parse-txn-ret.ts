import type { EstimateRet, InvoiceRet, LinkedTxnRet, SalesOrderRet, TxnLine, TxnLineGroupRet, TxnLineRet } from '../types/rets.type.js';
import { address, bool, cents, children, dataExt, int, quantity, ref, requiredText, text, type XmlNode } from './xml-node.util.js';

function parseLine(n: XmlNode, path: string): TxnLineRet {
  return {
    TxnLineID: requiredText(n, 'TxnLineID', path),
    ItemRef: ref(n, 'ItemRef'),
    Desc: text(n, 'Desc'),
    Quantity: quantity(n, 'Quantity', path),
    UnitOfMeasure: text(n, 'UnitOfMeasure'),
    Rate: text(n, 'Rate'),
    RatePercent: text(n, 'RatePercent'),
    ClassRef: ref(n, 'ClassRef'),
    Amount: cents(n, 'Amount', path),
    ServiceDate: text(n, 'ServiceDate'),
    SalesTaxCodeRef: ref(n, 'SalesTaxCodeRef'),
    IsTaxable: bool(n, 'IsTaxable', path),
    Other1: text(n, 'Other1'),
    Other2: text(n, 'Other2'),
    Invoiced: quantity(n, 'Invoiced', path),
    IsManuallyClosed: bool(n, 'IsManuallyClosed', path),
    DataExtRet: dataExt(n, path),
  };
}

function parseGroupLine(n: XmlNode, lineTag: string, path: string): TxnLineGroupRet {
  return {
    TxnLineID: requiredText(n, 'TxnLineID', path),
    ItemGroupRef: ref(n, 'ItemGroupRef') ?? {},
    Desc: text(n, 'Desc'),
    Quantity: quantity(n, 'Quantity', path),
    UnitOfMeasure: text(n, 'UnitOfMeasure'),
    IsPrintItemsInGroup: bool(n, 'IsPrintItemsInGroup', path),
    TotalAmount: cents(n, 'TotalAmount', path),
    ServiceDate: text(n, 'ServiceDate'),
    lines: children(n, lineTag).map((l, i) => parseLine(l, `${path}/${lineTag}[${i}]`)),
    DataExtRet: dataExt(n, path),
  };
}

/**
 * Lines in document order. fast-xml-parser groups children by name, so the interleaving of plain and
 * group lines comes from `order` (tag names recorded while parsing); without it plain lines come first.
 */
function parseLines(n: XmlNode, prefix: TxnLinePrefix, order: readonly string[] | undefined, path: string): TxnLine[] {
  const lineTag = `${prefix}LineRet`;
  const groupTag = `${prefix}LineGroupRet`;
  const plain = children(n, lineTag);
  const groups = children(n, groupTag);
  const tags = order ?? [...plain.map(() => lineTag), ...groups.map(() => groupTag)];
  const out: TxnLine[] = [];
  let p = 0;
  let g = 0;
  for (const tag of tags) {
    if (tag === lineTag) {
      const l = plain[p];
      if (l !== undefined) out.push({ lineType: 'item', ...parseLine(l, `${path}/${lineTag}[${p}]`) });
      p++;
    } else if (tag === groupTag) {
      const l = groups[g];
      if (l !== undefined) out.push({ lineType: 'group', ...parseGroupLine(l, lineTag, `${path}/${groupTag}[${g}]`) });
      g++;
    }
  }
  return out;
}

function linkedTxns(n: XmlNode, path: string): LinkedTxnRet[] {
  return children(n, 'LinkedTxn').map((l) => ({
    TxnID: requiredText(l, 'TxnID', `${path}/LinkedTxn`),
    TxnType: requiredText(l, 'TxnType', `${path}/LinkedTxn`),
    TxnDate: text(l, 'TxnDate'),
    RefNumber: text(l, 'RefNumber'),
    LinkType: text(l, 'LinkType'),
    Amount: cents(l, 'Amount', `${path}/LinkedTxn`),
  }));
}

/** The element-name prefix of a transaction's lines: `InvoiceLineRet`, `SalesReceiptLineGroupRet`, … */
export type TxnLinePrefix = 'Invoice' | 'Estimate' | 'SalesOrder' | 'SalesReceipt' | 'CreditMemo';

/** The fields every sales transaction Ret shares, lines and LinkedTxn included. Pure; throws QbxmlError on missing ids or bad values. */
export function txnBase(n: XmlNode, prefix: TxnLinePrefix, order: readonly string[] | undefined, path: string) {
  return {
    TxnID: requiredText(n, 'TxnID', path),
    TimeCreated: requiredText(n, 'TimeCreated', path),
    TimeModified: requiredText(n, 'TimeModified', path),
    EditSequence: requiredText(n, 'EditSequence', path),
    TxnNumber: int(n, 'TxnNumber', path),
    CustomerRef: ref(n, 'CustomerRef') ?? {},
    ClassRef: ref(n, 'ClassRef'),
    TemplateRef: ref(n, 'TemplateRef'),
    TxnDate: requiredText(n, 'TxnDate', path),
    RefNumber: text(n, 'RefNumber'),
    BillAddress: address(n, 'BillAddress'),
    ShipAddress: address(n, 'ShipAddress'),
    PONumber: text(n, 'PONumber'),
    TermsRef: ref(n, 'TermsRef'),
    DueDate: text(n, 'DueDate'),
    SalesRepRef: ref(n, 'SalesRepRef'),
    FOB: text(n, 'FOB'),
    Subtotal: cents(n, 'Subtotal', path),
    ItemSalesTaxRef: ref(n, 'ItemSalesTaxRef'),
    SalesTaxPercentage: text(n, 'SalesTaxPercentage'),
    SalesTaxTotal: cents(n, 'SalesTaxTotal', path),
    CurrencyRef: ref(n, 'CurrencyRef'),
    ExchangeRate: text(n, 'ExchangeRate'),
    Memo: text(n, 'Memo'),
    CustomerMsgRef: ref(n, 'CustomerMsgRef'),
    IsToBeEmailed: bool(n, 'IsToBeEmailed', path),
    IsTaxIncluded: bool(n, 'IsTaxIncluded', path),
    CustomerSalesTaxCodeRef: ref(n, 'CustomerSalesTaxCodeRef'),
    Other: text(n, 'Other'),
    ExternalGUID: text(n, 'ExternalGUID'),
    LinkedTxn: linkedTxns(n, path),
    lines: parseLines(n, prefix, order, path),
    DataExtRet: dataExt(n, path),
  };
}

/** Maps one parsed InvoiceRet with its lines (group lines nested). Pure; throws QbxmlError on missing ids or bad values. */
export function parseInvoiceRet(n: XmlNode, lineOrder?: readonly string[], path = 'InvoiceRet'): InvoiceRet {
  return {
    ...txnBase(n, 'Invoice', lineOrder, path),
    ARAccountRef: ref(n, 'ARAccountRef'),
    IsPending: bool(n, 'IsPending', path),
    IsFinanceCharge: bool(n, 'IsFinanceCharge', path),
    ShipDate: text(n, 'ShipDate'),
    ShipMethodRef: ref(n, 'ShipMethodRef'),
    AppliedAmount: cents(n, 'AppliedAmount', path),
    BalanceRemaining: cents(n, 'BalanceRemaining', path),
    IsPaid: bool(n, 'IsPaid', path),
    IsToBePrinted: bool(n, 'IsToBePrinted', path),
  };
}

/** Maps one parsed EstimateRet with its lines. Pure; throws QbxmlError on missing ids or bad values. */
export function parseEstimateRet(n: XmlNode, lineOrder?: readonly string[], path = 'EstimateRet'): EstimateRet {
  return {
    ...txnBase(n, 'Estimate', lineOrder, path),
    IsActive: bool(n, 'IsActive', path),
    TotalAmount: cents(n, 'TotalAmount', path),
  };
}

/** Maps one parsed SalesOrderRet with its lines (Invoiced per line). Pure; throws QbxmlError on missing ids or bad values. */
export function parseSalesOrderRet(n: XmlNode, lineOrder?: readonly string[], path = 'SalesOrderRet'): SalesOrderRet {
  return {
    ...txnBase(n, 'SalesOrder', lineOrder, path),
    ShipDate: text(n, 'ShipDate'),
    ShipMethodRef: ref(n, 'ShipMethodRef'),
    TotalAmount: cents(n, 'TotalAmount', path),
    IsManuallyClosed: bool(n, 'IsManuallyClosed', path),
    IsFullyInvoiced: bool(n, 'IsFullyInvoiced', path),
    IsToBePrinted: bool(n, 'IsToBePrinted', path),
  };
}

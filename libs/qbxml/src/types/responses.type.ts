import type { StatusAction } from '../status/status-action.type.js';
import type {
  CompanyRet,
  CreditMemoRet,
  CustomerRet,
  DataExtDelRet,
  DataExtRet,
  EstimateRet,
  InvoiceRet,
  ItemRet,
  ListDeletedRet,
  ReceivePaymentRet,
  SalesOrderRet,
  SalesReceiptRet,
  TxnDeletedRet,
  VendorRet,
} from './rets.type.js';

/** Status attributes every …Rs carries, plus iterator paging (qbxml.md §1.2, §5.3). */
export interface QbxmlResponseBase {
  /** element name without "Rs": "CustomerQuery", "ItemServiceAdd", … */
  readonly kind: string;
  /** absent when the request had none (qbxml.md §1.1) */
  readonly requestID?: string;
  readonly statusCode: number;
  readonly statusSeverity: string;
  readonly statusMessage?: string;
  readonly retCount?: number;
  readonly iteratorID?: string;
  /** objects still to come; 0 on the last page */
  readonly iteratorRemainingCount?: number;
  /** what the connector should do about this status (classifyQbxmlStatus) */
  readonly action: StatusAction;
  readonly operatorMessage: string;
}

/** One …Rs with its records, discriminated by `retType`. Errors usually have no rets, but 3200 and 530 include the record. */
export type QbxmlResponse =
  | (QbxmlResponseBase & { readonly retType: 'customer'; readonly rets: readonly CustomerRet[] })
  | (QbxmlResponseBase & { readonly retType: 'vendor'; readonly rets: readonly VendorRet[] })
  | (QbxmlResponseBase & { readonly retType: 'item'; readonly rets: readonly ItemRet[] })
  | (QbxmlResponseBase & { readonly retType: 'invoice'; readonly rets: readonly InvoiceRet[] })
  | (QbxmlResponseBase & { readonly retType: 'estimate'; readonly rets: readonly EstimateRet[] })
  | (QbxmlResponseBase & { readonly retType: 'salesReceipt'; readonly rets: readonly SalesReceiptRet[] })
  | (QbxmlResponseBase & { readonly retType: 'creditMemo'; readonly rets: readonly CreditMemoRet[] })
  | (QbxmlResponseBase & { readonly retType: 'salesOrder'; readonly rets: readonly SalesOrderRet[] })
  | (QbxmlResponseBase & { readonly retType: 'receivePayment'; readonly rets: readonly ReceivePaymentRet[] })
  | (QbxmlResponseBase & { readonly retType: 'listDeleted'; readonly rets: readonly ListDeletedRet[] })
  | (QbxmlResponseBase & { readonly retType: 'txnDeleted'; readonly rets: readonly TxnDeletedRet[] })
  | (QbxmlResponseBase & { readonly retType: 'company'; readonly rets: readonly CompanyRet[] })
  /** DataExtAddRs / DataExtModRs */
  | (QbxmlResponseBase & { readonly retType: 'dataExt'; readonly rets: readonly DataExtRet[] })
  | (QbxmlResponseBase & { readonly retType: 'dataExtDel'; readonly rets: readonly DataExtDelRet[] })
  /** a response type this library does not map; `ignoredRetCount` counts its children */
  | (QbxmlResponseBase & { readonly retType: 'other'; readonly rets: readonly []; readonly ignoredRetCount: number });

export type QbxmlRetType = QbxmlResponse['retType'];

/** A whole QBXMLMsgsRs: the responses in document (= request) order. */
export interface QbxmlResponseMessage {
  readonly responses: readonly QbxmlResponse[];
  readonly newMessageSetID?: string;
  readonly messageSetStatusCode?: number;
}

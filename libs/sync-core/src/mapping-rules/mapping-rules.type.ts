/**
 * The business rules of one company: the typed form of the mapping file (MAPPING_FILE, README "Mapping file").
 * The keys of issue 15 are the public contract; `vendors` and `deletes.inactiveField` are our extensions.
 * Pure data: the app loads and validates the file, libs only read this shape.
 */

/** OPPORTUNITY of a deal: QuickBooks' Subtotal (before tax, the seed's rule) or TotalAmount (tax included). */
export type DealAmountRule = 'subtotal' | 'total';

/** Which way a custom field travels. */
export type CustomFieldDirection = 'both' | 'toB24' | 'toQb';

/** QuickBooks objects that carry custom fields (DataExt, OwnerID 0; qbxml.md §4.10). */
export type CustomFieldQbEntity = 'customer' | 'vendor' | 'item' | 'invoice';

/** Bitrix24 records that carry user fields (UF_CRM_*, bitrix24.md §5.13) or product properties. */
export type CustomFieldB24Entity = 'contact' | 'company' | 'deal' | 'product';

/** What a delete (or an inactivation) in QuickBooks does to the Bitrix24 record. */
export type DeletePolicy = 'mark' | 'delete';

/** Deal stage IDs in the portal's own form: bare in pipeline 0 (`WON`), `C{n}:` prefixed in pipeline n (`C2:WON`). */
export interface DealStageRules {
  readonly invoiceOpen: string;
  readonly invoicePartiallyPaid: string;
  readonly invoicePaid: string;
  readonly estimate: string;
  /** a sales receipt's deal: paid at once (default = the invoicePaid default, WON) */
  readonly salesReceipt: string;
  /** a credit memo's deal (default APOLOGY: closed, not won, and not the deleted stage; README "Mapping file") */
  readonly creditMemo: string;
  /** a sales order not yet fully invoiced (its deal stays open until then, README "Sales orders") */
  readonly salesOrder: string;
  /** where a deal goes when its QuickBooks transaction is deleted or voided (deletes.fromQuickBooks "mark") */
  readonly deleted: string;
}

/** Deal user fields (UF_CRM_…) the sync fills with QuickBooks amounts; null leaves the value out. */
export interface DealFieldRules {
  /** a credit memo's CreditRemaining, e.g. "25.00" */
  readonly creditRemaining: string | null;
  /** the amount paid or credited on the invoice (AppliedAmount) */
  readonly amountPaid: string | null;
  /** what is left to pay (BalanceRemaining) */
  readonly balance: string | null;
}

export interface DealRules {
  /** the deal pipeline (CATEGORY_ID; 0 = the portal's default pipeline) */
  readonly categoryId: number;
  readonly stages: DealStageRules;
  readonly amount: DealAmountRule;
  /** CURRENCY_ID when a QuickBooks transaction has no recognised currency of its own */
  readonly currency: string;
  readonly fields: DealFieldRules;
}

/**
 * Won deals → QuickBooks documents (issue 16 part 5), off by default. A deal entering one of `stages` becomes a sales
 * order or an invoice; its TxnID is written to the deal user field `txnIdField` (required when enabled).
 */
export interface DealToQuickBooksRules {
  readonly enabled: boolean;
  readonly stages: readonly string[];
  readonly create: 'salesOrder' | 'invoice';
  readonly txnIdField: string | null;
}

/** Which Bitrix24 records go to QuickBooks. Records already linked to QuickBooks always sync. */
export interface ToQuickBooksRules {
  /** contact TYPE_ID values (the portal's CONTACT_TYPE directory) */
  readonly contactTypes: readonly string[];
  /** company COMPANY_TYPE values (the portal's COMPANY_TYPE directory) */
  readonly companyTypes: readonly string[];
  readonly products: boolean;
  readonly deals: DealToQuickBooksRules;
}

export interface CustomFieldRule {
  /** `name`: the DataExtName of the QuickBooks custom field (≤ 31 characters) */
  readonly qb: { readonly entity: CustomFieldQbEntity; readonly name: string };
  /** `field`: the user field's FIELD_NAME (UF_CRM_…) or, for products, PROPERTY_{id} */
  readonly b24: { readonly entity: CustomFieldB24Entity; readonly field: string };
  readonly direction: CustomFieldDirection;
}

export interface DeleteRules {
  readonly fromQuickBooks: DeletePolicy;
  /**
   * Extension: a Bitrix24 user field (boolean or string, on contacts and companies) set to "Y" when the QuickBooks
   * customer is deleted or made inactive under "mark". Null: only a timeline note marks it (contacts and companies
   * have no built-in active flag, bitrix24.md §5.2/§5.3).
   */
  readonly inactiveField: string | null;
}

/** Extension: the contact TYPE_ID QuickBooks vendors get (the seed hard-coded SUPPLIER). */
export interface VendorRules {
  readonly contactType: string;
}

/** Payments received in QuickBooks. */
export interface PaymentRules {
  /** user fields (UF_CRM_…) showing a customer's unapplied payments and credits, on its contact and/or company; null = not written */
  readonly unappliedField: { readonly contact: string | null; readonly company: string | null };
}

export interface MappingRules {
  readonly deals: DealRules;
  readonly toQuickBooks: ToQuickBooksRules;
  readonly customFields: readonly CustomFieldRule[];
  readonly deletes: DeleteRules;
  readonly vendors: VendorRules;
  readonly payments: PaymentRules;
}

// What we want a Bitrix24 record to hold, in the legacy REST vendor names and string values the
// crm.*.add/update methods take (bitrix24.md §5). Type aliases, not interfaces, so they are assignable
// to the client lib's write types (ContactFields etc.), which carry index signatures. Multi-fields are desired VALUES without IDs: the
// engine turns them into an ID-aware patch with buildMultiFieldPatch (bitrix24.md §6.2).

/** One desired PHONE/EMAIL value (compatible with DesiredMultiFieldValue of the client lib). */
export type B24MultiValue = {
  readonly VALUE: string;
  readonly VALUE_TYPE: string;
};

/**
 * Legacy address fields of contacts and companies (bitrix24.md §5.2). Always present: '' clears a value
 * on update, because crm.*.update leaves fields that are not sent untouched.
 */
export type B24AddressDesired = {
  readonly ADDRESS: string;
  readonly ADDRESS_2: string;
  readonly ADDRESS_CITY: string;
  readonly ADDRESS_POSTAL_CODE: string;
  readonly ADDRESS_PROVINCE: string;
  readonly ADDRESS_COUNTRY: string;
};

/** QuickBooks identity of a contact/company/deal (bitrix24.md §5.9). */
export type B24Origin = {
  readonly ORIGINATOR_ID: string;
  readonly ORIGIN_ID: string;
};

export type B24ContactDesired = B24AddressDesired &
  B24Origin & {
    readonly NAME: string;
    readonly LAST_NAME: string;
    readonly SECOND_NAME: string;
    readonly POST: string;
    /** set for vendors only (SUPPLIER); customers keep the portal's default type */
    readonly TYPE_ID?: string;
    /** set by the engine for a company's person contact once the company exists */
    readonly COMPANY_ID?: string;
    readonly EMAIL: readonly B24MultiValue[];
    readonly PHONE: readonly B24MultiValue[];
  };

export type B24CompanyDesired = B24AddressDesired &
  B24Origin & {
    readonly TITLE: string;
    readonly EMAIL: readonly B24MultiValue[];
    readonly PHONE: readonly B24MultiValue[];
  };

/** crm.product.* fields (bitrix24.md §5.7); the identity is XML_ID `QB_{ListID}`. */
export type B24ProductDesired = {
  readonly XML_ID: string;
  readonly NAME: string;
  readonly DESCRIPTION: string;
  /** "12.50" */
  readonly PRICE: string;
  readonly CURRENCY_ID: string;
  readonly ACTIVE: 'Y' | 'N';
};

export type B24DealDesired = B24Origin & {
  readonly TITLE: string;
  /** Subtotal, "123.45" */
  readonly OPPORTUNITY: string;
  /**
   * 'Y': the portal must not recompute OPPORTUNITY from the product rows (IS_MANUAL_OPPORTUNITY N does,
   * bitrix24.md §5.4/§5.6); the QuickBooks Subtotal is the amount of record.
   */
  readonly IS_MANUAL_OPPORTUNITY: 'Y';
  readonly CURRENCY_ID: string;
  readonly STAGE_ID: string;
  /** "YYYY-MM-DD" */
  readonly BEGINDATE: string;
  /** "YYYY-MM-DD" (DueDate, else TxnDate) */
  readonly CLOSEDATE: string;
  readonly COMPANY_ID?: string;
  readonly CONTACT_ID?: string;
  /** the pipeline; absent for the default pipeline 0 (and immutable through crm.deal.update, §5.4) */
  readonly CATEGORY_ID?: string;
  /** QuickBooks' SalesTaxTotal, "12.34"; absent on a transaction without sales tax */
  readonly TAX_VALUE?: string;
};

/** One row for crm.deal.productrows.set (bitrix24.md §5.6); PRICE × QUANTITY is the line amount. */
export type B24ProductRowDesired = {
  /** 0 = not from the catalog (the item has no product mapping yet) */
  readonly PRODUCT_ID: number;
  readonly PRODUCT_NAME?: string;
  readonly PRICE: number;
  readonly QUANTITY: number;
  /** percent; only on transactions that carry sales tax (txn-tax.ts) */
  readonly TAX_RATE?: number;
  /** 'Y' when PRICE already includes the tax (QuickBooks IsTaxIncluded) */
  readonly TAX_INCLUDED?: 'Y' | 'N';
};

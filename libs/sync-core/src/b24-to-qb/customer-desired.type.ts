/** Bill address in QuickBooks AddressData names (qbxml.md §4). */
export interface BillAddressDesired {
  readonly Addr1?: string;
  readonly Addr2?: string;
  readonly City?: string;
  readonly State?: string;
  readonly PostalCode?: string;
  readonly Country?: string;
}

/** What a QuickBooks customer should hold, whichever side it came from (our model, camelCase). */
export interface CustomerDesired {
  /** QuickBooks Name (≤ 41, unique among names) */
  readonly name: string;
  readonly companyName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly altPhone?: string;
  readonly fax?: string;
  readonly billAddress?: BillAddressDesired;
}

/** What a QuickBooks item should hold. */
export interface ItemDesired {
  readonly name: string;
  readonly description?: string;
  /** exact decimal, "12.50" */
  readonly price?: string;
}

import type { QbOffsetStyle, QbTimeZone } from '../time/qb-date-time.util.js';

/** A reference to a list object: send ListID or FullName (qbxml.md §4 "…Ref"). */
export type RefInput = { readonly ListID: string; readonly FullName?: undefined } | { readonly FullName: string; readonly ListID?: undefined };

/** AddressData (BillAddress, ShipAddress, VendorAddress); lengths per [FLAT]. */
export type AddressInput = {
  readonly Addr1?: string;
  readonly Addr2?: string;
  readonly Addr3?: string;
  readonly Addr4?: string;
  readonly Addr5?: string;
  readonly City?: string;
  readonly State?: string;
  readonly PostalCode?: string;
  readonly Country?: string;
  readonly Note?: string;
};

/**
 * Marks an optional text field of a Mod request to be cleared in QuickBooks: the builder writes the element
 * empty (`<Phone></Phone>`) in its XSD position. Intuit, "Modify, delete and void requests and responses": "To clear
 * some properties of a list object: ObjectTypeModRq with listID and editSequence; send null/empty qbXML elements
 * for the properties to be cleared", while omitted elements keep their value. `Symbol.for`, so two copies of
 * this module (dist and src) still agree on it.
 */
export const CLEAR: unique symbol = Symbol.for('@qb-b24/qbxml/CLEAR');
export type Clear = typeof CLEAR;

/** Text in a Mod: a new value, `CLEAR` to empty the field in QuickBooks, or undefined (not sent) to keep it. */
export type ModText = string | Clear;

/** Whether a Mod text value is the CLEAR marker. Pure. */
export function isClear(value: unknown): value is Clear {
  return value === CLEAR;
}

/**
 * AddressData in a Mod: each line a new value, CLEAR, or undefined. Whether QuickBooks keeps the lines a
 * partial aggregate leaves out is not documented (qbxml.md §6), so callers send the whole aggregate: every
 * line they know, with CLEAR for the ones to empty.
 */
export type AddressModInput = { readonly [K in keyof AddressInput]?: ModText };

/** Integer cents; converted to AMTTYPE ("12.34") when built. */
export type Cents = number;

/** PRICETYPE / QUANTYPE value: a number or an exact decimal string ("12.34567"). */
export type DecimalInput = number | string;

/**
 * A DATETIMETYPE value: a ready string ("2024-03-01T10:00:00", as from formatQbDateTime) or a UTC
 * instant plus the QuickBooks PC's zone (converted to local wall-clock time, qbxml.md §2.4).
 */
export type DateTimeInput = string | { readonly at: Date; readonly timeZone: QbTimeZone; readonly offset?: QbOffsetStyle };

/** A DATETYPE value "YYYY-MM-DD". */
export type DateInput = string;

export type ActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';
export type MatchCriterion = 'StartsWith' | 'Contains' | 'EndsWith';
export type OnError = 'stopOnError' | 'continueOnError';

/** Query iterator (qbxml.md §5.3). Continue/Stop send only MaxReturned: QuickBooks keeps Start's filters. */
export type IteratorInput =
  | { readonly iterator: 'Start' }
  | { readonly iterator: 'Continue'; readonly iteratorID: string }
  | { readonly iterator: 'Stop'; readonly iteratorID: string };

export type NameFilterInput =
  | { readonly NameFilter: { readonly MatchCriterion: MatchCriterion; readonly Name: string }; readonly NameRangeFilter?: undefined }
  | { readonly NameRangeFilter: { readonly FromName?: string; readonly ToName?: string }; readonly NameFilter?: undefined };

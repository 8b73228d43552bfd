import type { QbOffsetStyle, QbTimeZone } from '../time/qb-date-time.util.js';

/** A reference to a list object: send ListID or FullName (qbxml.md §4 "…Ref"). */
export type RefInput = { readonly ListID: string; readonly FullName?: undefined } | { readonly FullName: string; readonly ListID?: undefined };

/** AddressData (BillAddress, ShipAddress, VendorAddress); lengths per [FLAT]. */
export type AddressInput = {
  readonly Addr1?: string; readonly Addr2?: string; readonly Addr3?: string; readonly Addr4?: string; readonly Addr5?: string;
  readonly City?: string; readonly State?: string; readonly PostalCode?: string; readonly Country?: string; readonly Note?: string;
};

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

// Vendor shapes, vendor names (bitrix24.md §5). Legacy crm.* methods return numbers as strings and
// unset values as null, so reads are string-typed; writes accept numbers too.

/** A legacy REST value as read: string, null when unset. */
export type B24Str = string | null;

export type MultiFieldType = 'PHONE' | 'EMAIL' | 'WEB' | 'IM' | 'LINK';

/** One stored multifield value as `get`/`list` return it (bitrix24.md §6.1). */
export interface MultiFieldValue {
  readonly ID: string;
  readonly TYPE_ID?: MultiFieldType | string;
  readonly VALUE: string;
  readonly VALUE_TYPE: string;
}

/** One multifield patch entry for add/update (bitrix24.md §6.2): no ID = append, ID+VALUE = replace, ID+DELETE = remove. */
export interface MultiFieldInput {
  readonly ID?: string | number;
  readonly VALUE?: string;
  readonly VALUE_TYPE?: string;
  readonly DELETE?: 'Y';
}

/** Custom fields (`UF_CRM_*`) pass through untyped. */
export interface UserFieldValues {
  readonly [uf: `UF_${string}`]: unknown;
}

interface MultiFieldsRead {
  readonly PHONE?: readonly MultiFieldValue[];
  readonly EMAIL?: readonly MultiFieldValue[];
  readonly WEB?: readonly MultiFieldValue[];
  readonly IM?: readonly MultiFieldValue[];
}

interface MultiFieldsWrite {
  readonly PHONE?: readonly MultiFieldInput[];
  readonly EMAIL?: readonly MultiFieldInput[];
  readonly WEB?: readonly MultiFieldInput[];
  readonly IM?: readonly MultiFieldInput[];
}

interface Audit {
  readonly ASSIGNED_BY_ID?: B24Str;
  readonly CREATED_BY_ID?: B24Str;
  readonly MODIFY_BY_ID?: B24Str;
  readonly DATE_CREATE?: B24Str;
  readonly DATE_MODIFY?: B24Str;
  readonly OPENED?: B24Str;
  readonly COMMENTS?: B24Str;
  readonly ORIGINATOR_ID?: B24Str;
  readonly ORIGIN_ID?: B24Str;
}

interface AddressFields {
  readonly ADDRESS?: B24Str;
  readonly ADDRESS_2?: B24Str;
  readonly ADDRESS_CITY?: B24Str;
  readonly ADDRESS_POSTAL_CODE?: B24Str;
  readonly ADDRESS_REGION?: B24Str;
  readonly ADDRESS_PROVINCE?: B24Str;
  readonly ADDRESS_COUNTRY?: B24Str;
  readonly ADDRESS_COUNTRY_CODE?: B24Str;
}

/** `crm.contact.get` shape (bitrix24.md §5.2). */
export interface ContactRecord extends Audit, AddressFields, MultiFieldsRead, UserFieldValues {
  readonly ID: string;
  readonly HONORIFIC?: B24Str;
  readonly NAME?: B24Str;
  readonly SECOND_NAME?: B24Str;
  readonly LAST_NAME?: B24Str;
  readonly POST?: B24Str;
  readonly TYPE_ID?: B24Str;
  readonly SOURCE_ID?: B24Str;
  readonly BIRTHDATE?: B24Str;
  readonly COMPANY_ID?: B24Str;
  readonly COMPANY_IDS?: readonly string[] | null;
  readonly EXPORT?: B24Str;
  readonly HAS_PHONE?: B24Str;
  readonly HAS_EMAIL?: B24Str;
  readonly ORIGIN_VERSION?: B24Str;
}

/** `crm.company.get` shape (bitrix24.md §5.3). Note: type is `COMPANY_TYPE`, not `TYPE_ID`. */
export interface CompanyRecord extends Audit, AddressFields, MultiFieldsRead, UserFieldValues {
  readonly ID: string;
  readonly TITLE?: B24Str;
  readonly COMPANY_TYPE?: B24Str;
  readonly INDUSTRY?: B24Str;
  readonly CURRENCY_ID?: B24Str;
  readonly REVENUE?: B24Str;
  readonly CONTACT_ID?: readonly string[] | B24Str;
  readonly HAS_PHONE?: B24Str;
  readonly HAS_EMAIL?: B24Str;
  readonly IS_MY_COMPANY?: B24Str;
  readonly ORIGIN_VERSION?: B24Str;
}

/** `crm.deal.get` shape (bitrix24.md §5.4). No ORIGIN_VERSION on deals. */
export interface DealRecord extends Audit, UserFieldValues {
  readonly ID: string;
  readonly TITLE?: B24Str;
  readonly TYPE_ID?: B24Str;
  readonly CATEGORY_ID?: B24Str;
  readonly STAGE_ID?: B24Str;
  readonly STAGE_SEMANTIC_ID?: B24Str;
  readonly CURRENCY_ID?: B24Str;
  readonly OPPORTUNITY?: B24Str;
  readonly IS_MANUAL_OPPORTUNITY?: B24Str;
  readonly TAX_VALUE?: B24Str;
  readonly COMPANY_ID?: B24Str;
  readonly CONTACT_ID?: B24Str;
  readonly BEGINDATE?: B24Str;
  readonly CLOSEDATE?: B24Str;
  readonly CLOSED?: B24Str;
  readonly PROBABILITY?: B24Str;
}

/** `crm.product.get` shape (bitrix24.md §5.7). */
export interface ProductRecord {
  readonly ID: string;
  readonly NAME?: B24Str;
  readonly ACTIVE?: B24Str;
  readonly PRICE?: B24Str;
  readonly CURRENCY_ID?: B24Str;
  readonly DESCRIPTION?: B24Str;
  readonly SECTION_ID?: B24Str;
  readonly CATALOG_ID?: B24Str;
  readonly MEASURE?: B24Str;
  readonly VAT_ID?: B24Str;
  readonly VAT_INCLUDED?: B24Str;
  readonly SORT?: B24Str;
  readonly XML_ID?: B24Str;
  readonly DATE_CREATE?: B24Str;
  readonly TIMESTAMP_X?: B24Str;
  readonly [key: string]: unknown;
}

type Writable<T> = { -readonly [K in keyof T]?: T[K] extends B24Str | undefined ? string | number | null : T[K] };

export type ContactFields = Omit<Writable<ContactRecord>, 'ID' | 'PHONE' | 'EMAIL' | 'WEB' | 'IM' | 'COMPANY_IDS'> &
  MultiFieldsWrite & { COMPANY_IDS?: readonly (string | number)[] } & UserFieldValues;
export type CompanyFields = Omit<Writable<CompanyRecord>, 'ID' | 'PHONE' | 'EMAIL' | 'WEB' | 'IM' | 'CONTACT_ID'> &
  MultiFieldsWrite & { CONTACT_ID?: readonly (string | number)[] } & UserFieldValues;
export type DealFields = Omit<Writable<DealRecord>, 'ID'> & { CONTACT_IDS?: readonly (string | number)[] } & UserFieldValues;
export type ProductFields = { readonly [K in Exclude<keyof ProductRecord, 'ID'> & string]?: string | number | null };

/** One product row of a deal as `crm.deal.productrows.get` returns it (mixed types, bitrix24.md §5.6). */
export interface ProductRowRecord {
  readonly ID: string;
  readonly OWNER_ID?: string;
  readonly OWNER_TYPE?: string;
  readonly PRODUCT_ID?: number;
  readonly PRODUCT_NAME?: string | null;
  readonly PRICE?: number;
  readonly PRICE_EXCLUSIVE?: number;
  readonly PRICE_NETTO?: number;
  readonly PRICE_BRUTTO?: number;
  readonly PRICE_ACCOUNT?: string;
  readonly QUANTITY?: number;
  readonly DISCOUNT_TYPE_ID?: number;
  readonly DISCOUNT_RATE?: number;
  readonly DISCOUNT_SUM?: number;
  readonly TAX_RATE?: number | null;
  readonly TAX_INCLUDED?: string;
  readonly MEASURE_CODE?: number;
  readonly MEASURE_NAME?: string;
  readonly SORT?: number;
  readonly [key: string]: unknown;
}

/** Input row for `crm.deal.productrows.set` (replaces all rows). */
export interface ProductRowInput {
  readonly PRODUCT_ID?: number;
  readonly PRODUCT_NAME?: string;
  readonly PRICE?: number;
  readonly PRICE_EXCLUSIVE?: number;
  readonly PRICE_NETTO?: number;
  readonly PRICE_BRUTTO?: number;
  readonly QUANTITY?: number;
  readonly DISCOUNT_TYPE_ID?: 1 | 2;
  readonly DISCOUNT_RATE?: number;
  readonly DISCOUNT_SUM?: number;
  readonly TAX_RATE?: number;
  readonly TAX_INCLUDED?: 'Y' | 'N';
  readonly MEASURE_CODE?: number;
  readonly MEASURE_NAME?: string;
  readonly SORT?: number;
}

/** `crm.status.list` row (bitrix24.md §5.5). */
export interface StatusRecord {
  readonly ID: string;
  readonly ENTITY_ID: string;
  readonly STATUS_ID: string;
  readonly NAME: string;
  readonly SORT?: string;
  readonly CATEGORY_ID?: string | null;
  readonly SEMANTICS?: string | null;
  readonly [key: string]: unknown;
}

/** `crm.category.list` item (camelCase, typed numbers — bitrix24.md §5.5). */
export interface CategoryRecord {
  readonly id: number;
  readonly name: string;
  readonly sort?: number;
  readonly entityTypeId?: number;
  readonly isDefault?: string;
  readonly [key: string]: unknown;
}

/** `crm.*.fields` descriptor (bitrix24.md §5.1). */
export interface FieldDescriptor {
  readonly type: string;
  readonly isRequired?: boolean;
  readonly isReadOnly?: boolean;
  readonly isImmutable?: boolean;
  readonly isMultiple?: boolean;
  readonly isDynamic?: boolean;
  readonly title?: string;
  readonly statusType?: string;
  readonly [key: string]: unknown;
}

/** `crm.contact.company.items.set` item. */
export interface ContactCompanyItem {
  readonly COMPANY_ID: number | string;
  readonly IS_PRIMARY?: 'Y' | 'N';
  readonly SORT?: number;
}

/** `crm.duplicate.findbycomm` result: integer IDs per entity type, keys only with hits (bitrix24.md §6.3). */
export interface DuplicateMatches {
  readonly LEAD?: readonly number[];
  readonly CONTACT?: readonly number[];
  readonly COMPANY?: readonly number[];
}

export interface UserFieldRecord {
  readonly ID: string;
  readonly FIELD_NAME: string;
  readonly USER_TYPE_ID: string;
  readonly [key: string]: unknown;
}

/** `time` of a success envelope (bitrix24.md §1.3); all optional, composition varies. */
export interface Bitrix24Time {
  readonly start?: number;
  readonly finish?: number;
  readonly duration?: number;
  readonly processing?: number;
  readonly date_start?: string;
  readonly date_finish?: string;
  readonly operating_reset_at?: number;
  readonly operating?: number;
}

/** Success envelope of one call. */
export interface Bitrix24Response<T> {
  readonly result: T;
  readonly total?: number;
  readonly next?: number;
  readonly time?: Bitrix24Time;
}

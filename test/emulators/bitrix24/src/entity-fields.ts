/**
 * Field catalogues of the legacy CRM entities as `crm.X.fields` reports them (bitrix24.md §5.2-§5.4, §5.7).
 * The type drives how a value is stored, rendered (string-typed numbers, 2-decimal money, dates) and filtered.
 */
export const ENTITIES = ['contact', 'company', 'deal', 'product'] as const;
export type EntityName = (typeof ENTITIES)[number];

export const MULTIFIELD_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM', 'LINK'] as const;
export type MultiFieldType = (typeof MULTIFIELD_TYPES)[number];

export interface FieldDef {
  readonly name: string;
  readonly type: string;
  readonly isRequired: boolean;
  readonly isReadOnly: boolean;
  readonly isImmutable: boolean;
  readonly isMultiple: boolean;
  readonly title: string;
  readonly statusType?: string;
}

type Flag = 'r' | 'R' | 'I' | 'M';
function f(name: string, type: string, flags = '', statusType?: string): FieldDef {
  const has = (c: Flag): boolean => flags.includes(c);
  const title = name
    .toLowerCase()
    .split('_')
    .map((w) => (w === 'id' ? 'ID' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
  return {
    name,
    type,
    isRequired: has('R'),
    isReadOnly: has('r'),
    isImmutable: has('I'),
    isMultiple: has('M'),
    title,
    ...(statusType === undefined ? {} : { statusType }),
  };
}

const address = (prefix: string): FieldDef[] =>
  ['', '_2', '_CITY', '_POSTAL_CODE', '_REGION', '_PROVINCE', '_COUNTRY', '_COUNTRY_CODE'].map((s) => f(`${prefix}${s}`, 'string'));
const utm = ['UTM_SOURCE', 'UTM_MEDIUM', 'UTM_CAMPAIGN', 'UTM_CONTENT', 'UTM_TERM'].map((n) => f(n, 'string'));
const multi = MULTIFIELD_TYPES.map((n) => f(n, 'crm_multifield', 'M'));

const CONTACT: FieldDef[] = [
  f('ID', 'integer', 'r'),
  f('HONORIFIC', 'crm_status', '', 'HONORIFIC'),
  f('NAME', 'string'),
  f('SECOND_NAME', 'string'),
  f('LAST_NAME', 'string'),
  f('PHOTO', 'file'),
  f('BIRTHDATE', 'date'),
  f('TYPE_ID', 'crm_status', '', 'CONTACT_TYPE'),
  f('SOURCE_ID', 'crm_status', '', 'SOURCE'),
  f('SOURCE_DESCRIPTION', 'string'),
  f('POST', 'string'),
  ...address('ADDRESS'),
  f('ADDRESS_LOC_ADDR_ID', 'integer'),
  f('COMMENTS', 'string'),
  f('OPENED', 'char'),
  f('EXPORT', 'char'),
  f('HAS_PHONE', 'char', 'r'),
  f('HAS_EMAIL', 'char', 'r'),
  f('HAS_IMOL', 'char', 'r'),
  f('ASSIGNED_BY_ID', 'user'),
  f('CREATED_BY_ID', 'user', 'r'),
  f('MODIFY_BY_ID', 'user', 'r'),
  f('DATE_CREATE', 'datetime', 'r'),
  f('DATE_MODIFY', 'datetime', 'r'),
  f('COMPANY_ID', 'crm_company'),
  f('COMPANY_IDS', 'crm_company', 'M'),
  f('LEAD_ID', 'crm_lead', 'r'),
  f('ORIGINATOR_ID', 'string'),
  f('ORIGIN_ID', 'string'),
  f('ORIGIN_VERSION', 'string'),
  f('FACE_ID', 'integer'),
  ...utm,
  f('LAST_ACTIVITY_TIME', 'datetime', 'r'),
  f('LAST_ACTIVITY_BY', 'user', 'r'),
  ...multi,
];

const COMPANY: FieldDef[] = [
  f('ID', 'integer', 'r'),
  f('TITLE', 'string', 'R'),
  f('COMPANY_TYPE', 'crm_status', '', 'COMPANY_TYPE'),
  f('LOGO', 'file'),
  ...address('ADDRESS'),
  f('ADDRESS_LEGAL', 'string'),
  ...address('REG_ADDRESS'),
  f('BANKING_DETAILS', 'string'),
  f('INDUSTRY', 'crm_status', '', 'INDUSTRY'),
  f('EMPLOYEES', 'crm_status', '', 'EMPLOYEES'),
  f('CURRENCY_ID', 'crm_currency'),
  f('REVENUE', 'double'),
  f('OPENED', 'char'),
  f('COMMENTS', 'string'),
  f('HAS_PHONE', 'char', 'r'),
  f('HAS_EMAIL', 'char', 'r'),
  f('HAS_IMOL', 'char', 'r'),
  f('IS_MY_COMPANY', 'char'),
  f('ASSIGNED_BY_ID', 'user'),
  f('CREATED_BY_ID', 'user', 'r'),
  f('MODIFY_BY_ID', 'user', 'r'),
  f('DATE_CREATE', 'datetime', 'r'),
  f('DATE_MODIFY', 'datetime', 'r'),
  f('CONTACT_ID', 'crm_contact', 'M'),
  f('LEAD_ID', 'crm_lead', 'r'),
  f('ORIGINATOR_ID', 'string'),
  f('ORIGIN_ID', 'string'),
  f('ORIGIN_VERSION', 'string'),
  ...utm,
  f('LAST_ACTIVITY_TIME', 'datetime', 'r'),
  f('LAST_ACTIVITY_BY', 'user', 'r'),
  ...multi,
];

const DEAL: FieldDef[] = [
  f('ID', 'integer', 'r'),
  f('TITLE', 'string'),
  f('TYPE_ID', 'crm_status', '', 'DEAL_TYPE'),
  f('CATEGORY_ID', 'crm_category', 'I'),
  f('STAGE_ID', 'crm_status', '', 'DEAL_STAGE'),
  f('STAGE_SEMANTIC_ID', 'string', 'r'),
  f('IS_NEW', 'char', 'r'),
  f('IS_RECURRING', 'char'),
  f('IS_RETURN_CUSTOMER', 'char'),
  f('IS_REPEATED_APPROACH', 'char'),
  f('PROBABILITY', 'integer'),
  f('CURRENCY_ID', 'crm_currency'),
  f('OPPORTUNITY', 'double'),
  f('IS_MANUAL_OPPORTUNITY', 'char'),
  f('TAX_VALUE', 'double'),
  f('COMPANY_ID', 'crm_company'),
  f('CONTACT_ID', 'crm_contact'),
  f('CONTACT_IDS', 'crm_contact', 'M'),
  f('QUOTE_ID', 'crm_quote', 'r'),
  f('BEGINDATE', 'date'),
  f('CLOSEDATE', 'date'),
  f('OPENED', 'char'),
  f('CLOSED', 'char'),
  f('COMMENTS', 'string'),
  f('ASSIGNED_BY_ID', 'user'),
  f('CREATED_BY_ID', 'user', 'r'),
  f('MODIFY_BY_ID', 'user', 'r'),
  f('MOVED_BY_ID', 'user', 'r'),
  f('DATE_CREATE', 'datetime', 'r'),
  f('DATE_MODIFY', 'datetime', 'r'),
  f('MOVED_TIME', 'datetime', 'r'),
  f('SOURCE_ID', 'crm_status', '', 'SOURCE'),
  f('SOURCE_DESCRIPTION', 'string'),
  f('LEAD_ID', 'crm_lead', 'r'),
  f('ADDITIONAL_INFO', 'string'),
  f('LOCATION_ID', 'location'),
  f('ORIGINATOR_ID', 'string'),
  f('ORIGIN_ID', 'string'),
  ...utm,
  f('LAST_ACTIVITY_TIME', 'datetime', 'r'),
  f('LAST_ACTIVITY_BY', 'user', 'r'),
];

const PRODUCT: FieldDef[] = [
  f('ID', 'integer', 'r'),
  f('NAME', 'string', 'R'),
  f('ACTIVE', 'char'),
  f('CATALOG_ID', 'integer'),
  f('SECTION_ID', 'integer'),
  f('PRICE', 'double'),
  f('CURRENCY_ID', 'crm_currency'),
  f('MEASURE', 'integer'),
  f('VAT_ID', 'integer'),
  f('VAT_INCLUDED', 'char'),
  f('DESCRIPTION', 'string'),
  f('DESCRIPTION_TYPE', 'string'),
  f('SORT', 'integer'),
  f('XML_ID', 'string'),
  f('PREVIEW_PICTURE', 'file'),
  f('DETAIL_PICTURE', 'file'),
  f('CREATED_BY', 'user', 'r'),
  f('MODIFIED_BY', 'user', 'r'),
  f('DATE_CREATE', 'datetime', 'r'),
  f('TIMESTAMP_X', 'datetime', 'r'),
];

export const FIELD_DEFS: Readonly<Record<EntityName, readonly FieldDef[]>> = {
  contact: CONTACT,
  company: COMPANY,
  deal: DEAL,
  product: PRODUCT,
};

/** Standard fields that never appear in `get`/`list` output for the entity (write-only or relation-backed). */
export const HIDDEN_IN_OUTPUT: Readonly<Record<EntityName, ReadonlySet<string>>> = {
  // COMPANY_IDS is accepted on write; reads go through crm.contact.company.items.get (assumed, like deal CONTACT_IDS §5.4).
  contact: new Set(['COMPANY_IDS']),
  // CONTACT_ID on a company is a write path into the contact↔company relation (§5.3); read via relation methods.
  company: new Set(['CONTACT_ID']),
  // CONTACT_IDS is write-only in the legacy deal API (§5.4: absent from crm.deal.get/list).
  deal: new Set(['CONTACT_IDS']),
  product: new Set(),
};

export const NUMERIC_TYPES: ReadonlySet<string> = new Set([
  'integer',
  'double',
  'user',
  'crm_company',
  'crm_contact',
  'crm_category',
  'crm_lead',
  'crm_quote',
  'file',
  'location',
]);

export const UF_ENTITY_ID: Readonly<Record<EntityName, string>> = {
  contact: 'CRM_CONTACT',
  company: 'CRM_COMPANY',
  deal: 'CRM_DEAL',
  product: 'CRM_PRODUCT',
};

export const EVENT_PREFIX: Readonly<Record<EntityName, string>> = {
  contact: 'ONCRMCONTACT',
  company: 'ONCRMCOMPANY',
  deal: 'ONCRMDEAL',
  product: 'ONCRMPRODUCT',
};

import { Bitrix24Error } from './bitrix24.error.js';
import type { CategoryRecord, ContactCompanyItem, DuplicateMatches, ProductRowInput, ProductRowRecord, StatusRecord } from './bitrix24.types.js';
import { asTrue, asVendorRecord, type RestCaller } from './crm-entity-api.js';
import { isRecord } from './parse-envelope.js';
import type { Bitrix24Params } from './php-query.js';

/** `crm.duplicate.findbycomm` accepts at most 20 values per call (bitrix24.md §6.3). */
export const FINDBYCOMM_MAX_VALUES = 20;

function bad(method: string, message: string): Bitrix24Error {
  return new Bitrix24Error({ code: 'BAD_RESPONSE', message, method, retriable: false });
}

function toParams(o: object): Bitrix24Params {
  // Typed inputs are plain JSON-able data; widened to the transport param type.
  return o as Bitrix24Params;
}

/** Typed CRM helpers outside the per-entity families. Each throws `Bitrix24Error`. */
export class CrmMethods {
  constructor(private readonly rest: RestCaller) {}

  /** `crm.deal.productrows.get` (mixed-type rows). */
  async dealProductRowsGet(dealId: number | string): Promise<ProductRowRecord[]> {
    const method = 'crm.deal.productrows.get';
    const res = await this.rest.call(method, { id: dealId });
    if (!Array.isArray(res.result)) throw bad(method, 'expected a list of rows');
    return res.result.map((r) => asVendorRecord<ProductRowRecord>(r, method));
  }

  /** `crm.deal.productrows.set`: REPLACES all rows of the deal (`[]` clears them). */
  async dealProductRowsSet(dealId: number | string, rows: readonly ProductRowInput[]): Promise<true> {
    const method = 'crm.deal.productrows.set';
    const res = await this.rest.call(method, { id: dealId, rows: rows.map(toParams) });
    return asTrue(res.result, method);
  }

  /**
   * `crm.duplicate.findbycomm`: IDs by entity type having any of `values`. More than 20 values are
   * split over several calls and merged; the portal's `[]` for "no hits" becomes `{}`.
   */
  async duplicateFindByComm(type: 'EMAIL' | 'PHONE', values: readonly string[], entityType?: 'LEAD' | 'CONTACT' | 'COMPANY'): Promise<DuplicateMatches> {
    const method = 'crm.duplicate.findbycomm';
    const merged: Record<'LEAD' | 'CONTACT' | 'COMPANY', Set<number>> = { LEAD: new Set(), CONTACT: new Set(), COMPANY: new Set() };
    for (let i = 0; i < values.length; i += FINDBYCOMM_MAX_VALUES) {
      const res = await this.rest.call(method, {
        type,
        values: values.slice(i, i + FINDBYCOMM_MAX_VALUES),
        ...(entityType !== undefined ? { entity_type: entityType } : {}),
      });
      if (!isRecord(res.result)) continue; // `[]`: nothing found
      for (const key of ['LEAD', 'CONTACT', 'COMPANY'] as const) {
        const ids = res.result[key];
        if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'number' || typeof id === 'string') merged[key].add(Number(id));
      }
    }
    const out: { -readonly [K in keyof DuplicateMatches]: number[] } = {};
    for (const key of ['LEAD', 'CONTACT', 'COMPANY'] as const) if (merged[key].size > 0) out[key] = [...merged[key]];
    return out;
  }

  /** `crm.status.list` (e.g. `{ ENTITY_ID: 'DEAL_STAGE' }` for stages), sorted by SORT. */
  async statusList(filter: Bitrix24Params = {}): Promise<StatusRecord[]> {
    const method = 'crm.status.list';
    const res = await this.rest.call(method, { filter, order: { SORT: 'ASC' } });
    if (!Array.isArray(res.result)) throw bad(method, 'expected a list');
    return res.result.map((r) => asVendorRecord<StatusRecord>(r, method));
  }

  /** `crm.category.list` (pipelines); `entityTypeId` 2 = deals. */
  async categoryList(entityTypeId = 2): Promise<CategoryRecord[]> {
    const method = 'crm.category.list';
    const res = await this.rest.call(method, { entityTypeId });
    const list = isRecord(res.result) ? res.result['categories'] : undefined;
    if (!Array.isArray(list)) throw bad(method, 'expected {categories: [...]}');
    return list.filter(isRecord).map((c) => {
      if (typeof c['id'] !== 'number' || typeof c['name'] !== 'string') throw bad(method, 'category without id/name');
      return c as CategoryRecord;
    });
  }

  /** `crm.contact.company.items.set`: replaces the contact's company links. */
  async contactCompanyItemsSet(contactId: number | string, items: readonly ContactCompanyItem[]): Promise<true> {
    const method = 'crm.contact.company.items.set';
    const res = await this.rest.call(method, { id: contactId, items: items.map(toParams) });
    return asTrue(res.result, method);
  }

  /** `scope`: the scopes granted to this webhook. */
  async scope(): Promise<string[]> {
    const res = await this.rest.call('scope');
    if (!Array.isArray(res.result)) throw bad('scope', 'expected a list');
    return res.result.filter((s): s is string => typeof s === 'string');
  }

  /** `profile`: the webhook's user (`ID`, `NAME`, `LAST_NAME`, `ADMIN`, …). */
  async profile(): Promise<Record<string, unknown>> {
    const res = await this.rest.call('profile');
    if (!isRecord(res.result)) throw bad('profile', 'expected an object');
    return res.result;
  }
}

import { Bitrix24Error } from './bitrix24.error.js';
import type { Bitrix24Response, FieldDescriptor, UserFieldRecord } from './bitrix24.types.js';
import type { ListOptions, ListPage } from './bitrix24-client.types.js';
import { isRecord } from './parse-envelope.js';
import type { Bitrix24Params } from './php-query.js';

/** What the entity APIs need from the client (kept as an interface to avoid an import cycle). */
export interface RestCaller {
  call<T = unknown>(method: string, params?: Bitrix24Params): Promise<Bitrix24Response<T>>;
  listAll<T>(method: string, options?: ListOptions): AsyncGenerator<T>;
  listAllBatched<T>(method: string, options?: ListOptions & { readonly pagesPerCall?: number }): AsyncGenerator<T>;
  listPages<T>(method: string, options?: ListOptions & { readonly start?: number }): AsyncGenerator<ListPage<T>>;
}

export interface WriteParams {
  readonly REGISTER_SONET_EVENT?: 'Y' | 'N';
  readonly REGISTER_HISTORY_EVENT?: 'Y' | 'N';
  readonly IMPORT?: 'Y' | 'N';
}

/** Vendor record shapes are trusted after the envelope check: every record must at least be an object with an ID. */
export function asVendorRecord<T>(value: unknown, method: string): T {
  if (!isRecord(value) || (typeof value['ID'] !== 'string' && typeof value['ID'] !== 'number')) {
    throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: 'expected a record with an ID', method, retriable: false });
  }
  return value as T;
}

export function asId(value: unknown, method: string): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isInteger(id) || id <= 0) {
    throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: 'expected a new record ID', method, retriable: false });
  }
  return id;
}

export function asTrue(value: unknown, method: string): true {
  if (value !== true) {
    throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: 'expected result true', method, retriable: false });
  }
  return true;
}

function toParams(o: object): Bitrix24Params {
  // Typed field objects are plain JSON-able data; this widens them to the param type for transport.
  return o as Bitrix24Params;
}

/**
 * Typed legacy `crm.{entity}.*` family (contact, company, deal, product — bitrix24.md §5.1).
 * Reads are string-typed vendor records; `add` returns the new numeric ID.
 */
export class CrmEntityApi<TRecord, TFields extends object> {
  constructor(
    private readonly rest: RestCaller,
    /** e.g. `crm.contact` */
    readonly prefix: string,
  ) {}

  async add(fields: TFields, params?: WriteParams): Promise<number> {
    const method = `${this.prefix}.add`;
    const res = await this.rest.call(method, { fields: toParams(fields), ...(params ? { params: toParams(params) } : {}) });
    return asId(res.result, method);
  }

  async update(id: number | string, fields: TFields, params?: WriteParams): Promise<true> {
    const method = `${this.prefix}.update`;
    const res = await this.rest.call(method, { id, fields: toParams(fields), ...(params ? { params: toParams(params) } : {}) });
    return asTrue(res.result, method);
  }

  async get(id: number | string): Promise<TRecord> {
    const method = `${this.prefix}.get`;
    const res = await this.rest.call(method, { id });
    return asVendorRecord<TRecord>(res.result, method);
  }

  /** One page (50) of `list`; `start` from the previous page's `next`. */
  async list(options: ListOptions & { readonly start?: number } = {}): Promise<ListPage<TRecord>> {
    for await (const page of this.rest.listPages<TRecord>(`${this.prefix}.list`, options)) return page;
    return { items: [], total: 0, next: undefined };
  }

  /** Every matching record in ID order (fast `>ID` scan). */
  listAll(options: Omit<ListOptions, 'order'> = {}): AsyncGenerator<TRecord> {
    return this.rest.listAll<TRecord>(`${this.prefix}.list`, options);
  }

  /** Like `listAll`, up to 50 pages per HTTP call through `batch` (for big full reads under the rate limit). */
  listAllBatched(options: Omit<ListOptions, 'order'> & { readonly pagesPerCall?: number } = {}): AsyncGenerator<TRecord> {
    return this.rest.listAllBatched<TRecord>(`${this.prefix}.list`, options);
  }

  async delete(id: number | string): Promise<true> {
    const method = `${this.prefix}.delete`;
    const res = await this.rest.call(method, { id });
    return asTrue(res.result, method);
  }

  /** Field descriptors incl. UF_* (`crm.{entity}.fields`). */
  async fields(): Promise<Record<string, FieldDescriptor>> {
    const method = `${this.prefix}.fields`;
    const res = await this.rest.call(method);
    if (!isRecord(res.result)) throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: 'expected a field map', method, retriable: false });
    return res.result as Record<string, FieldDescriptor>;
  }

  /** `crm.{entity}.userfield.list` (contact, company, deal). */
  async userfieldList(filter: Bitrix24Params = {}): Promise<UserFieldRecord[]> {
    const method = `${this.prefix}.userfield.list`;
    const res = await this.rest.call(method, { filter });
    if (!Array.isArray(res.result)) throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: 'expected a list', method, retriable: false });
    return res.result.map((r) => asVendorRecord<UserFieldRecord>(r, method));
  }

  /** `crm.{entity}.userfield.add` → new user-field id. FIELD_NAME gets the `UF_CRM_` prefix server-side. */
  async userfieldAdd(fields: { readonly FIELD_NAME: string; readonly USER_TYPE_ID: string } & Bitrix24Params): Promise<number> {
    const method = `${this.prefix}.userfield.add`;
    const res = await this.rest.call(method, { fields });
    return asId(res.result, method);
  }
}

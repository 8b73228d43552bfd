/**
 * In-memory CRM of the emulated portal: contacts, companies, deals, products, multifields,
 * contact↔company links, user fields, statuses, deal funnels and product rows. Values are stored in
 * the legacy REST output shape (string-typed numbers, 2-decimal money, portal-tz dates), bitrix24.md §5-§8.
 */
import { ApiError, legacyError } from './api-error.js';
import { CompanyLinks } from './company-links.js';
import { type CurrencyRow, seedCurrencies } from './currencies.js';
import { addDealCategory, settleStage, updateDealFunnel } from './deal-funnels.js';
import { applyDealTotals, DealProductRows } from './deal-product-rows.js';
import type { EntityName } from './entity-fields.js';
import { validateFields } from './field-values.js';
import { calendarDate, formatDateTime } from './format.js';
import type { ItemPayment } from './item-payments.js';
import { findByComm } from './multifields.js';
import { asList, isRecord } from './params.js';
import { buildProductProperty, type ProductPropertyDef } from './product-properties.js';
import { applyAddDefaults } from './record-defaults.js';
import { renderRecord } from './record-render.js';
import { applyFields, type WriteContext } from './record-write.js';
import { checkStageOnAdd } from './stage-rules.js';
import { seedStatuses, type DealCategory, type StatusRow } from './statuses.js';
import type { Actor, StoredRecord, StoreOptions } from './store-types.js';
import { buildUserFieldDef, type UserFieldDef } from './user-fields.js';
import { DEFAULT_PORTAL_VARIANTS, type PortalVariants } from './variants.js';

export type { UserFieldDef } from './user-fields.js';
export type { Actor, CrmChange, StoreOptions } from './store-types.js';
export { phoneKey } from './multifields.js';

export class CrmStore {
  private readonly records = new Map<EntityName, Map<number, StoredRecord>>();
  private readonly nextId = new Map<EntityName, number>();
  private nextFmId = 1;
  private readonly links = new CompanyLinks((entity, id) => this.table(entity).has(id));
  readonly userFields: UserFieldDef[] = [];
  private nextUfId = 300;
  readonly productProperties: ProductPropertyDef[] = [];
  private nextPropertyId = 100;
  readonly statuses: StatusRow[] = seedStatuses();
  readonly categories: DealCategory[] = [{ id: 0, name: 'General', sort: 300, isDefault: true }];
  private readonly rows = new DealProductRows();
  private nextEnumId = 3100;
  readonly currencies: CurrencyRow[] = seedCurrencies();
  readonly itemPayments: ItemPayment[] = [];
  variants: PortalVariants = { ...DEFAULT_PORTAL_VARIANTS };

  constructor(private readonly o: StoreOptions) {
    for (const e of ['contact', 'company', 'deal', 'product'] as const) {
      this.records.set(e, new Map());
      this.nextId.set(e, 1);
    }
  }

  private table(entity: EntityName): Map<number, StoredRecord> {
    const t = this.records.get(entity);
    if (!t) throw new Error(`unknown entity ${entity}`);
    return t;
  }

  private nowText(): string {
    return formatDateTime(this.o.now(), this.o.timeZone);
  }

  // ---------- writes ----------

  /** Creates a record like `crm.X.add`; returns the new integer ID. Throws ApiError on invalid input. */
  add(entity: EntityName, fields: unknown, actor: Actor = 'rest'): number {
    if (!isRecord(fields)) throw legacyError("Parameter 'fields' must be array.");
    validateFields(entity, fields, [], this.currencies);
    if (entity === 'deal') checkStageOnAdd(this.statuses, this.categories, fields, this.variants);
    const id = this.nextId.get(entity) ?? 1;
    this.nextId.set(entity, id + 1);
    const rec: StoredRecord = { id, values: { ID: String(id) }, fm: [] };
    const user = String(this.o.userId);
    const now = this.nowText();
    const today = calendarDate(this.o.now(), this.o.timeZone);
    const v = rec.values;
    applyAddDefaults(entity, v, fields, { user, now, today, timeZone: this.o.timeZone }, this.statuses, this.categories);
    this.table(entity).set(id, rec);
    applyFields(entity, rec, fields, 'add', actor, this.writeContext());
    if (entity === 'deal') {
      if (v['TITLE'] === undefined || v['TITLE'] === null || v['TITLE'] === '') v['TITLE'] = `Deal #${id}`;
      this.settleStage(rec, fields['STAGE_ID'], true);
    }
    this.o.onChange({ entity, kind: 'ADD', id });
    return id;
  }

  /** Changes a record like `crm.X.update` (patch semantics); throws ApiError. */
  update(entity: EntityName, id: number, fields: unknown, actor: Actor = 'rest'): void {
    const rec = this.table(entity).get(id);
    if (!rec) throw legacyError(this.notFoundOnUpdate(entity));
    if (!isRecord(fields)) throw legacyError("Parameter 'fields' must be array.");
    validateFields(entity, fields, rec.fm, this.currencies);
    applyFields(entity, rec, fields, 'update', actor, this.writeContext());
    let moved: Record<string, string> | undefined;
    if (entity === 'deal') moved = updateDealFunnel(rec, fields, actor, this.categories, (wanted, fallback) => this.settleStage(rec, wanted, fallback));
    this.touch(entity, rec);
    if (moved) this.o.onChange({ entity, kind: 'MOVETOCATEGORY', id, extra: moved });
    this.o.onChange({ entity, kind: 'UPDATE', id });
  }

  /** Removes a record like `crm.X.delete`; the DELETE event fires after removal (§10 item 34). */
  delete(entity: EntityName, id: number): void {
    const t = this.table(entity);
    if (!t.has(id)) {
      if (entity === 'contact') throw new ApiError(400, 'ERROR_CORE', 'Element not found');
      throw legacyError(entity === 'company' ? 'Company is not found' : 'Not found');
    }
    t.delete(id);
    if (entity === 'contact') this.links.removeContact(id);
    if (entity === 'company') this.links.removeCompany(id);
    if (entity === 'deal') this.rows.delete(id);
    this.o.onChange({ entity, kind: 'DELETE', id });
  }

  private notFoundOnUpdate(entity: EntityName): string {
    switch (entity) {
      case 'contact':
        return 'Contact is not found';
      case 'company':
        return 'Company is not found';
      case 'deal':
        return 'Not found';
      case 'product':
        return 'Product is not found';
    }
  }

  private touch(entity: EntityName, rec: StoredRecord): void {
    const now = this.nowText();
    if (entity === 'product') Object.assign(rec.values, { TIMESTAMP_X: now, MODIFIED_BY: String(this.o.userId) });
    else Object.assign(rec.values, { DATE_MODIFY: now, MODIFY_BY_ID: String(this.o.userId) });
  }

  private writeContext(): WriteContext {
    return {
      timeZone: this.o.timeZone,
      userFields: this.userFields,
      productProperties: this.productProperties,
      legacyBooleanUf: this.variants.legacyBooleanUf,
      links: this.links,
      nextFmId: () => this.nextFmId++,
    };
  }

  /** `crm.contact.company.items.set`: replaces the set (§5.2). */
  setContactCompanies(contactId: number, items: unknown): void {
    if (!this.table('contact').has(contactId)) throw legacyError('Not found');
    const list = asList(items);
    if (!list) throw legacyError("The parameter 'items' must be array.");
    this.links.replaceForContact(contactId, list);
    const rec = this.table('contact').get(contactId);
    if (rec) this.touch('contact', rec);
    this.o.onChange({ entity: 'contact', kind: 'UPDATE', id: contactId });
  }

  /** `crm.contact.company.items.get`: integer-typed rows (§5.2, §8 "mixed"). */
  contactCompanies(contactId: number): Record<string, unknown>[] {
    if (!this.table('contact').has(contactId)) throw legacyError('Not found');
    return this.links.itemsOf(contactId);
  }

  /** Stage must belong to the deal's funnel; otherwise the first stage is used (unconfirmed). */
  private settleStage(rec: StoredRecord, wanted: unknown, fallbackToFirst: boolean): void {
    settleStage(this.statuses, rec, wanted, fallbackToFirst, { userId: this.o.userId, nowText: () => this.nowText() });
  }

  /** Adds a deal funnel with the default stage set, prefixed `C{n}:` (§5.5). Returns the category id. */
  addCategory(name: string): number {
    return addDealCategory(this.categories, this.statuses, name);
  }

  // ---------- reads ----------

  has(entity: EntityName, id: number): boolean {
    return this.table(entity).has(id);
  }

  /** The record as `crm.X.get` returns it; multifields only when non-empty (§10 item 23). */
  render(entity: EntityName, id: number, withMulti = true): Record<string, unknown> | undefined {
    const rec = this.table(entity).get(id);
    if (!rec) return undefined;
    return renderRecord(entity, rec, withMulti, {
      primaryCompanyOf: (contactId) => this.links.primaryCompanyOf(contactId),
      userFields: this.userFields,
      productProperties: this.productProperties,
    });
  }

  /** Every record of an entity in get-shape (including multifields), ascending by ID. */
  renderAll(entity: EntityName): Record<string, unknown>[] {
    return [...this.table(entity).keys()]
      .sort((a, b) => a - b)
      .map((id) => this.render(entity, id))
      .filter((r): r is Record<string, unknown> => r !== undefined);
  }

  // ---------- product rows ----------

  /** `crm.deal.productrows.set`: replaces all rows, validates discounts, recomputes OPPORTUNITY (§5.6). */
  setProductRows(dealId: number, rowsInput: unknown): void {
    const deal = this.table('deal').get(dealId);
    if (!deal) throw legacyError('Not found');
    const list = asList(rowsInput) ?? [];
    const built = this.rows.replace(dealId, list, (productId) => this.table('product').get(productId)?.values['NAME']);
    applyDealTotals(deal, built, this.variants.opportunityAddsExcludedTax);
    this.touch('deal', deal);
    this.o.onChange({ entity: 'deal', kind: 'UPDATE', id: dealId });
  }

  /** `crm.deal.productrows.get`: mixed types (§5.6). */
  productRows(dealId: number): Record<string, unknown>[] {
    if (!this.table('deal').has(dealId)) throw legacyError('Not found');
    return this.rows.of(dealId);
  }

  // ---------- duplicates ----------

  /** `crm.duplicate.findbycomm`: int IDs grouped by entity type; phones compared digits-only, no extension (§6.3). */
  findByComm(type: 'PHONE' | 'EMAIL', values: readonly string[], entityTypes: readonly ('CONTACT' | 'COMPANY')[]): Record<string, number[]> {
    return findByComm(type, values, entityTypes, (entity) => this.table(entity).values());
  }

  // ---------- user fields ----------

  /** `crm.product.property.add` (§5.13): returns the new property's ID, written on products as PROPERTY_{id}. */
  addProductProperty(fields: unknown): number {
    const def = buildProductProperty(fields, this.nextPropertyId);
    this.nextPropertyId += 1;
    this.productProperties.push(def);
    return def.id;
  }

  /** `crm.X.userfield.add`: FIELD_NAME normalised to `UF_CRM_…`, ≤ 50 chars, A-Z0-9_ (§5.10). */
  addUserField(entity: EntityName, fields: unknown): number {
    if (!isRecord(fields)) throw legacyError("Parameter 'fields' must be array.");
    const def = buildUserFieldDef(entity, fields, this.nextUfId, () => this.nextEnumId++);
    if (this.userFields.some((u) => u.entity === entity && u.fieldName === def.fieldName)) {
      throw new ApiError(400, 'ERROR_CORE', `A field with the code ${def.fieldName} already exists`);
    }
    this.nextUfId += 1;
    this.userFields.push(def);
    return def.id;
  }
}

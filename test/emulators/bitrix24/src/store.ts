/**
 * In-memory CRM of the emulated portal: contacts, companies, deals, products, multifields,
 * contact↔company links, user fields, statuses, deal funnels and product rows. Values are stored in
 * the legacy REST output shape (string-typed numbers, 2-decimal money, portal-tz dates), bitrix24.md §5-§8.
 */
import { ApiError, legacyError } from './api-error.js';
import { FIELD_DEFS, HIDDEN_IN_OUTPUT, MULTIFIELD_TYPES, type EntityName, type FieldDef, type MultiFieldType } from './entity-fields.js';
import { addDays, calendarDate, formatDateOnly, formatDateTime, money, parseDateInput } from './format.js';
import { asList, asPositiveInt, isRecord } from './params.js';
import { buildProductProperty, productPropertyRead, productPropertyWrite, type ProductPropertyDef } from './product-properties.js';
import { buildProductRow, dealTotals } from './product-rows.js';
import { dealStages, seedStatuses, type DealCategory, type StatusRow } from './statuses.js';
import { buildUserFieldDef, defaultUserFieldValue, normalizeUserFieldValue, type UserFieldDef } from './user-fields.js';
import { type CurrencyRow, seedCurrencies } from './currencies.js';
import type { ItemPayment } from './item-payments.js';
import { checkStageOnAdd } from './stage-rules.js';
import { DEFAULT_PORTAL_VARIANTS, type PortalVariants } from './variants.js';

export type { UserFieldDef } from './user-fields.js';

interface MultiValue {
  id: number;
  typeId: MultiFieldType;
  valueType: string;
  value: string;
}
interface StoredRecord {
  id: number;
  values: Record<string, unknown>;
  fm: MultiValue[];
}
interface CompanyLink {
  contactId: number;
  companyId: number;
  sort: number;
  isPrimary: boolean;
}

/** A change the portal announces through outbound events (§7.2). */
export interface CrmChange {
  entity: EntityName;
  kind: 'ADD' | 'UPDATE' | 'DELETE' | 'MOVETOCATEGORY';
  id: number;
  extra?: Record<string, string>;
}

export interface StoreOptions {
  userId: number;
  timeZone: string;
  now: () => number;
  onChange: (c: CrmChange) => void;
}

/** Who performs a write: the webhook (REST) or a person in the UI (may change immutable fields). */
export type Actor = 'rest' | 'ui';

const DEFAULT_STATUS: Partial<Record<EntityName, Record<string, string>>> = {
  contact: { TYPE_ID: 'CONTACT_TYPE', SOURCE_ID: 'SOURCE' },
  company: { COMPANY_TYPE: 'COMPANY_TYPE' },
  deal: { TYPE_ID: 'DEAL_TYPE', SOURCE_ID: 'SOURCE' },
};

const EMAIL_LABEL: Record<string, string> = { WORK: 'Work', HOME: 'Personal', MAILING: 'Newsletter', OTHER: 'Other' };
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export class CrmStore {
  private readonly records = new Map<EntityName, Map<number, StoredRecord>>();
  private readonly nextId = new Map<EntityName, number>();
  private nextFmId = 1;
  private links: CompanyLink[] = [];
  readonly userFields: UserFieldDef[] = [];
  private nextUfId = 300;
  readonly productProperties: ProductPropertyDef[] = [];
  private nextPropertyId = 100;
  readonly statuses: StatusRow[] = seedStatuses();
  readonly categories: DealCategory[] = [{ id: 0, name: 'General', sort: 300, isDefault: true }];
  private readonly rows = new Map<number, Record<string, unknown>[]>();
  private nextRowId = 1;
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
    this.validate(entity, fields, []);
    if (entity === 'deal') checkStageOnAdd(this.statuses, this.categories, fields, this.variants);
    const id = this.nextId.get(entity) ?? 1;
    this.nextId.set(entity, id + 1);
    const rec: StoredRecord = { id, values: { ID: String(id) }, fm: [] };
    const user = String(this.o.userId);
    const now = this.nowText();
    const today = calendarDate(this.o.now(), this.o.timeZone);
    const v = rec.values;
    // Auto fields on add (§10 item 21).
    if (entity === 'product') {
      Object.assign(v, {
        ACTIVE: 'Y',
        CURRENCY_ID: 'USD',
        VAT_INCLUDED: 'N',
        SORT: '500',
        CATALOG_ID: '1',
        DESCRIPTION_TYPE: 'text',
        CREATED_BY: user,
        MODIFIED_BY: user,
        DATE_CREATE: now,
        TIMESTAMP_X: now,
      });
    } else {
      Object.assign(v, { OPENED: 'Y', ASSIGNED_BY_ID: user, CREATED_BY_ID: user, MODIFY_BY_ID: user, DATE_CREATE: now, DATE_MODIFY: now });
      for (const [field, dir] of Object.entries(DEFAULT_STATUS[entity] ?? {})) v[field] = this.firstStatus(dir);
    }
    if (entity === 'contact') Object.assign(v, { EXPORT: 'Y', HAS_PHONE: 'N', HAS_EMAIL: 'N', HAS_IMOL: 'N' });
    if (entity === 'company') Object.assign(v, { HAS_PHONE: 'N', HAS_EMAIL: 'N', HAS_IMOL: 'N', IS_MY_COMPANY: 'N', CURRENCY_ID: 'USD', REVENUE: '0.00' });
    if (entity === 'deal') {
      Object.assign(v, {
        CURRENCY_ID: 'USD',
        OPPORTUNITY: '0.00',
        TAX_VALUE: '0.00',
        IS_MANUAL_OPPORTUNITY: 'N',
        CATEGORY_ID: '0',
        IS_RECURRING: 'N',
        IS_RETURN_CUSTOMER: 'N',
        IS_REPEATED_APPROACH: 'N',
        CLOSED: 'N',
        BEGINDATE: formatDateOnly(today, this.o.timeZone),
        CLOSEDATE: formatDateOnly(addDays(today, 7), this.o.timeZone),
        MOVED_BY_ID: user,
        MOVED_TIME: now,
      });
      const cat = asPositiveInt(fields['CATEGORY_ID']);
      if (cat !== undefined && this.categories.some((c) => c.id === cat)) v['CATEGORY_ID'] = String(cat);
    }
    this.table(entity).set(id, rec);
    this.apply(entity, rec, fields, 'add', actor);
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
    this.validate(entity, fields, rec.fm);
    this.apply(entity, rec, fields, 'update', actor);
    let moved: Record<string, string> | undefined;
    if (entity === 'deal') {
      const oldCategory = rec.values['CATEGORY_ID'];
      const cat =
        fields['CATEGORY_ID'] === undefined ? undefined : (asPositiveInt(fields['CATEGORY_ID']) ?? (String(fields['CATEGORY_ID']) === '0' ? 0 : undefined));
      // CATEGORY_ID is immutable through crm.deal.update (§5.4); a UI user can move a deal between funnels.
      if (actor === 'ui' && cat !== undefined && String(cat) !== oldCategory && this.categories.some((c) => c.id === cat)) {
        rec.values['CATEGORY_ID'] = String(cat);
        this.settleStage(rec, fields['STAGE_ID'], true);
        moved = { ID: String(id), CATEGORY_ID: String(cat), STAGE_ID: String(rec.values['STAGE_ID']) };
      } else if (fields['STAGE_ID'] !== undefined) {
        this.settleStage(rec, fields['STAGE_ID'], false);
      }
    }
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
    if (entity === 'contact') this.setLinks(this.links.filter((l) => l.contactId !== id));
    if (entity === 'company') {
      const touched = new Set(this.links.filter((l) => l.companyId === id).map((l) => l.contactId));
      this.setLinks(this.links.filter((l) => l.companyId !== id));
      for (const c of touched) this.fixPrimary(c);
    }
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

  /** Invalid values are rejected, not ignored (§8 "invalid values"): bad e-mail, bad currency. */
  private validate(entity: EntityName, fields: Record<string, unknown>, existing: readonly MultiValue[]): void {
    if (entity === 'contact' || entity === 'company') {
      for (const item of asList(fields['EMAIL']) ?? []) {
        if (!isRecord(item)) continue;
        const value = item['VALUE'];
        if (typeof value !== 'string' || value === '') continue;
        const existingItem = existing.find((m) => String(m.id) === String(item['ID']));
        const vt = String(item['VALUE_TYPE'] ?? existingItem?.valueType ?? 'WORK');
        if (!EMAIL_RE.test(value.trim())) {
          throw new ApiError(400, 'ERROR_CORE', `The field "${EMAIL_LABEL[vt] ?? 'Other'} e-mail" contains an invalid address`);
        }
      }
    }
    if (fields['CURRENCY_ID'] !== undefined && fields['CURRENCY_ID'] !== '' && !this.currencies.some((c) => c.currency === String(fields['CURRENCY_ID']))) {
      throw legacyError('Invalid value for the "Currency" field');
    }
  }

  private apply(entity: EntityName, rec: StoredRecord, fields: Record<string, unknown>, mode: 'add' | 'update', actor: Actor): void {
    const v = rec.values;
    for (const def of FIELD_DEFS[entity]) {
      if (!(def.name in fields) || def.name === 'ID') continue;
      // Unknown keys are ignored (§8); read-only ones too (assumed); CATEGORY_ID handled by the deal logic.
      if (def.isReadOnly && !(actor === 'ui' && mode === 'add')) continue;
      if (def.isImmutable || def.name === 'STAGE_ID') continue;
      if (def.type === 'crm_multifield') continue;
      if (entity === 'contact' && (def.name === 'COMPANY_ID' || def.name === 'COMPANY_IDS')) continue;
      if (entity === 'company' && def.name === 'CONTACT_ID') continue;
      const value = this.normalize(def, fields[def.name]);
      if (value !== undefined) v[def.name] = value;
    }
    if (entity === 'deal' && 'CONTACT_IDS' in fields) {
      const ids = (asList(fields['CONTACT_IDS']) ?? []).map(asPositiveInt).filter((n): n is number => n !== undefined);
      v['CONTACT_IDS'] = ids.map(String);
      v['CONTACT_ID'] = ids[0] === undefined ? null : String(ids[0]);
    }
    for (const uf of this.userFields.filter((u) => u.entity === entity)) {
      const raw = uf.fieldName in fields ? fields[uf.fieldName] : mode === 'add' ? defaultUserFieldValue(uf) : undefined;
      if (raw === undefined) continue;
      const value = normalizeUserFieldValue(uf, raw, this.o.timeZone, this.variants.legacyBooleanUf);
      // An enumeration value that is no option ID is dropped like an unknown key (§8; unconfirmed).
      if (uf.userTypeId === 'enumeration' && !uf.multiple && value === null && raw !== null && raw !== '') continue;
      v[uf.fieldName] = value;
    }
    if (entity === 'product') {
      for (const prop of this.productProperties) {
        const key = `PROPERTY_${prop.id}`;
        if (key in fields) v[key] = productPropertyWrite(fields[key]);
      }
    }
    if (entity === 'contact' || entity === 'company') {
      for (const type of MULTIFIELD_TYPES) {
        const items = asList(fields[type]);
        if (items) this.patchMulti(rec, type, items);
      }
      v['HAS_PHONE'] = rec.fm.some((m) => m.typeId === 'PHONE') ? 'Y' : 'N';
      v['HAS_EMAIL'] = rec.fm.some((m) => m.typeId === 'EMAIL') ? 'Y' : 'N';
      v['HAS_IMOL'] = rec.fm.some((m) => m.typeId === 'IM' && ['IMOL', 'OPENLINE'].includes(m.valueType)) ? 'Y' : 'N';
    }
    if (entity === 'contact') this.applyContactCompanies(rec.id, fields);
    if (entity === 'company' && 'CONTACT_ID' in fields) {
      const ids = (asList(fields['CONTACT_ID']) ?? [fields['CONTACT_ID']]).map(asPositiveInt).filter((n): n is number => n !== undefined);
      const kept = this.links.filter((l) => l.companyId !== rec.id);
      const added = ids
        .filter((c) => this.table('contact').has(c))
        .map((contactId) => ({
          contactId,
          companyId: rec.id,
          sort: 10 * (kept.filter((l) => l.contactId === contactId).length + 1),
          isPrimary: false,
        }));
      this.setLinks([...kept, ...added]);
      for (const c of ids) this.fixPrimary(c);
    }
  }

  /**
   * Multifield patch (§6.2, §10 item 22): no ID → append; ID+VALUE → replace; ID with VALUE "" or without
   * VALUE, or DELETE:"Y" → remove; values not mentioned stay.
   */
  private patchMulti(rec: StoredRecord, type: MultiFieldType, items: readonly unknown[]): void {
    for (const item of items) {
      if (!isRecord(item)) continue;
      const id = asPositiveInt(item['ID']);
      const value = item['VALUE'];
      if (id === undefined) {
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        if (String(value) === '') continue;
        rec.fm.push({ id: this.nextFmId++, typeId: type, valueType: String(item['VALUE_TYPE'] ?? defaultValueType(type)), value: String(value) });
        continue;
      }
      const idx = rec.fm.findIndex((m) => m.id === id && m.typeId === type);
      if (idx < 0) continue;
      const remove = String(item['DELETE'] ?? '').toUpperCase() === 'Y' || value === undefined || value === null || String(value) === '';
      if (remove) {
        rec.fm.splice(idx, 1);
        continue;
      }
      const cur = rec.fm[idx];
      if (cur) {
        cur.value = String(value);
        if (item['VALUE_TYPE'] !== undefined) cur.valueType = String(item['VALUE_TYPE']);
      }
    }
  }

  private applyContactCompanies(contactId: number, fields: Record<string, unknown>): void {
    const hasIds = 'COMPANY_IDS' in fields;
    const hasPrimary = 'COMPANY_ID' in fields;
    if (!hasIds && !hasPrimary) return;
    const primary = hasPrimary ? asPositiveInt(fields['COMPANY_ID']) : undefined;
    let mine = this.links.filter((l) => l.contactId === contactId);
    if (hasIds) {
      const ids = (asList(fields['COMPANY_IDS']) ?? []).map(asPositiveInt).filter((n): n is number => n !== undefined);
      mine = ids.map((companyId, i) => ({ contactId, companyId, sort: (i + 1) * 10, isPrimary: false }));
    }
    if (hasPrimary) {
      if (primary === undefined) mine = mine.filter((l) => !l.isPrimary);
      else if (!mine.some((l) => l.companyId === primary)) mine.unshift({ contactId, companyId: primary, sort: 10, isPrimary: false });
      for (const l of mine) l.isPrimary = l.companyId === primary;
    }
    mine = mine.filter((l) => this.table('company').has(l.companyId));
    this.setLinks([...this.links.filter((l) => l.contactId !== contactId), ...mine]);
    this.fixPrimary(contactId);
  }

  /** If no IS_PRIMARY=Y remains, the first (by SORT) company becomes primary (§5.2). */
  private fixPrimary(contactId: number): void {
    const mine = this.links.filter((l) => l.contactId === contactId).sort((a, b) => a.sort - b.sort);
    if (mine.length > 0 && !mine.some((l) => l.isPrimary)) {
      const first = mine[0];
      if (first) first.isPrimary = true;
    }
  }

  private setLinks(next: CompanyLink[]): void {
    this.links = next;
  }

  /** `crm.contact.company.items.set`: replaces the set (§5.2). */
  setContactCompanies(contactId: number, items: unknown): void {
    if (!this.table('contact').has(contactId)) throw legacyError('Not found');
    const list = asList(items);
    if (!list) throw legacyError("The parameter 'items' must be array.");
    const mine: CompanyLink[] = [];
    list.forEach((it, i) => {
      if (!isRecord(it)) return;
      const companyId = asPositiveInt(it['COMPANY_ID']);
      if (companyId === undefined || !this.table('company').has(companyId)) return;
      const sort = asPositiveInt(it['SORT']) ?? (i + 1) * 10;
      mine.push({ contactId, companyId, sort, isPrimary: String(it['IS_PRIMARY'] ?? 'N').toUpperCase() === 'Y' });
    });
    let seenPrimary = false;
    for (const l of mine) {
      if (l.isPrimary && seenPrimary) l.isPrimary = false;
      if (l.isPrimary) seenPrimary = true;
    }
    this.setLinks([...this.links.filter((l) => l.contactId !== contactId), ...mine]);
    this.fixPrimary(contactId);
    const rec = this.table('contact').get(contactId);
    if (rec) this.touch('contact', rec);
    this.o.onChange({ entity: 'contact', kind: 'UPDATE', id: contactId });
  }

  /** `crm.contact.company.items.get`: integer-typed rows (§5.2, §8 "mixed"). */
  contactCompanies(contactId: number): Record<string, unknown>[] {
    if (!this.table('contact').has(contactId)) throw legacyError('Not found');
    return this.links
      .filter((l) => l.contactId === contactId)
      .sort((a, b) => a.sort - b.sort)
      .map((l) => ({ COMPANY_ID: l.companyId, SORT: l.sort, ROLE_ID: 0, IS_PRIMARY: l.isPrimary ? 'Y' : 'N' }));
  }

  private normalize(def: FieldDef, raw: unknown): unknown {
    if (raw === null || raw === undefined) return null;
    if (Array.isArray(raw) || isRecord(raw)) {
      if (!def.isMultiple) return undefined;
      return (asList(raw) ?? []).map(String);
    }
    const s = String(raw).trim();
    switch (def.type) {
      case 'char':
        return ['Y', '1', 'TRUE'].includes(s.toUpperCase()) ? 'Y' : 'N';
      case 'double':
        if (s === '') return null;
        return Number.isFinite(Number(s)) ? money(Number(s)) : undefined;
      case 'date': {
        if (s === '') return null;
        const ms = parseDateInput(s, this.o.timeZone);
        return ms === undefined ? undefined : formatDateOnly(calendarDate(ms, this.o.timeZone), this.o.timeZone);
      }
      case 'datetime': {
        if (s === '') return null;
        const ms = parseDateInput(s, this.o.timeZone);
        return ms === undefined ? undefined : formatDateTime(ms, this.o.timeZone);
      }
      case 'file':
        return undefined;
      default:
        if (def.type === 'string' || def.type === 'crm_status' || def.type === 'crm_currency') return s === '' ? null : String(raw);
        if (s === '' || s === '0') return null;
        return /^-?\d+$/.test(s) ? String(Number(s)) : undefined;
    }
  }

  private firstStatus(entityId: string): string | null {
    const rows = this.statuses.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort);
    return rows[0]?.statusId ?? null;
  }

  /** Stage must belong to the deal's funnel; otherwise the first stage is used (unconfirmed). */
  private settleStage(rec: StoredRecord, wanted: unknown, fallbackToFirst: boolean): void {
    const cat = Number(rec.values['CATEGORY_ID'] ?? 0);
    const entityId = cat === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${cat}`;
    const stages = this.statuses.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort);
    const found = stages.find((s) => s.statusId === String(wanted ?? ''));
    const target = found ?? (fallbackToFirst ? stages[0] : undefined);
    if (!target) return;
    const changed = rec.values['STAGE_ID'] !== target.statusId;
    rec.values['STAGE_ID'] = target.statusId;
    // STAGE_SEMANTIC_ID P/S/F (§5.4); CLOSED tracking final stages is unconfirmed but natural.
    rec.values['STAGE_SEMANTIC_ID'] = target.semantics ?? 'P';
    rec.values['CLOSED'] = target.semantics === null ? 'N' : 'Y';
    rec.values['IS_NEW'] = stages[0]?.statusId === target.statusId ? 'Y' : 'N';
    if (changed) {
      rec.values['MOVED_TIME'] = this.nowText();
      rec.values['MOVED_BY_ID'] = String(this.o.userId);
    }
  }

  /** Adds a deal funnel with the default stage set, prefixed `C{n}:` (§5.5). Returns the category id. */
  addCategory(name: string): number {
    const id = Math.max(...this.categories.map((c) => c.id)) + 1;
    this.categories.push({ id, name, sort: 100 + id * 100, isDefault: false });
    const firstId = Math.max(...this.statuses.map((s) => s.id)) + 1;
    this.statuses.push(...dealStages(id, firstId));
    return id;
  }

  // ---------- reads ----------

  has(entity: EntityName, id: number): boolean {
    return this.table(entity).has(id);
  }

  /** The record as `crm.X.get` returns it; multifields only when non-empty (§10 item 23). */
  render(entity: EntityName, id: number, withMulti = true): Record<string, unknown> | undefined {
    const rec = this.table(entity).get(id);
    if (!rec) return undefined;
    const out: Record<string, unknown> = {};
    const hidden = HIDDEN_IN_OUTPUT[entity];
    for (const def of FIELD_DEFS[entity]) {
      if (hidden.has(def.name)) continue;
      if (def.type === 'crm_multifield') {
        const values = rec.fm.filter((m) => m.typeId === def.name);
        if (withMulti && values.length > 0) {
          out[def.name] = values.map((m) => ({ ID: String(m.id), VALUE_TYPE: m.valueType, VALUE: m.value, TYPE_ID: m.typeId }));
        }
        continue;
      }
      out[def.name] = rec.values[def.name] ?? null;
    }
    if (entity === 'contact') {
      const primary = this.links.find((l) => l.contactId === id && l.isPrimary);
      out['COMPANY_ID'] = primary ? String(primary.companyId) : null;
    }
    for (const uf of this.userFields.filter((u) => u.entity === entity)) {
      out[uf.fieldName] = rec.values[uf.fieldName] ?? (uf.multiple ? [] : null);
    }
    if (entity === 'product') for (const p of this.productProperties) out[`PROPERTY_${p.id}`] = productPropertyRead(id, p, rec.values[`PROPERTY_${p.id}`]);
    return out;
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
    const built: Record<string, unknown>[] = [];
    for (const raw of list) {
      if (!isRecord(raw)) continue;
      const productId = asPositiveInt(raw['PRODUCT_ID']) ?? 0;
      const productName = productId > 0 ? this.table('product').get(productId)?.values['NAME'] : undefined;
      built.push(buildProductRow(raw, { dealId, rowId: this.nextRowId++, ...(typeof productName === 'string' ? { productName } : {}) }));
    }
    this.rows.set(dealId, built);
    if (deal.values['IS_MANUAL_OPPORTUNITY'] !== 'Y') {
      // Formula unconfirmed (§5.6): the natural reading, sum of PRICE × QUANTITY (variant: plus excluded tax).
      const totals = dealTotals(built, this.variants.opportunityAddsExcludedTax);
      deal.values['OPPORTUNITY'] = totals.opportunity;
      deal.values['TAX_VALUE'] = totals.taxValue;
    }
    this.touch('deal', deal);
    this.o.onChange({ entity: 'deal', kind: 'UPDATE', id: dealId });
  }

  /** `crm.deal.productrows.get`: mixed types (§5.6). */
  productRows(dealId: number): Record<string, unknown>[] {
    if (!this.table('deal').has(dealId)) throw legacyError('Not found');
    return (this.rows.get(dealId) ?? []).map((r) => ({ ...r }));
  }

  // ---------- duplicates ----------

  /** `crm.duplicate.findbycomm`: int IDs grouped by entity type; phones compared digits-only, no extension (§6.3). */
  findByComm(type: 'PHONE' | 'EMAIL', values: readonly string[], entityTypes: readonly ('CONTACT' | 'COMPANY')[]): Record<string, number[]> {
    const norm = (s: string): string => (type === 'PHONE' ? phoneKey(s) : s.trim().toLowerCase());
    const wanted = new Set(values.map(norm).filter((s) => s !== ''));
    const out: Record<string, number[]> = {};
    for (const et of entityTypes) {
      const entity = et === 'CONTACT' ? 'contact' : 'company';
      const ids = [...this.table(entity).values()]
        .filter((r) => r.fm.some((m) => m.typeId === type && wanted.has(norm(m.value))))
        .map((r) => r.id)
        .sort((a, b) => a - b);
      if (ids.length > 0) out[et] = ids;
    }
    return out;
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

function defaultValueType(type: MultiFieldType): string {
  return type === 'IM' ? 'OTHER' : 'WORK';
}

/** Phone comparison key: digits only, extension dropped (§6.3; further normalisation unconfirmed). */
export function phoneKey(s: string): string {
  const noExt = s.split(/(?:ext\.?|доб\.?|x|#|,)/i)[0] ?? s;
  return noExt.replace(/\D/g, '');
}

/** Renders a stored record in the shape `crm.X.get` returns: standard fields, non-empty multifields, primary company, user fields, product properties. */
import { FIELD_DEFS, HIDDEN_IN_OUTPUT, type EntityName } from './entity-fields.js';
import { productPropertyRead, type ProductPropertyDef } from './product-properties.js';
import type { StoredRecord } from './store-types.js';
import type { UserFieldDef } from './user-fields.js';

/** What rendering needs from the store besides the record itself. */
export interface RenderContext {
  /** The contact's primary company (contacts only). */
  primaryCompanyOf: (contactId: number) => number | undefined;
  userFields: readonly UserFieldDef[];
  productProperties: readonly ProductPropertyDef[];
}

/** The record as `crm.X.get` returns it; multifields only when non-empty (§10 item 23). */
export function renderRecord(entity: EntityName, rec: StoredRecord, withMulti: boolean, c: RenderContext): Record<string, unknown> {
  const id = rec.id;
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
    const primary = c.primaryCompanyOf(id);
    out['COMPANY_ID'] = primary !== undefined ? String(primary) : null;
  }
  for (const uf of c.userFields.filter((u) => u.entity === entity)) {
    out[uf.fieldName] = rec.values[uf.fieldName] ?? (uf.multiple ? [] : null);
  }
  if (entity === 'product') for (const p of c.productProperties) out[`PROPERTY_${p.id}`] = productPropertyRead(id, p, rec.values[`PROPERTY_${p.id}`]);
  return out;
}

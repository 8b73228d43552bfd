/** Applies a write's `fields` onto a stored record: standard fields, deal contacts, user fields, product properties, multifields and company links. */
import type { CompanyLinks } from './company-links.js';
import { FIELD_DEFS, type EntityName } from './entity-fields.js';
import { normalizeFieldValue } from './field-values.js';
import { applyMultiFields } from './multifields.js';
import { asList, asPositiveInt } from './params.js';
import { productPropertyWrite, type ProductPropertyDef } from './product-properties.js';
import type { Actor, StoredRecord } from './store-types.js';
import { defaultUserFieldValue, normalizeUserFieldValue, type UserFieldDef } from './user-fields.js';
import type { PortalVariants } from './variants.js';

/** What a write needs from the store besides the record itself. */
export interface WriteContext {
  timeZone: string;
  userFields: readonly UserFieldDef[];
  productProperties: readonly ProductPropertyDef[];
  legacyBooleanUf: PortalVariants['legacyBooleanUf'];
  links: CompanyLinks;
  /** Allocates the next multifield value ID. */
  nextFmId: () => number;
}

export function applyFields(
  entity: EntityName,
  rec: StoredRecord,
  fields: Record<string, unknown>,
  mode: 'add' | 'update',
  actor: Actor,
  c: WriteContext,
): void {
  const v = rec.values;
  for (const def of FIELD_DEFS[entity]) {
    if (!(def.name in fields) || def.name === 'ID') continue;
    // Unknown keys are ignored (§8); read-only ones too (assumed); CATEGORY_ID handled by the deal logic.
    if (def.isReadOnly && !(actor === 'ui' && mode === 'add')) continue;
    if (def.isImmutable || def.name === 'STAGE_ID') continue;
    if (def.type === 'crm_multifield') continue;
    if (entity === 'contact' && (def.name === 'COMPANY_ID' || def.name === 'COMPANY_IDS')) continue;
    if (entity === 'company' && def.name === 'CONTACT_ID') continue;
    const value = normalizeFieldValue(def, fields[def.name], c.timeZone);
    if (value !== undefined) v[def.name] = value;
  }
  if (entity === 'deal' && 'CONTACT_IDS' in fields) {
    const ids = (asList(fields['CONTACT_IDS']) ?? []).map(asPositiveInt).filter((n): n is number => n !== undefined);
    v['CONTACT_IDS'] = ids.map(String);
    v['CONTACT_ID'] = ids[0] === undefined ? null : String(ids[0]);
  }
  for (const uf of c.userFields.filter((u) => u.entity === entity)) {
    const raw = uf.fieldName in fields ? fields[uf.fieldName] : mode === 'add' ? defaultUserFieldValue(uf) : undefined;
    if (raw === undefined) continue;
    const value = normalizeUserFieldValue(uf, raw, c.timeZone, c.legacyBooleanUf);
    // An enumeration value that is no option ID is dropped like an unknown key (§8; unconfirmed).
    if (uf.userTypeId === 'enumeration' && !uf.multiple && value === null && raw !== null && raw !== '') continue;
    v[uf.fieldName] = value;
  }
  if (entity === 'product') {
    for (const prop of c.productProperties) {
      const key = `PROPERTY_${prop.id}`;
      if (key in fields) v[key] = productPropertyWrite(fields[key]);
    }
  }
  if (entity === 'contact' || entity === 'company') applyMultiFields(rec, fields, c.nextFmId);
  if (entity === 'contact') c.links.applyContactFields(rec.id, fields);
  if (entity === 'company' && 'CONTACT_ID' in fields) c.links.applyCompanyContacts(rec.id, fields['CONTACT_ID']);
}

/** Pure rewrites of list-record fields: Add/Mod element names to Ret names, and merging a Mod's changes (empty = clear). */
import type { FieldObject, FieldValue } from './company-data.type.js';
import { obj, str } from './field-access.js';

/** Writes a Mod's (normalised) fields into a record's fields, in place. */
export function mergeListChanges(target: FieldObject, fields: FieldObject): void {
  for (const [k, v] of Object.entries(fields)) {
    // A record cannot lose its name; what QuickBooks answers to an empty Name is unconfirmed, so it is kept.
    if (k === 'Name' && v === '') continue;
    const existing = obj(target[k]);
    const incoming = obj(v);
    // SalesOrPurchaseMod/SalesAndPurchaseMod change only the elements sent (normalised to the Ret names).
    const next = (k === 'SalesOrPurchase' || k === 'SalesAndPurchase') && existing && incoming ? { ...existing, ...incoming } : v;
    // An empty element clears the field (Intuit, "Modify, delete and void requests and responses": "send
    // null/empty qbXML elements for the properties to be cleared"); QuickBooks then omits it from the Ret.
    const kept = withoutEmpty(next);
    if (kept === undefined) delete target[k];
    else target[k] = kept;
  }
}

/**
 * A Mod value with its empty elements removed: '' (an empty element) is gone, an aggregate keeps only its
 * non-empty children and is gone when none is left (an address sent with every line empty). Pure.
 */
function withoutEmpty(v: FieldValue): FieldValue | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (Array.isArray(v)) {
    const items = v.map(withoutEmpty).filter((x): x is FieldValue => x !== undefined);
    return items.length === 0 ? undefined : items;
  }
  const out: FieldObject = {};
  for (const [k, x] of Object.entries(v)) {
    const kept = withoutEmpty(x);
    if (kept !== undefined) out[k] = kept;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Maps Add/Mod element names to the names the Ret uses (qbxml.md §4). */
export function normaliseListFields(input: FieldObject): FieldObject {
  const out: FieldObject = {};
  for (const [k, v] of Object.entries(input)) {
    switch (k) {
      case 'Contacts':
      case 'ContactsMod':
        out['ContactsRet'] = v;
        break;
      case 'AdditionalNotes':
      case 'AdditionalNotesMod':
        out['AdditionalNotesRet'] = v;
        break;
      case 'BarCode': {
        const b = str(obj(v)?.['BarCodeValue']);
        if (b !== undefined) out['BarCodeValue'] = b;
        break;
      }
      case 'SalesOrPurchaseMod':
        out['SalesOrPurchase'] = v;
        break;
      case 'SalesAndPurchaseMod':
        out['SalesAndPurchase'] = v;
        break;
      case 'OpenBalance':
      case 'OpenBalanceDate':
      case 'ForceUOMChange':
      case 'TotalValue':
      case 'InventoryDate':
        break;
      default:
        out[k] = v;
    }
  }
  return out;
}

import { ITEM_TYPES, type ItemRet, type ItemType } from '@qb-b24/qbxml';
import { itemSalesInfo } from '../qb-to-b24/item-to-product.js';
import { normalizeMoney } from '../util/decimal.util.js';
import { clean } from '../util/text.util.js';
import type { ItemDesired } from './customer-desired.type.js';

/**
 * Which aggregate carries a Service/NonInventory/OtherCharge item's sales fields: SalesOrPurchase (sold
 * or bought) or SalesAndPurchase (bought and sold: SalesDesc/SalesPrice). A Mod must use the matching
 * …Mod aggregate (qbxml.md §5.2); other item types have none.
 */
export type ItemSection = 'SalesOrPurchase' | 'SalesAndPurchase';

/**
 * What the connector remembers about a mapped item (IdMapping.baseJson). Rows written before this
 * version hold only `{ itemType }`: `read` is then false and the item is read again before its first Mod.
 */
export interface ItemBase {
  readonly itemType: ItemType | undefined;
  /** set from an ItemRet: the section it used (undefined for types without one) */
  readonly section?: ItemSection;
  /** true when the record was built from a full ItemRet (section known) */
  readonly read: boolean;
  /** the values last agreed between the systems, as QuickBooks holds them; undefined when unknown */
  readonly agreed?: ItemDesired;
}

/** The section a Ret uses; undefined for item types without the choice. Pure. */
export function itemSectionOf(i: ItemRet): ItemSection | undefined {
  if (i.itemType !== 'Service' && i.itemType !== 'NonInventory' && i.itemType !== 'OtherCharge') return undefined;
  return i.SalesAndPurchase !== undefined ? 'SalesAndPurchase' : 'SalesOrPurchase';
}

/** The item as QuickBooks holds it, in the ItemDesired model (name, sales description, sales price "12.50"). Pure. */
export function itemRetToDesired(i: ItemRet): ItemDesired {
  const info = itemSalesInfo(i);
  const description = (info.desc ?? '').trim();
  const price = normalizeMoney(info.price);
  return { name: clean(i.Name), ...(description !== '' ? { description } : {}), ...(price !== undefined ? { price } : {}) };
}

/**
 * The IdMapping.baseJson for an item just read from (or written to) QuickBooks. `agreed` false when
 * Bitrix24 does not hold these values yet (a re-read of an item QuickBooks changed since the last sync):
 * then `previous.agreed` is kept. Pure.
 */
export function itemBaseJson(i: ItemRet, agreed = true, previous?: ItemBase): string {
  const section = itemSectionOf(i);
  const values = agreed ? itemRetToDesired(i) : previous?.agreed;
  return JSON.stringify({
    itemType: i.itemType,
    ...(section !== undefined ? { section } : {}),
    read: true,
    ...(values !== undefined ? { agreed: values } : {}),
  });
}

/** IdMapping.baseJson of an item read defensively (old rows: `{ itemType }` only; null: nothing). Pure. */
export function parseItemBase(json: string | null | undefined): ItemBase {
  let raw: unknown;
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    raw = {};
  }
  const o: Record<string, unknown> = typeof raw === 'object' && raw !== null ? { ...raw } : {};
  const itemType = ITEM_TYPES.find((t) => t === o['itemType']);
  const section = o['section'] === 'SalesAndPurchase' || o['section'] === 'SalesOrPurchase' ? o['section'] : undefined;
  const a: unknown = o['agreed'];
  let agreed: ItemDesired | undefined;
  if (typeof a === 'object' && a !== null) {
    const v: Record<string, unknown> = { ...a };
    const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
    const description = text(v['description']);
    const price = text(v['price']);
    agreed = { name: text(v['name']) ?? '', ...(description !== undefined ? { description } : {}), ...(price !== undefined ? { price } : {}) };
  }
  return { itemType, ...(section !== undefined ? { section } : {}), read: o['read'] === true, ...(agreed !== undefined ? { agreed } : {}) };
}

import {
  CLEAR,
  toLatin1,
  type AddressModInput,
  type CustomerAdd,
  type CustomerMod,
  type ItemInventoryModRq,
  type ItemNonInventoryModRq,
  type ItemServiceAdd,
  type ItemServiceModRq,
  type ItemType,
  type ModText,
} from '@qb-b24/qbxml';
import { SyncError } from '../sync.error.js';
import type { CustomerDesired, ItemDesired } from './customer-desired.type.js';
import type { ClearableCustomerField, ClearableItemField } from './fields-to-clear.js';

function customerFields(d: CustomerDesired): Omit<CustomerAdd, 'Name'> {
  const f: Record<string, unknown> = {
    CompanyName: d.companyName,
    FirstName: d.firstName,
    LastName: d.lastName,
    BillAddress: d.billAddress !== undefined && Object.keys(d.billAddress).length > 0 ? { ...d.billAddress } : undefined,
    Phone: d.phone,
    AltPhone: d.altPhone,
    Fax: d.fax,
    Email: d.email,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Omit<CustomerAdd, 'Name'>;
}

/**
 * The CustomerAdd body for `buildCustomerAddRq` (the builder transliterates to Latin-1 and enforces
 * lengths, qbxml.md §3/§4). An Add clears nothing. Pure.
 */
export function customerAddInput(d: CustomerDesired): CustomerAdd {
  return { Name: d.name, ...customerFields(d) };
}

const TOP_LEVEL_CLEARS: Readonly<Partial<Record<ClearableCustomerField, 'Email' | 'Phone' | 'AltPhone' | 'Fax'>>> = {
  email: 'Email',
  phone: 'Phone',
  altPhone: 'AltPhone',
  fax: 'Fax',
};

/** The bill address of a Mod: the desired lines, with CLEAR for the cleared ones; undefined when neither. */
function billAddressMod(d: CustomerDesired, clear: readonly ClearableCustomerField[]): AddressModInput | undefined {
  const lines: Record<string, ModText> = { ...(d.billAddress ?? {}) };
  for (const field of clear) {
    if (!field.startsWith('billAddress.')) continue;
    const line = field.slice('billAddress.'.length);
    lines[line] = CLEAR;
    // Addr2 stands for QuickBooks' Addr2..Addr5 joined (customerRetToDesired), so deleting it in Bitrix24
    // deletes them all; otherwise the next read would bring Addr3..Addr5 back as ADDRESS_2.
    if (line === 'Addr2') Object.assign(lines, { Addr3: CLEAR, Addr4: CLEAR, Addr5: CLEAR });
  }
  return Object.keys(lines).length > 0 ? lines : undefined;
}

/**
 * The CustomerMod body. Fields absent from `d` are not sent, and QuickBooks keeps their old value; the
 * fields in `clear` (see customerFieldsToClear) are sent empty, which clears them (Intuit, "Modify, delete
 * and void requests and responses"). The bill address, when sent, is sent whole: every desired line plus
 * the cleared ones, because whether QuickBooks keeps lines a partial address leaves out is undocumented.
 * `options.sendName` false leaves Name out (QuickBooks keeps it; see decideCustomerName). Pure.
 */
export function customerModInput(
  listId: string,
  editSequence: string,
  d: CustomerDesired,
  clear: readonly ClearableCustomerField[] = [],
  options: { readonly sendName?: boolean } = {},
): CustomerMod {
  const values: Record<string, unknown> = { ...customerFields(d) };
  for (const field of clear) {
    const element = TOP_LEVEL_CLEARS[field];
    if (element !== undefined) values[element] = CLEAR;
  }
  const bill = billAddressMod(d, clear);
  if (bill !== undefined) values['BillAddress'] = bill;
  const name = options.sendName === false ? {} : { Name: d.name };
  return { ListID: listId, EditSequence: editSequence, ...name, ...(values as Omit<CustomerMod, 'ListID' | 'EditSequence' | 'Name'>) };
}

/** The ItemServiceAdd body for a new Bitrix24 product: SalesOrPurchase with Desc, Price and the income account. Pure. */
export function itemServiceAddInput(d: ItemDesired, incomeAccountFullName: string): ItemServiceAdd {
  return {
    Name: d.name,
    SalesOrPurchase: {
      ...(d.description !== undefined ? { Desc: d.description } : {}),
      ...(d.price !== undefined ? { Price: d.price } : {}),
      AccountRef: { FullName: incomeAccountFullName },
    },
  };
}

/** Item types the qbxml library can modify (it has Mod builders only for these). */
export const MODIFIABLE_ITEM_TYPES = ['Service', 'NonInventory', 'Inventory'] as const;
export type ModifiableItemType = (typeof MODIFIABLE_ITEM_TYPES)[number];

/** Whether `itemModInput` can build a Mod for this item type. Pure. */
export function isModifiableItemType(t: ItemType): t is ModifiableItemType {
  return (MODIFIABLE_ITEM_TYPES as readonly string[]).includes(t);
}

/** The Item…Mod request for a Bitrix24 product change. */
export type ItemModRq = ItemServiceModRq | ItemNonInventoryModRq | ItemInventoryModRq;

export interface ItemModOptions {
  /** the outbox id; '' by default, which the qbxml builders refuse, so spread the real one in */
  readonly requestID?: string;
  /** the item currently uses SalesAndPurchase (bought and sold): change SalesDesc/SalesPrice instead of Desc/Price */
  readonly salesAndPurchase?: boolean;
  /** fields to send empty, which clears them in QuickBooks (see itemFieldsToClear) */
  readonly clear?: readonly ClearableItemField[];
}

/**
 * The matching Item…Mod request for a product change: Name, and the sales description and price (the
 * description sent empty when `options.clear` lists it). Pure; throws SyncError INVALID_INPUT for item types the qbxml library has no Mod builder for
 * (OtherCharge, InventoryAssembly, Group, Discount, …; check first with isModifiableItemType).
 */
export function itemModInput(itemType: ItemType, listId: string, editSequence: string, d: ItemDesired, options: ItemModOptions = {}): ItemModRq {
  const requestID = options.requestID ?? '';
  const core = { ListID: listId, EditSequence: editSequence, Name: d.name };
  const description: ModText | undefined = options.clear?.includes('description') === true ? CLEAR : d.description;
  const desc: { Desc?: ModText } = description !== undefined ? { Desc: description } : {};
  const price = d.price !== undefined ? { Price: d.price } : {};
  const salesDesc: { SalesDesc?: ModText } = description !== undefined ? { SalesDesc: description } : {};
  const salesPrice = d.price !== undefined ? { SalesPrice: d.price } : {};
  const choice = options.salesAndPurchase === true ? { SalesAndPurchaseMod: { ...salesDesc, ...salesPrice } } : { SalesOrPurchaseMod: { ...desc, ...price } };
  switch (itemType) {
    case 'Service':
      return { kind: 'ItemServiceMod', requestID, ItemServiceMod: { ...core, ...choice } };
    case 'NonInventory':
      return { kind: 'ItemNonInventoryMod', requestID, ItemNonInventoryMod: { ...core, ...choice } };
    case 'Inventory':
      return { kind: 'ItemInventoryMod', requestID, ItemInventoryMod: { ...core, ...salesDesc, ...salesPrice } };
    default:
      throw new SyncError('INVALID_INPUT', `QuickBooks ${itemType} items cannot be modified by the connector`, { itemType, listId });
  }
}

/**
 * A QuickBooks name with a disambiguating suffix after status 3100 (name in use): "Acme (B24 17)".
 * The base is mapped to Latin-1 first (as the builder will) and cut so the result fits `maxLength`. Pure.
 */
export function withCollisionSuffix(name: string, suffix: string, maxLength: number): string {
  const tail = ` (${toLatin1(suffix).value})`;
  const base = toLatin1(name).value.trim();
  if (tail.length >= maxLength) return tail.trim().slice(0, maxLength);
  return `${base.slice(0, maxLength - tail.length).trimEnd()}${tail}`;
}

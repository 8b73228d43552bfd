import { toCents } from '../money/money.util.js';
import { QbxmlError } from '../qbxml.error.js';
import type { AddressRet, DataExtRet, RefRet } from '../types/rets.type.js';

/** An element as fast-xml-parser returns it: child name → text, element or array of them. */
export type XmlNode = { readonly [name: string]: unknown };

export const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of a child element; undefined when absent or empty (QuickBooks omits empty optional elements anyway). */
export function text(n: XmlNode, name: string): string | undefined {
  const v = n[name];
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (v === undefined) return undefined;
  if (isNode(v)) {
    const t = v['#text'];
    return typeof t === 'string' && t !== '' ? t : undefined;
  }
  if (Array.isArray(v)) return isNode(v[0]) || typeof v[0] === 'string' ? text({ [name]: v[0] }, name) : undefined;
  return undefined;
}

export function requiredText(n: XmlNode, name: string, path: string): string {
  const t = text(n, name);
  if (t === undefined) throw new QbxmlError('MISSING_ELEMENT', `${path}/${name} is missing`, `${path}/${name}`);
  return t;
}

export function bool(n: XmlNode, name: string, path: string): boolean | undefined {
  const t = text(n, name);
  if (t === undefined) return undefined;
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new QbxmlError('INVALID_VALUE', `${path}/${name} "${t}" is not a boolean`, `${path}/${name}`);
}

export function int(n: XmlNode, name: string, path: string): number | undefined {
  const t = text(n, name);
  if (t === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(t)) throw new QbxmlError('INVALID_VALUE', `${path}/${name} "${t}" is not an integer`, `${path}/${name}`);
  return Number(t);
}

/** QUANTYPE as a number (quantities are not money; up to 5 decimals fit a double exactly enough to compare). */
export function quantity(n: XmlNode, name: string, path: string): number | undefined {
  const t = text(n, name);
  if (t === undefined) return undefined;
  const v = Number(t);
  if (!Number.isFinite(v)) throw new QbxmlError('INVALID_VALUE', `${path}/${name} "${t}" is not a number`, `${path}/${name}`);
  return v;
}

/** AMTTYPE as integer cents. */
export function cents(n: XmlNode, name: string, path: string): number | undefined {
  const t = text(n, name);
  if (t === undefined) return undefined;
  try {
    return toCents(t);
  } catch (cause) {
    throw new QbxmlError('INVALID_VALUE', `${path}/${name} "${t}" is not an amount`, `${path}/${name}`, { cause });
  }
}

export function child(n: XmlNode, name: string): XmlNode | undefined {
  const v = n[name];
  if (isNode(v)) return v;
  if (Array.isArray(v) && isNode(v[0])) return v[0];
  return undefined;
}

/** Repeatable children as an array (one element is still an array). */
export function children(n: XmlNode, name: string): XmlNode[] {
  const v = n[name];
  if (v === undefined) return [];
  const list: unknown[] = Array.isArray(v) ? v : [v];
  // An empty repeated element (<DataExtRet/>) parses as "", which carries nothing.
  return list.filter(isNode);
}

export function ref(n: XmlNode, name: string): RefRet | undefined {
  const r = child(n, name);
  if (r === undefined) return undefined;
  const ListID = text(r, 'ListID');
  const FullName = text(r, 'FullName');
  return { ...(ListID !== undefined && { ListID }), ...(FullName !== undefined && { FullName }) };
}

const ADDRESS_FIELDS = ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5', 'City', 'State', 'PostalCode', 'Country', 'Note'] as const;

export function address(n: XmlNode, name: string): AddressRet | undefined {
  const a = child(n, name);
  if (a === undefined) return undefined;
  const out: { -readonly [K in keyof AddressRet]: string } = {};
  for (const f of ADDRESS_FIELDS) {
    const t = text(a, f);
    if (t !== undefined) out[f] = t;
  }
  return out;
}

export function dataExt(n: XmlNode, path: string): DataExtRet[] {
  return children(n, 'DataExtRet').map((d) => {
    const OwnerID = text(d, 'OwnerID');
    return {
      ...(OwnerID !== undefined && { OwnerID }),
      DataExtName: requiredText(d, 'DataExtName', `${path}/DataExtRet`),
      DataExtType: requiredText(d, 'DataExtType', `${path}/DataExtRet`),
      DataExtValue: text(d, 'DataExtValue') ?? '',
    };
  });
}

/** Pure readers of qbXML request elements: child elements and texts, FieldObject conversion, list/transaction kind names. */
import type { XmlElement } from '../xml/xml-element.type.js';
import type { FieldObject, FieldValue, ListKind, TxnKind } from './company-data.type.js';
import { LIST_KINDS, TXN_KINDS } from './company-data.type.js';

/** Turns a request element into a FieldObject (repeated children become arrays). Pure. */
export function toFields(el: XmlElement): FieldObject {
  const out: FieldObject = {};
  for (const c of el.children) {
    const v: FieldValue = c.children.length ? toFields(c) : c.text;
    const prev = out[c.name];
    if (prev === undefined) out[c.name] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[c.name] = [prev, v];
  }
  return out;
}

export const texts = (el: XmlElement, name: string): string[] => el.children.filter((c) => c.name === name).map((c) => c.text);
export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
export const text = (el: XmlElement | undefined, name: string): string | undefined => child(el, name)?.text;

export function listKindOf(name: string): ListKind | undefined {
  return LIST_KINDS.find((k) => k === name);
}
export function txnKindOf(name: string): TxnKind | undefined {
  return TXN_KINDS.find((k) => k === name);
}

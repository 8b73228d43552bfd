import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlElement } from './xml-element.type.js';

export interface ParsedDocument {
  readonly root: XmlElement;
  /** Processing instructions before the root, e.g. `{ qbxml: { version: '13.0' } }`. */
  readonly pis: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  commentPropName: '#comment',
});

function convert(raw: unknown): XmlElement[] {
  if (!Array.isArray(raw)) return [];
  const out: XmlElement[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@' || key === '#text' || key === '#comment' || key.startsWith('?')) continue;
      const attrRaw = (item as Record<string, unknown>)[':@'];
      const attrs: Record<string, string> = {};
      if (typeof attrRaw === 'object' && attrRaw !== null) for (const [k, v] of Object.entries(attrRaw)) attrs[k] = latin1(String(v));
      let text = '';
      if (Array.isArray(value)) {
        for (const c of value as unknown[]) {
          if (typeof c === 'object' && c !== null && '#text' in c) text += String((c as Record<string, unknown>)['#text']);
        }
      }
      out.push({ name: key, attrs, children: convert(value), text: latin1(text) });
    }
  }
  return out;
}

/**
 * QuickBooks stores text as ISO-8859-1: a character reference above 255 (`&#1046;`) is accepted but stored
 * as `?` (qbxml.md §3, qbwc/qbxml issue #8). Raw characters above U+00FF are rejected before parsing.
 */
function latin1(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(s) ? s.replace(/[^\u0000-\u00ff]/gu, '?') : s;
}

export type ParseOutcome = { readonly ok: true; readonly doc: ParsedDocument } | { readonly ok: false; readonly reason: string };

/** Parses a qbXML document; fails (never throws) on non-well-formed XML, a DOCTYPE, or raw non-Latin-1 text. Pure. */
export function parseQbxmlDocument(xml: string): ParseOutcome {
  if (/<!DOCTYPE/i.test(xml)) return { ok: false, reason: 'DOCTYPE is not allowed' };
  // Raw characters above U+00FF fail the whole message (qbxml.md §3, §10 item 32).
  if (/[^\u0000-\u00ff]/u.test(xml.replace(/^\uFEFF/, ''))) return { ok: false, reason: 'raw character outside ISO-8859-1' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, reason: `not well-formed: ${valid.err.msg}` };
  let raw: unknown;
  try {
    raw = parser.parse(xml);
  } catch (e) {
    return { ok: false, reason: `not well-formed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const pis: Record<string, Record<string, string>> = {};
  if (Array.isArray(raw)) {
    for (const item of raw as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      for (const key of Object.keys(item)) {
        if (!key.startsWith('?')) continue;
        const a = (item as Record<string, unknown>)[':@'];
        const attrs: Record<string, string> = {};
        if (typeof a === 'object' && a !== null) for (const [k, v] of Object.entries(a)) attrs[k] = String(v);
        pis[key.slice(1)] = attrs;
      }
    }
  }
  const roots = convert(raw);
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) return { ok: false, reason: 'expected exactly one root element' };
  return { ok: true, doc: { root, pis } };
}

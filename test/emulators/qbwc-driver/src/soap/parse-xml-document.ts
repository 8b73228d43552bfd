import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlElement } from './xml-element.type.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ATTR_PREFIX = '@_';

// Entities stay undecoded in the parser (processEntities: false) because fast-xml-parser 5 leaves
// numeric references such as `&#xD;` alone by default; decodeXmlText handles all of them in one place.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and numeric character references. Pure; throws on an unknown entity. */
export function decodeXmlText(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, amp);
    const semi = raw.indexOf(';', amp);
    if (semi < 0) throw new Error(`Unterminated entity reference at offset ${amp}`);
    const name = raw.slice(amp + 1, semi);
    out += decodeEntity(name);
    i = semi + 1;
  }
  return out;
}

function decodeEntity(name: string): string {
  const named = NAMED_ENTITIES[name];
  if (named !== undefined) return named;
  if (name.startsWith('#x') || name.startsWith('#X')) return codePoint(name.slice(2), 16, name);
  if (name.startsWith('#')) return codePoint(name.slice(1), 10, name);
  throw new Error(`Unknown entity &${name};`);
}

function codePoint(digits: string, radix: 10 | 16, name: string): string {
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) throw new Error(`Bad character reference &${name};`);
  const cp = Number.parseInt(digits, radix);
  if (cp > 0x10ffff) throw new Error(`Bad character reference &${name};`);
  return String.fromCodePoint(cp);
}

function cdataText(node: Record<string, unknown>): string {
  const value = node['#text'];
  return typeof value === 'string' ? value : '';
}

type Scope = ReadonlyMap<string, string>;

/**
 * Parses a well-formed XML document into a namespace-resolved element tree. Pure.
 * Throws on malformed XML, a DOCTYPE (never sent by QBWC or a sane server), or an unbound prefix.
 */
export function parseXmlDocument(xml: string): XmlElement {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('DOCTYPE is not allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const nodes: unknown = parser.parse(xml);
  const roots = asNodeList(nodes)
    .map((n) => toElement(n, new Map([['xml', XML_NS]])))
    .filter(isElement);
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw new Error('XML document must have exactly one root element');
  return root;
}

function isElement(e: XmlElement | string): e is XmlElement {
  return typeof e !== 'string';
}

function asNodeList(value: unknown): readonly Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error('Unexpected parser output');
  return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

/** Converts one preserveOrder node; returns decoded text for a text node. */
function toElement(node: Record<string, unknown>, parentScope: Scope): XmlElement | string {
  const qname = Object.keys(node).find((k) => k !== ':@');
  if (qname === undefined) throw new Error('Unexpected parser output');
  const content = node[qname];
  if (qname === '#text') return decodeXmlText(typeof content === 'string' ? content : String(content));
  // CDATA content is literal: no entity decoding.
  if (qname === '#cdata') return asNodeList(content).map(cdataText).join('');
  const rawAttrs = node[':@'];
  const attributes: Record<string, string> = {};
  const scope = new Map(parentScope);
  if (typeof rawAttrs === 'object' && rawAttrs !== null) {
    for (const [key, value] of Object.entries(rawAttrs)) {
      const name = key.startsWith(ATTR_PREFIX) ? key.slice(ATTR_PREFIX.length) : key;
      const decoded = decodeXmlText(String(value));
      if (name === 'xmlns') scope.set('', decoded);
      else if (name.startsWith('xmlns:')) scope.set(name.slice('xmlns:'.length), decoded);
      else attributes[name] = decoded;
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const localName = colon < 0 ? qname : qname.slice(colon + 1);
  const namespaceUri = scope.get(prefix);
  if (namespaceUri === undefined) {
    if (prefix !== '') throw new Error(`Unbound namespace prefix "${prefix}" on <${qname}>`);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of asNodeList(content)) {
    const converted = toElement(child, scope);
    if (typeof converted === 'string') text += converted;
    else children.push(converted);
  }
  return { namespaceUri: namespaceUri ?? '', localName, attributes, children, text };
}

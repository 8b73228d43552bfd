import { QBWC_NS, QBWC_OPERATIONS, SOAP11_NS, isQbwcOperation } from './qbwc-operations.constant.js';
import { SOAP_MARKUP_LIMITS, type QbwcCall } from './qbwc-call.js';

/**
 * The fast reader of a Web Connector call, for the shape QBWC actually sends (../shared/reference/real/soap): an XML
 * 1.0 declaration, elements with namespace declarations, text with the five XML entities and character references.
 * It answers only when it has read the whole document, checked it well-formed and found a valid call. For anything
 * else (comments, CDATA, processing instructions, a DTD, HTML entities, a fault in the document or in the call) it
 * answers `undefined` and parseSoapRequest's full parser reads the body and words the error. So it can only be
 * faster, never more lenient: read-plain-soap.spec.ts compares both readers on every captured and generated call.
 *
 * Why (issue 14): a Web Connector call of a few hundred bytes cost the full path four passes (markup count,
 * validator, parser, namespace walk) and most of the garbage the service made per call, about a fifth of its CPU
 * per call when 50 Web Connector runs arrive at once.
 */
export function readPlainSoap(body: string): QbwcCall | undefined {
  const root = plainTree(body);
  return root === undefined ? undefined : callOf(root);
}

interface PlainElement {
  readonly name: string;
  /** Namespace declarations on this element: prefix ('' for the default) → URI. */
  readonly declares: ReadonlyMap<string, string> | undefined;
  text: string;
  readonly children: PlainElement[];
}

const NAME = /[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?/y;
const DECLARATION =
  /<\?xml\s+version\s*=\s*(?:"1\.0"|'1\.0')(?:\s+encoding\s*=\s*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:\s+standalone\s*=\s*(?:"(?:yes|no)"|'(?:yes|no)'))?\s*\?>/y;
/** Control characters XML 1.0 forbids, and `]]>`, which it forbids in text. */
const NOT_PLAIN_TEXT = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|\]\]>/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const STRAY_AMPERSAND = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const MAX_DEPTH = 32;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Text with its entity and character references decoded, or undefined when it is not plain. */
function plainText(raw: string): string | undefined {
  if (NOT_PLAIN_TEXT.test(raw)) return undefined;
  // Line ends are normalised before references are read (XML 1.0 §2.11), as the full parser does: a CR LF or a
  // lone CR in the text is a LF, a `&#13;` stays a CR.
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  if (STRAY_AMPERSAND.test(text)) return undefined;
  // Only the five named references (a page of escaped qbXML is full of them): native replaces, `&amp;` last so an
  // escaped reference (`&amp;lt;`) stays one. Twenty times faster than a callback per reference on a 300 KiB page.
  if (!text.includes('&#')) {
    return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
  }
  let bad = false;
  const decoded = text.replace(ENTITY, (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named !== undefined) return NAMED[named] ?? '';
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    // Only characters XML 1.0 allows.
    if (
      code < 0x20
        ? code !== 0x09 && code !== 0x0a && code !== 0x0d
        : code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff
    )
      bad = true;
    return bad ? '' : String.fromCodePoint(code);
  });
  return bad ? undefined : decoded;
}

function nameAt(body: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(body)?.[0];
}

/** The document's root element, or undefined when the document is not plain or not well-formed. */
function plainTree(body: string): PlainElement | undefined {
  let i = 0;
  DECLARATION.lastIndex = 0;
  if (body.startsWith('<?')) {
    if (DECLARATION.exec(body) === null) return undefined;
    i = DECLARATION.lastIndex;
  }
  const open: PlainElement[] = [];
  let root: PlainElement | undefined;
  let elements = 0;
  let attributes = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const end = lt < 0 ? body.length : lt;
    const parent = open[open.length - 1];
    if (parent === undefined) {
      // Outside the root only white space.
      for (let k = i; k < end; k += 1) if (!isSpace(body.charCodeAt(k))) return undefined;
    } else if (end > i) {
      const text = plainText(body.slice(i, end));
      if (text === undefined) return undefined;
      parent.text += text;
    }
    if (lt < 0) break;
    const next = body.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const name = nameAt(body, lt + 2);
      if (name === undefined || parent?.name !== name) return undefined;
      let k = lt + 2 + name.length;
      while (isSpace(body.charCodeAt(k))) k += 1;
      if (body.charCodeAt(k) !== 0x3e /* > */) return undefined;
      open.pop();
      i = k + 1;
      continue;
    }
    if (root !== undefined && open.length === 0) return undefined; // a second root
    const name = nameAt(body, lt + 1);
    if (name === undefined) return undefined; // <!, <?, or not a name
    let k = lt + 1 + name.length;
    let declares: Map<string, string> | undefined;
    const seen = new Set<string>();
    for (;;) {
      const before = k;
      while (isSpace(body.charCodeAt(k))) k += 1;
      const c = body.charCodeAt(k);
      if (c === 0x3e /* > */ || (c === 0x2f && body.charCodeAt(k + 1) === 0x3e)) break;
      if (k === before) return undefined; // attributes are separated by white space
      const attr = nameAt(body, k);
      if (attr === undefined || seen.has(attr)) return undefined;
      seen.add(attr);
      attributes += 1;
      k += attr.length;
      while (isSpace(body.charCodeAt(k))) k += 1;
      if (body.charCodeAt(k) !== 0x3d /* = */) return undefined;
      k += 1;
      while (isSpace(body.charCodeAt(k))) k += 1;
      const quote = body[k];
      if (quote !== '"' && quote !== "'") return undefined;
      const close = body.indexOf(quote, k + 1);
      if (close < 0) return undefined;
      const value = body.slice(k + 1, close);
      // Attribute values with references or white-space normalisation are the full parser's to read.
      if (/[<&\t\n\r]/.test(value)) return undefined;
      if (attr === 'xmlns' || attr.startsWith('xmlns:')) {
        declares ??= new Map();
        declares.set(attr === 'xmlns' ? '' : attr.slice(6), value);
      }
      k = close + 1;
    }
    elements += 1;
    if (elements > SOAP_MARKUP_LIMITS.elements || attributes > SOAP_MARKUP_LIMITS.attributes || open.length >= MAX_DEPTH) return undefined;
    const element: PlainElement = { name, declares, text: '', children: [] };
    if (parent) parent.children.push(element);
    else root = element;
    if (body.charCodeAt(k) === 0x2f) {
      i = k + 2;
    } else {
      open.push(element);
      i = k + 1;
    }
  }
  return open.length === 0 ? root : undefined;
}

type Scope = ReadonlyMap<string, string>;

function scopeOf(el: PlainElement, parent: Scope): Scope {
  if (el.declares === undefined) return parent;
  const scope = new Map(parent);
  for (const [prefix, uri] of el.declares) scope.set(prefix, uri);
  return scope;
}

function isNamed(el: PlainElement, scope: Scope, ns: string, local: string): boolean {
  const i = el.name.indexOf(':');
  const prefix = i >= 0 ? el.name.slice(0, i) : '';
  return (scope.get(prefix) ?? '') === ns && (i >= 0 ? el.name.slice(i + 1) : el.name) === local;
}

function localName(el: PlainElement): string {
  const i = el.name.indexOf(':');
  return i >= 0 ? el.name.slice(i + 1) : el.name;
}

/** The call a well-formed plain document holds; undefined for anything the full parser must refuse or word. */
function callOf(root: PlainElement): QbwcCall | undefined {
  const rootScope = scopeOf(root, new Map());
  if (!isNamed(root, rootScope, SOAP11_NS, 'Envelope') || root.text.trim() !== '') return undefined;
  const bodyEl = root.children.find((c) => isNamed(c, scopeOf(c, rootScope), SOAP11_NS, 'Body'));
  if (bodyEl === undefined) return undefined;
  const bodyScope = scopeOf(bodyEl, rootScope);
  const opEl = bodyEl.children[0];
  if (opEl === undefined) return undefined;
  const opScope = scopeOf(opEl, bodyScope);
  const operation = localName(opEl);
  if (!isQbwcOperation(operation) || !isNamed(opEl, opScope, QBWC_NS, operation)) return undefined;
  const spec = QBWC_OPERATIONS[operation];
  const params: Record<string, string> = {};
  for (const p of spec.params) params[p.name] = '';
  for (const child of opEl.children) {
    const p = spec.params.find((x) => isNamed(child, scopeOf(child, opScope), QBWC_NS, x.name));
    if (p === undefined) continue;
    // A parameter with elements inside, or an int that is not one, is the full parser's to judge.
    if (child.children.length > 0) return undefined;
    if (p.type === 'int' && child.text.trim() !== '' && !/^\s*[+-]?\d+\s*$/.test(child.text)) return undefined;
    params[p.name] = child.text;
  }
  return { operation, params };
}

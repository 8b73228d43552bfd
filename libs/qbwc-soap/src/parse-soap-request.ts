import { COMMON_HTML, CURRENCY, EntityDecoder } from '@nodable/entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { QBWC_NS, QBWC_OPERATIONS, SOAP11_NS, isQbwcOperation } from './qbwc-operations.constant.js';
import { exceededMarkupLimit } from './count-xml-markup.js';
import { SOAP_MARKUP_LIMITS, type QbwcCall } from './qbwc-call.js';
import { readPlainSoap } from './read-plain-soap.js';
import { SoapRequestError } from './soap-request-error.js';

export { SOAP_MARKUP_LIMITS, type QbwcCall } from './qbwc-call.js';

type OrderedNode = Record<string, unknown>;

const ATTR = ':@';

/**
 * The decoder fast-xml-parser would build for `htmlEntities: true` (XML, common HTML and currency names, numeric
 * references; its limits for `processEntities: true`), built once: given none, the parser builds it on every parse,
 * copying the entity tables twice, which cost more than the parse of a small Web Connector call (issue 14 bench).
 * The parser resets it (counters, document entities) at the start of every parse; parse() is synchronous.
 */
const entityDecoder = new EntityDecoder({
  namedEntities: { ...COMMON_HTML, ...CURRENCY },
  numericAllowed: true,
  limit: { maxTotalExpansions: Number.POSITIVE_INFINITY, maxExpandedLength: 100_000, applyLimitsTo: 'all' },
});

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  entityDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * The parser refuses some well-formed but hostile documents itself (e.g. "Maximum nested tags exceeded"
 * for thousands of nested elements); that is the sender's fault, so it becomes a Client fault, not a
 * Server one.
 */
function parseOrRefuse(body: string): unknown {
  // The shared decoder keeps the XML version a previous document declared (reset() leaves it): start from 1.0.
  entityDecoder.setXmlVersion(1.0);
  try {
    return parser.parse(body) as unknown;
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    throw new SoapRequestError('HOSTILE_XML', `Malformed XML: ${err.message}`);
  }
}

/**
 * Reads a QBWC SOAP 1.1 request into its operation and parameters, resolving namespaces by URI (QBWC and
 * other senders use different prefixes, qbwc.md §2). Pure. Throws SoapRequestError for anything that is
 * not a well-formed QBWC call, including any DTD: XXE and entity expansion are refused before parsing.
 */
export function parseSoapRequest(body: string): QbwcCall {
  return readPlainSoap(body) ?? parseSoapRequestFully(body);
}

/** The full reader (fast-xml-parser), used for every body readPlainSoap does not answer; exported for its tests. */
export function parseSoapRequestFully(body: string): QbwcCall {
  // A DTD is the only way to declare entities; QBWC never sends one (qbwc.md §11), so refusing it
  // outright makes external-entity reads and "billion laughs" expansion impossible.
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(body)) {
    throw new SoapRequestError('HOSTILE_XML', 'Document type declarations are not accepted');
  }
  if (body.trim() === '') throw new SoapRequestError('NOT_XML', 'Empty request body');
  const exceeded = exceededMarkupLimit(body, SOAP_MARKUP_LIMITS);
  if (exceeded !== undefined) {
    throw new SoapRequestError('TOO_COMPLEX', `A QBWC request has at most ${SOAP_MARKUP_LIMITS[exceeded]} ${exceeded}; this one has more and was not read.`);
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new SoapRequestError('NOT_XML', `Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);

  const doc = parseOrRefuse(body);
  const roots = elementsOf(doc);
  const root = roots[0];
  if (!root) throw new SoapRequestError('NOT_XML', 'No root element');
  if (roots.length > 1) throw new SoapRequestError('NOT_XML', 'More than one root element');
  const rootScope = scopeFor(root, new Map());
  if (resolve(root, rootScope).ns !== SOAP11_NS || resolve(root, rootScope).local !== 'Envelope') {
    throw new SoapRequestError('NOT_SOAP_ENVELOPE', 'Root element is not a SOAP 1.1 Envelope');
  }
  const bodyEl = childElements(root).find((c) => {
    const name = resolve(c, scopeFor(c, rootScope));
    return name.ns === SOAP11_NS && name.local === 'Body';
  });
  if (!bodyEl) throw new SoapRequestError('NO_BODY', 'SOAP Envelope has no Body');
  const bodyScope = scopeFor(bodyEl, rootScope);
  const opEl = childElements(bodyEl)[0];
  if (!opEl) throw new SoapRequestError('NO_BODY', 'SOAP Body is empty');
  const opScope = scopeFor(opEl, bodyScope);
  const opName = resolve(opEl, opScope);
  if (!isQbwcOperation(opName.local)) throw new SoapRequestError('UNKNOWN_OPERATION', `Unknown operation ${opName.local}`);
  if (opName.ns !== QBWC_NS) {
    throw new SoapRequestError('WRONG_NAMESPACE', `Operation ${opName.local} must be in namespace ${QBWC_NS}`);
  }
  const operation = opName.local;
  const spec = QBWC_OPERATIONS[operation];
  const params: Record<string, string> = {};
  for (const p of spec.params) params[p.name] = '';
  for (const child of childElements(opEl)) {
    const name = resolve(child, scopeFor(child, opScope));
    if (name.ns !== QBWC_NS) continue;
    const p = spec.params.find((x) => x.name === name.local);
    if (!p) continue;
    const value = textOf(child);
    if (p.type === 'int' && value.trim() !== '' && !/^\s*[+-]?\d+\s*$/.test(value)) {
      throw new SoapRequestError('BAD_PARAMETER', `Parameter ${p.name} must be an integer`);
    }
    params[p.name] = value;
  }
  return { operation, params };
}

function elementsOf(nodes: unknown): OrderedNode[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.filter((n): n is OrderedNode => typeof n === 'object' && n !== null && tagOf(n as OrderedNode) !== undefined);
}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ATTR && k !== '#text' && !k.startsWith('?') && k !== '#comment');
}

function childElements(node: OrderedNode): OrderedNode[] {
  const tag = tagOf(node);
  return tag ? elementsOf(node[tag]) : [];
}

function textOf(node: OrderedNode): string {
  const tag = tagOf(node);
  const children = tag ? node[tag] : undefined;
  if (!Array.isArray(children)) return '';
  let out = '';
  for (const c of children) {
    if (typeof c === 'object' && c !== null && '#text' in c) out += String((c as Record<string, unknown>)['#text']);
  }
  return out;
}

function scopeFor(node: OrderedNode, parent: ReadonlyMap<string, string>): Map<string, string> {
  const scope = new Map(parent);
  const attrs = node[ATTR];
  if (typeof attrs === 'object' && attrs !== null) {
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'xmlns') scope.set('', String(v));
      else if (k.startsWith('xmlns:')) scope.set(k.slice(6), String(v));
    }
  }
  return scope;
}

function resolve(node: OrderedNode, scope: ReadonlyMap<string, string>): { ns: string; local: string } {
  const tag = tagOf(node) ?? '';
  const i = tag.indexOf(':');
  const prefix = i >= 0 ? tag.slice(0, i) : '';
  return { ns: scope.get(prefix) ?? '', local: i >= 0 ? tag.slice(i + 1) : tag };
}

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { QbxmlError } from '../qbxml.error.js';
import { exceededMarkupLimit, type MarkupLimits } from './count-xml-markup.js';
import { err, ok, type Result } from '../result.type.js';
import { classifyQbxmlStatus } from '../status/classify-status.js';
import type { QbxmlResponse, QbxmlResponseBase, QbxmlResponseMessage } from '../types/responses.type.js';
import { parseRetsOf, retTypeOf } from './ret-parsers.js';
import { children, isNode, type XmlNode } from './xml-node.util.js';

const REPEATABLE = new Set([
  'DataExtRet',
  'InvoiceLineRet',
  'InvoiceLineGroupRet',
  'EstimateLineRet',
  'EstimateLineGroupRet',
  'SalesReceiptLineRet',
  'SalesReceiptLineGroupRet',
  'CreditMemoLineRet',
  'CreditMemoLineGroupRet',
  'SalesOrderLineRet',
  'SalesOrderLineGroupRet',
  'LinkedTxn',
  'AppliedToTxnRet',
  'ItemGroupLine',
  'ItemInventoryAssemblyLine',
  'ItemSalesTaxRef',
  'ShipToAddress',
  'AdditionalContactRef',
  'ContactsRet',
  'AdditionalNotesRet',
  'PrefillAccountRef',
  'ListDeletedRet',
  'TxnDeletedRet',
]);

/** Transaction Rets whose lines the ret parsers take in document order (one `lines` entry each). */
const TXN_RETS_WITH_LINES = new Set(['InvoiceRet', 'EstimateRet', 'SalesOrderRet', 'SalesReceiptRet', 'CreditMemoRet']);

/** Document order that fast-xml-parser's grouping by name loses; filled by `updateTag` during one parse. */
interface OrderRecorder {
  /** …Rs element names in document order */
  readonly rs: string[];
  /** per …Rs: its child element names in order (ItemQueryRs mixes 12 Ret types) */
  readonly rets: string[][];
  /** per transaction Ret with lines (document order): line element names in order */
  readonly lines: string[][];
}

let recorder: OrderRecorder = { rs: [], rets: [], lines: [] };

/**
 * The element path fast-xml-parser hands its callbacks with `jPath: false`: the current element and its ancestors.
 * With the default (`jPath: true`) it joined the path into a string for every element and text value, about a tenth of
 * a page's parse (CPU profile of a 40-record CustomerQueryRs, 2026-12-07); the callbacks below need the names of the
 * first two levels only for the few elements at depth 3 to 5.
 */
interface ElementPath {
  getDepth(): number;
  toArray(): string[];
}

/** Depth of a …Rs element (QBXML.QBXMLMsgsRs.…Rs), of its Rets, and of a transaction's lines. */
const RS_DEPTH = 3;
const RET_DEPTH = 4;
const LINE_DEPTH = 5;

function underMsgsRs(path: ElementPath): boolean {
  const names = path.toArray();
  return names[0] === 'QBXML' && names[1] === 'QBXMLMsgsRs';
}

const isLine = (tagName: string): boolean => tagName.endsWith('LineRet') || tagName.endsWith('LineGroupRet');

// parse() is synchronous, so one module-level parser with a per-call recorder is safe.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // ListIDs, ZIP codes and amounts stay strings; we convert field by field (STYLE §2.4).
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Decodes numeric references (&#233;) that QuickBooks uses for Latin-1 characters (qbxml.md §3).
  htmlEntities: true,
  jPath: false,
  isArray: (tagName: string, jPath: unknown, _isLeaf: boolean, isAttribute: boolean) => {
    if (isAttribute) return false;
    if (REPEATABLE.has(tagName)) return true;
    // QBXMLMsgsRs children (…Rs) and their direct children (…Ret) repeat.
    const path = jPath as ElementPath;
    const depth = path.getDepth();
    return (depth === RS_DEPTH || depth === RET_DEPTH) && underMsgsRs(path);
  },
  updateTag: (tagName: string, jPath: unknown) => {
    const path = jPath as ElementPath;
    const depth = path.getDepth();
    if (depth < RS_DEPTH || depth > LINE_DEPTH || (depth === LINE_DEPTH && !isLine(tagName)) || !underMsgsRs(path)) return tagName;
    if (depth === RS_DEPTH) {
      recorder.rs.push(tagName);
      recorder.rets.push([]);
    } else if (depth === RET_DEPTH) {
      recorder.rets[recorder.rets.length - 1]?.push(tagName);
      if (TXN_RETS_WITH_LINES.has(tagName)) recorder.lines.push([]);
    } else recorder.lines[recorder.lines.length - 1]?.push(tagName);
    return tagName;
  },
});

export interface ParseOptions {
  /**
   * Check well-formedness first (default true). fast-xml-parser alone accepts a truncated document,
   * which would silently drop the records after the cut.
   */
  readonly validate?: boolean;
}

const attr = (n: XmlNode, name: string): string | undefined => {
  const v = n[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
};

function intAttr(n: XmlNode, name: string, path: string): number | undefined {
  const v = attr(n, name);
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw new QbxmlError('INVALID_VALUE', `${path}@${name} "${v}" is not an integer`, path);
  return Number(v);
}

/**
 * `children(node, name)` for repeated look-ups: computed once per name, because calling it per record
 * made a response with N siblings cost N² (a 10 MB response blocked the event loop for an hour).
 */
function childLists(n: XmlNode): (name: string) => XmlNode[] {
  const cache = new Map<string, XmlNode[]>();
  return (name) => {
    let list = cache.get(name);
    if (list === undefined) {
      list = children(n, name);
      cache.set(name, list);
    }
    return list;
  };
}

/** Each child Ret in document order, using the names recorded while parsing. */
function* orderedRets(rs: XmlNode, names: readonly string[]): Generator<[string, XmlNode, number]> {
  const seen = new Map<string, number>();
  const lists = childLists(rs);
  for (const name of names) {
    const i = seen.get(name) ?? 0;
    seen.set(name, i + 1);
    const node = lists(name)[i];
    if (node !== undefined) yield [name, node, i];
  }
}

function mapResponse(element: string, rs: XmlNode, retNames: readonly string[], lineOrders: string[][], index: number): QbxmlResponse {
  const kind = element.slice(0, -2);
  const path = `${element}[${index}]`;
  const statusCode = intAttr(rs, 'statusCode', path);
  if (statusCode === undefined) throw new QbxmlError('MISSING_ELEMENT', `${path} has no statusCode`, path);
  const statusMessage = attr(rs, 'statusMessage');
  const rule = classifyQbxmlStatus(statusCode, statusMessage);
  const base: QbxmlResponseBase = {
    kind,
    requestID: attr(rs, 'requestID'),
    statusCode,
    statusSeverity: attr(rs, 'statusSeverity') ?? '',
    statusMessage,
    retCount: intAttr(rs, 'retCount', path),
    iteratorID: attr(rs, 'iteratorID'),
    iteratorRemainingCount: intAttr(rs, 'iteratorRemainingCount', path),
    action: rule.action,
    operatorMessage: rule.operatorMessage,
  };
  const retType = retTypeOf(kind);
  const rets = [...orderedRets(rs, retNames)];
  if (retType === 'other') return { ...base, retType, rets: [], ignoredRetCount: rets.length };
  // parseRetsOf returns the Rets of exactly this retType (its mapped table); TypeScript cannot pair the
  // two members of the union from a generic, so the assembled response is asserted.
  return { ...base, retType, rets: parseRetsOf(retType, rets, path, lineOrders) } as QbxmlResponse;
}

/**
 * A page of SYNC_PAGE_SIZE (at most 1,000) records of a few hundred elements each stays far below these;
 * a document of millions of `<a/>` or attributes is refused before the parser spends seconds on it.
 */
export const QBXML_MARKUP_LIMITS: MarkupLimits = { elements: 1_000_000, attributes: 100_000 };

// A DOCTYPE could declare entities (billion laughs, external files); QuickBooks never sends one.
const DOCTYPE = /<!(DOCTYPE|ENTITY)/i;

/**
 * Parses a qbXML response message (the text QBWC hands to receiveResponseXML, already unwrapped
 * from SOAP) into typed responses in document order. Pure; returns QbxmlError as a Result for
 * DOCTYPE/ENTITY, malformed XML, a non-qbXML document or bad values; never throws.
 */
export function parseQbxmlResponse(xml: string, options: ParseOptions = {}): Result<QbxmlResponseMessage, QbxmlError> {
  if (DOCTYPE.test(xml)) return err(new QbxmlError('DOCTYPE_FORBIDDEN', 'qbXML response contains <!DOCTYPE or <!ENTITY; refused'));
  const exceeded = exceededMarkupLimit(xml, QBXML_MARKUP_LIMITS);
  if (exceeded !== undefined) {
    return err(new QbxmlError('TOO_COMPLEX', `qbXML response has more than ${QBXML_MARKUP_LIMITS[exceeded]} ${exceeded}; refused before parsing`));
  }
  if (options.validate !== false) {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      return err(new QbxmlError('MALFORMED_XML', `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`));
    }
  }
  recorder = { rs: [], rets: [], lines: [] };
  try {
    const doc: unknown = parser.parse(xml);
    const root = isNode(doc) ? doc.QBXML : undefined;
    const msgs = isNode(root) ? root.QBXMLMsgsRs : undefined;
    if (!isNode(msgs)) {
      // <QBXMLMsgsRs/> with nothing inside parses as "".
      if (isNode(root) && root.QBXMLMsgsRs === '') return ok({ responses: [] });
      return err(new QbxmlError('NOT_A_QBXML_RESPONSE', 'no QBXML/QBXMLMsgsRs element'));
    }
    const { rs, rets, lines } = recorder;
    const seen = new Map<string, number>();
    const responses: QbxmlResponse[] = [];
    const msgLists = childLists(msgs);
    rs.forEach((element, k) => {
      const i = seen.get(element) ?? 0;
      seen.set(element, i + 1);
      const node = msgLists(element)[i];
      if (node === undefined) return;
      responses.push(mapResponse(element, node, rets[k] ?? [], lines, responses.length));
    });
    const messageSetStatusCode = intAttr(msgs, 'messageSetStatusCode', 'QBXMLMsgsRs');
    const newMessageSetID = attr(msgs, 'newMessageSetID');
    return ok({
      responses,
      ...(newMessageSetID !== undefined && { newMessageSetID }),
      ...(messageSetStatusCode !== undefined && { messageSetStatusCode }),
    });
  } catch (e) {
    if (e instanceof QbxmlError) return err(e);
    return err(new QbxmlError('MALFORMED_XML', `cannot parse qbXML: ${e instanceof Error ? e.message : String(e)}`, '', { cause: e }));
  } finally {
    recorder = { rs: [], rets: [], lines: [] };
  }
}

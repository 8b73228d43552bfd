import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { QbProcessResult } from '../quickbooks-request-processor.js';
import type { QuickBooksCompany } from '../company/quickbooks-company.js';

/** Wraps request elements in a qbXML 13.0 message set (test data, written as QBWC would send it). */
export function msg(body: string, onError: 'stopOnError' | 'continueOnError' = 'stopOnError', version = '13.0'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${version}"?>\n<QBXML><QBXMLMsgsRq onError="${onError}">${body}</QBXMLMsgsRq></QBXML>`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  preserveOrder: false,
  isArray: (name) => name !== 'QBXMLMsgsRs' && (name.endsWith('Ret') || name.endsWith('Rs') || name === 'SupportedQBXMLVersion'),
});

export type Node = Record<string, unknown>;

/** Parses a response document into its `…Rs` elements in order: [{ name, attrs, node }]. */
export function responses(result: QbProcessResult): { name: string; attrs: Record<string, string>; node: Node }[] {
  expect(result.ok, result.ok ? '' : `${result.hresult} ${result.message}`).toBe(true);
  if (!result.ok) return [];
  const orderParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });
  const ordered = orderParser.parse(result.response) as Node[];
  const qbxml = ordered.find((n) => 'QBXML' in n)?.['QBXML'] as Node[];
  const msgs = qbxml.find((n) => 'QBXMLMsgsRs' in n)?.['QBXMLMsgsRs'] as Node[];
  const names = msgs.flatMap((n) => Object.keys(n).filter((k) => k !== ':@' && k !== '#text'));
  const doc = parser.parse(result.response) as { QBXML: { QBXMLMsgsRs: Record<string, Node[]> } };
  const seen: Record<string, number> = {};
  return names.map((name) => {
    const i = seen[name] ?? 0;
    seen[name] = i + 1;
    const node = doc.QBXML.QBXMLMsgsRs[name]?.[i] ?? {};
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(node)) if (k.startsWith('@')) attrs[k.slice(1)] = String(v);
    return { name, attrs, node };
  });
}

/** Runs a message set and returns its single (first) response. */
export async function one(
  company: QuickBooksCompany,
  body: string,
  onError: 'stopOnError' | 'continueOnError' = 'stopOnError',
): Promise<{ name: string; attrs: Record<string, string>; node: Node }> {
  const rs = responses(await company.processRequest(msg(body, onError)));
  const first = rs[0];
  if (!first) throw new Error('no response');
  return first;
}

export function rets(node: Node, name: string): Node[] {
  const v = node[name];
  return Array.isArray(v) ? (v as Node[]) : [];
}

export function field(node: Node | undefined, ...path: string[]): string | undefined {
  let cur: unknown = node;
  for (const p of path) cur = typeof cur === 'object' && cur !== null ? (cur as Node)[p] : undefined;
  return typeof cur === 'string' ? cur : undefined;
}

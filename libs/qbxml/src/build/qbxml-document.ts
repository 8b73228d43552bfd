import { create } from 'xmlbuilder2';
import { QbxmlError } from '../qbxml.error.js';
import type { IteratorInput, OnError } from '../types/request-common.type.js';
import { ElementWriter, type BuildReport, type Truncation } from './element-writer.js';

/** The built qbXML text plus what was changed in the caller's data on the way. */
export interface BuildResult {
  readonly xml: string;
  readonly truncations: readonly Truncation[];
  readonly transliterations: readonly string[];
}

export interface BuildOptions {
  /** `rollbackOnError` is not accepted by QuickBooks Desktop (qbxml.md §1.1). Default stopOnError. */
  readonly onError?: OnError;
}

/** One request element to write: its name (`CustomerAddRq`), attributes and body writer. */
export interface RequestPart {
  readonly element: string;
  readonly requestID: string;
  readonly iterator?: IteratorInput;
  readonly write: (w: ElementWriter, path: string) => void;
}

// Characters above 127 become numeric references: QuickBooks accepts `&#233;` while raw UTF-8 may
// fail (qbxml.md §3). Safe on serialized XML: names are ASCII, and toLatin1 already removed
// everything above U+00FF, so only Latin-1 text and attribute characters are affected.
const toCharRefs = (xml: string): string => xml.replace(/[\u0080-\uffff]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Builds the qbXML 13.0 message envelope around the given request parts. Pure; throws QbxmlError on invalid input. */
export function buildQbxmlDocument(parts: readonly RequestPart[], options: BuildOptions = {}): BuildResult {
  if (parts.length === 0) throw new QbxmlError('INVALID_INPUT', 'a qbXML message needs at least one request');
  const report: BuildReport = { truncations: [], transliterations: [] };
  const doc = create({ version: '1.0', encoding: 'utf-8' }).ins('qbxml', 'version="13.0"');
  const msgs = doc.ele('QBXML').ele('QBXMLMsgsRq', { onError: options.onError ?? 'stopOnError' });
  for (const part of parts) {
    // 1060 "Invalid request ID": at most 50 characters (qbxml.md §1.1); ASCII keeps correlation exact.
    if (!/^[\x20-\x7e]{1,50}$/.test(part.requestID)) {
      throw new QbxmlError('INVALID_INPUT', `requestID "${part.requestID}" must be 1-50 printable ASCII characters`, part.element);
    }
    const attrs: Record<string, string> = { requestID: part.requestID };
    if (part.iterator !== undefined) {
      attrs.iterator = part.iterator.iterator;
      if (part.iterator.iterator !== 'Start') attrs.iteratorID = part.iterator.iteratorID;
    }
    const el = msgs.ele(part.element, attrs);
    const path = `${part.element}[${part.requestID}]`;
    part.write(new ElementWriter(el, path, report), path);
  }
  return {
    xml: toCharRefs(doc.end({ prettyPrint: false })),
    truncations: report.truncations,
    transliterations: report.transliterations,
  };
}

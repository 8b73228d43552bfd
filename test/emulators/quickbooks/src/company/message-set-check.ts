/** Parsing and schema-checking an incoming QBXMLMsgsRq message set before any of its requests runs. */
import type { LengthViolation, SchemaValidator } from '../schema/validate-element.js';
import { parseQbxmlDocument } from '../xml/parse-qbxml-document.js';
import type { XmlElement } from '../xml/xml-element.type.js';

/** A message set that may run: its QBXMLMsgsRq, onError and each request's first too-long string (3070). */
export interface CheckedMessageSet {
  readonly msgs: XmlElement;
  readonly onError: string | undefined;
  readonly lengthIssues: readonly (LengthViolation | undefined)[];
}

/** The checked message set, or null when the whole message fails with the parse-error HRESULT (0x80040400). */
export function checkMessageSet(xml: string, validator: SchemaValidator, maxVersion: number): CheckedMessageSet | null {
  const parsed = parseQbxmlDocument(xml);
  if (!parsed.ok) return null;
  const version = Number(parsed.doc.pis['qbxml']?.['version'] ?? 'NaN');
  // The <?qbxml version?> PI is required and must be a supported version (qbxml.md §1.1, §10 item 1).
  if (!Number.isFinite(version) || version > maxVersion) return null;
  const root = parsed.doc.root;
  const msgs = root.children[0];
  if (root.name !== 'QBXML' || root.children.length !== 1 || msgs?.name !== 'QBXMLMsgsRq' || root.text.trim() !== '') return null;
  const model = validator.schema;
  if (validator.validateAttributes(msgs, model.msgsRqAttrs, []) !== null || msgs.text.trim() !== '') return null;
  const onError = msgs.attrs['onError'];
  // rollbackOnError is in the XSD but not valid for QuickBooks Desktop (qbxml.md §1.1).
  if (onError === 'rollbackOnError') return null;
  const lengthIssues: (LengthViolation | undefined)[] = [];
  for (const rq of msgs.children) {
    if (!model.knownRequests.includes(rq.name)) return null;
    const type = model.requests[rq.name];
    if (type === undefined) {
      lengthIssues.push(undefined);
      continue;
    }
    const v = validator.validate(rq, type);
    // Any structural violation fails the whole message with no per-request answer (qbxml.md §10 item 2).
    if (!v.ok) return null;
    lengthIssues.push(v.lengthViolations[0]);
  }
  return { msgs, onError, lengthIssues };
}

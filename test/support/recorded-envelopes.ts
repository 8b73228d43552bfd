import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { referencePath } from './reference.js';

const reader = new XMLParser({ removeNSPrefix: true });

/**
 * The request envelopes of shared/reference/data/qbwc/envelopes.xml, by operation, exactly as recorded
 * (the file holds many documents; each `<soap:Envelope>…</soap:Envelope>` is cut out verbatim).
 */
export function recordedRequestEnvelopes(): Map<string, string> {
  const text = readFileSync(referencePath('data', 'qbwc', 'envelopes.xml'), 'utf8');
  const out = new Map<string, string>();
  let from = 0;
  for (;;) {
    const start = text.indexOf('<soap:Envelope', from);
    if (start < 0) break;
    const end = text.indexOf('</soap:Envelope>', start) + '</soap:Envelope>'.length;
    const envelope = text.slice(start, end);
    from = end;
    const parsed = reader.parse(envelope) as { Envelope?: { Body?: Record<string, unknown> } };
    const op = Object.keys(parsed.Envelope?.Body ?? {})[0];
    if (op && !op.endsWith('Response') && !out.has(op)) out.set(op, envelope);
  }
  return out;
}

/** Puts live values where the recording has placeholders (its tickets, `myUserName`, `myPassword`). */
export function withValues(envelope: string, values: { ticket?: string; user?: string; password?: string }): string {
  let e = envelope;
  if (values.ticket !== undefined) {
    for (const placeholder of ['5d2c7e0a-6b1f-4f7e-9c8a-1f2e3d4c5b6a', '354f40b4-b661-4472-a13f-8abf13a743c3', '<ticket>...</ticket>']) {
      e = e.split(placeholder).join(placeholder.startsWith('<') ? `<ticket>${values.ticket}</ticket>` : values.ticket);
    }
  }
  if (values.user !== undefined) e = e.split('myUserName').join(values.user);
  if (values.password !== undefined) e = e.split('myPassword').join(values.password);
  return e;
}

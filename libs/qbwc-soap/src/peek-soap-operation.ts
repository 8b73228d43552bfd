/**
 * The local name of the first element child of the SOAP Body, read from the first bytes of a request, or
 * `undefined` when the prefix does not show one. Pure; never throws.
 *
 * This runs on a *truncated* body, before any XML parse, to choose the body limit (soap-body-limit.ts), so
 * fast-xml-parser is no use here: it needs the whole document and would reject the cut-off tail. A tiny
 * hand-written tokenizer walks only tag boundaries (`<?…?>`, comments, CDATA, start and end tags with quoted
 * attribute values) and never reads text content; it matches local names, so any namespace prefix works
 * (qbwc.md §2). It decides nothing about validity: parseSoapRequest still parses and checks the whole body,
 * namespaces included. A DTD stops the scan (the full parse refuses it anyway).
 */
export function peekSoapOperation(prefix: string): string | undefined {
  return peekSoapCall(prefix).operation;
}

/** What a prefix scan can tell about a request before it is read in full. */
export interface SoapPeek {
  /** The local name of the Body's first element child (see peekSoapOperation). */
  readonly operation?: string;
  /**
   * The text of the operation's `ticket` child when it opens and closes within the prefix (`''` for
   * `<ticket/>`); `undefined` when the prefix does not show it. Raw text, entities not decoded: a real
   * ticket is a GUID (qbwc.md §10), so an encoded one simply names no session.
   */
  readonly ticket?: string;
}

/** A ticket longer than this is not one of ours (ours are 36 characters); it stops the scan. */
const MAX_TICKET_CHARS = 256;

/**
 * peekSoapOperation, and then the `ticket` parameter: the multi-megabyte operations (sendRequestXML,
 * receiveResponseXML) carry the ticket as their first parameter, so a large body's session can be checked
 * before more than a few KiB are read. Pure; never throws; reads only tag boundaries and the ticket's text.
 */
export function peekSoapCall(prefix: string): SoapPeek {
  const open: string[] = [];
  let operation: string | undefined;
  let i = 0;
  for (;;) {
    const lt = prefix.indexOf('<', i);
    if (lt < 0) return { operation };
    const skip = skipMarkup(prefix, lt);
    if (skip === null) return { operation };
    if (skip !== undefined) {
      i = skip;
      continue;
    }
    const closing = prefix[lt + 1] === '/';
    const nameStart = lt + (closing ? 2 : 1);
    const name = tagName(prefix, nameStart);
    if (name === undefined) return { operation };
    const local = name.slice(name.lastIndexOf(':') + 1);
    // The operation's own attributes are not needed: a cut inside them still names the operation.
    if (!closing && operation === undefined && open.length === 2 && open[1] === 'Body') operation = local;
    const gt = endOfTag(prefix, nameStart + name.length);
    if (gt < 0) return { operation };
    if (closing) {
      open.pop();
      if (open.length === 0) return {};
      // Past the operation's end there is no ticket to find.
      if (operation !== undefined && open.length < 3) return { operation };
      i = gt + 1;
      continue;
    }
    if (open.length === 0 && local !== 'Envelope') return {};
    const selfClosing = prefix[gt - 1] === '/';
    if (selfClosing && open.length === 1 && local === 'Body') return {};
    const inOperation = operation !== undefined && open.length === 3 && open[1] === 'Body';
    if (inOperation && local === 'ticket') return { operation, ...ticketText(prefix, gt, selfClosing) };
    if (!selfClosing) open.push(local);
    else if (operation !== undefined && open.length === 2) return { operation };
    i = gt + 1;
  }
}

/** The text after a `<ticket>` start tag ending at `gt`, if its end tag follows within the prefix. */
function ticketText(s: string, gt: number, selfClosing: boolean): { ticket?: string } {
  if (selfClosing) return { ticket: '' };
  const end = s.indexOf('<', gt + 1);
  if (end < 0 || end - gt - 1 > MAX_TICKET_CHARS || s[end + 1] !== '/') return {};
  return { ticket: s.slice(gt + 1, end) };
}

/** Past a declaration, processing instruction, comment or CDATA section; `undefined` if `<` opens a tag; `null` to give up. */
function skipMarkup(s: string, lt: number): number | undefined | null {
  const until = (close: string, from: number): number | null => {
    const end = s.indexOf(close, from);
    return end < 0 ? null : end + close.length;
  };
  if (s.startsWith('<?', lt)) return until('?>', lt + 2);
  if (s.startsWith('<!--', lt)) return until('-->', lt + 4);
  if (s.startsWith('<![CDATA[', lt)) return until(']]>', lt + 9);
  if (s.startsWith('<!', lt)) return null;
  return undefined;
}

const NAME_END = /[\s/>]/;

/** The qualified name starting at `from`, if it ends inside the prefix. */
function tagName(s: string, from: number): string | undefined {
  let end = from;
  while (end < s.length && !NAME_END.test(s.charAt(end))) end += 1;
  return end === from || end >= s.length ? undefined : s.slice(from, end);
}

/** Index of the `>` closing a tag, skipping quoted attribute values (which may contain `>`); -1 if cut off. */
function endOfTag(s: string, from: number): number {
  let quote = '';
  for (let i = from; i < s.length; i += 1) {
    const c = s.charAt(i);
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

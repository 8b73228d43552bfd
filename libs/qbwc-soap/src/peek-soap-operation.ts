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
  const open: string[] = [];
  let i = 0;
  for (;;) {
    const lt = prefix.indexOf('<', i);
    if (lt < 0) return undefined;
    const skip = skipMarkup(prefix, lt);
    if (skip === null) return undefined;
    if (skip !== undefined) {
      i = skip;
      continue;
    }
    const closing = prefix[lt + 1] === '/';
    const nameStart = lt + (closing ? 2 : 1);
    const name = tagName(prefix, nameStart);
    if (name === undefined) return undefined;
    const local = name.slice(name.lastIndexOf(':') + 1);
    // The operation's own attributes are not needed: a cut inside them still names the operation.
    if (!closing && open.length === 2 && open[1] === 'Body') return local;
    const gt = endOfTag(prefix, nameStart + name.length);
    if (gt < 0) return undefined;
    if (closing) {
      open.pop();
      if (open.length === 0) return undefined;
      i = gt + 1;
      continue;
    }
    if (open.length === 0 && local !== 'Envelope') return undefined;
    const selfClosing = prefix[gt - 1] === '/';
    if (selfClosing && open.length === 1 && local === 'Body') return undefined;
    if (!selfClosing) open.push(local);
    i = gt + 1;
  }
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

export type ParsedMappingJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/**
 * Parses the text of a mapping file. Pure. A syntax error becomes one problem naming the line and column
 * (Node 20's JSON.parse only gives a character position, which an operator cannot find in an editor).
 */
export function parseMappingJson(text: string): ParsedMappingJson {
  // Windows Notepad saves UTF-8 with a byte order mark; JSON.parse refuses it.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return { ok: false, problem: `not valid JSON: ${describeSyntaxError(err.message, body)}` };
  }
}

function describeSyntaxError(message: string, body: string): string {
  const reason = message.replace(/\s*\(line \d+ column \d+\)\s*$/, '').replace(/\s+in JSON at position \d+.*$/, '');
  const position = /position (\d+)/.exec(message);
  const offset = position?.[1] !== undefined ? Number(position[1]) : /Unexpected end of JSON input/.test(message) ? body.length : undefined;
  if (offset === undefined) return reason;
  const before = body.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${reason} at line ${line}, column ${column}`;
}

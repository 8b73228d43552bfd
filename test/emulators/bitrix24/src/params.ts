/**
 * Request parameter parsing the way PHP (and so Bitrix24) sees it: PHP bracket keys in query strings,
 * form-urlencoded and multipart bodies, plus JSON bodies (bitrix24.md §1.2, §10 items 2-3).
 * A PHP array is modelled as a plain object with string keys; `asList` reads it back as a list.
 */
export type Params = Record<string, unknown>;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits `a[b][]` into ['a', 'b', ''] (PHP `parse_str` rules, simplified). */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/gy;
  re.lastIndex = open;
  let m: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: the exec loop is the idiom for a sticky regex that starts at lastIndex
  while ((m = re.exec(key)) !== null) parts.push(m[1] ?? '');
  return parts;
}

/** Sets one decoded `key=value` pair into `target` following PHP bracket semantics. Pure apart from `target`. */
export function setBracketParam(target: Params, key: string, value: unknown): void {
  const parts = splitKey(key);
  let node: Record<string, unknown> = target;
  parts.forEach((raw, i) => {
    const last = i === parts.length - 1;
    let part = raw;
    if (part === '') part = String(nextIndex(node));
    if (last) {
      node[part] = value;
      return;
    }
    const child = node[part];
    if (isRecord(child)) node = child;
    else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  });
}

function nextIndex(node: Record<string, unknown>): number {
  let max = -1;
  for (const k of Object.keys(node)) if (/^\d+$/.test(k)) max = Math.max(max, Number(k));
  return max + 1;
}

/** Parses `a=1&b[c]=2` (PHP `parse_str`). `+` means space, as in form encoding. */
export function parseQueryString(qs: string): Params {
  const out: Params = {};
  for (const pair of qs.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawVal = eq < 0 ? '' : pair.slice(eq + 1);
    const key = safeDecode(rawKey);
    if (key === '') continue;
    setBracketParam(out, key, safeDecode(rawVal));
  }
  return out;
}

function safeDecode(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    // PHP leaves malformed escapes as they are instead of failing the request.
    return plus;
  }
}

/** Minimal multipart/form-data reader: text parts become bracket params, file parts keep their raw text. */
export function parseMultipart(body: Buffer, contentType: string): Params {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  const out: Params = {};
  if (!m?.[1]) return out;
  const text = body.toString('latin1');
  const sections = text.split(`--${m[1]}`);
  for (const section of sections) {
    const headerEnd = section.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = section.slice(0, headerEnd);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    let value = section.slice(headerEnd + 4);
    if (value.endsWith('\r\n')) value = value.slice(0, -2);
    setBracketParam(out, name, Buffer.from(value, 'latin1').toString('utf8'));
  }
  return out;
}

/** Deep-merges `b` over `a` (query string first, body wins), like PHP `$_REQUEST`. */
export function mergeParams(a: Params, b: Params): Params {
  const out: Params = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isRecord(prev) && isRecord(v) ? mergeParams(prev, v) : v;
  }
  return out;
}

/** Case-insensitive top-level parameter lookup (`filter`/`FILTER`, `id`/`ID`) — bitrix24.md §1.2, §10 item 3. */
export function param(p: Params, name: string): unknown {
  if (name in p) return p[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(p)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Reads a PHP array (JSON array or numeric-keyed object) as a list; anything else → undefined. */
export function asList(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (isRecord(v)) return Object.values(v);
  return undefined;
}

/** PHP `(int)` for ids: a positive integer or undefined. */
export function asPositiveInt(v: unknown): number | undefined {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}

/** PHP truthiness for flags such as batch `halt` (0|1|true|false|"Y"). */
export function asFlag(v: unknown): boolean {
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return ['1', 'true', 'y', 'yes'].includes(v.toLowerCase());
  return false;
}

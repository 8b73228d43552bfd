/** A decoded PHP-style form: `a[b][c]=1` becomes `{ a: { b: { c: '1' } } }`; every leaf is a string. */
export type PhpFormValue = string | PhpFormObject;
export interface PhpFormObject {
  readonly [key: string]: PhpFormValue;
}

export type DecodePhpFormResult = { readonly ok: true; readonly value: PhpFormObject } | { readonly ok: false; readonly error: string };

const MAX_FIELDS = 1000;
const MAX_DEPTH = 8;
// `name` then zero or more `[segment]`; PHP also accepts `a[]` (append), which we number like PHP does.
const KEY_RE = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

type MutableTree = { [key: string]: string | MutableTree };

/**
 * Decodes an `application/x-www-form-urlencoded` body with PHP bracket keys, as Bitrix24 sends its
 * outbound events (shared/reference/bitrix24.md §7.3). Pure; never throws. Objects have no prototype,
 * so keys such as `__proto__` are plain data. Fails on malformed keys, a key used both as a value and
 * as a parent, too many fields or too deep nesting.
 */
export function decodePhpForm(body: string): DecodePhpFormResult {
  const root: MutableTree = Object.create(null) as MutableTree;
  if (body.trim() === '') return { ok: false, error: 'empty body' };
  // URLSearchParams applies the form rules: '+' is a space, %XX is UTF-8; a malformed escape stays literal.
  const pairs = [...new URLSearchParams(body)];
  if (pairs.length > MAX_FIELDS) return { ok: false, error: `more than ${MAX_FIELDS} fields` };
  for (const [rawKey, value] of pairs) {
    const m = KEY_RE.exec(rawKey);
    if (!m || m[1] === undefined) return { ok: false, error: `malformed field name "${truncate(rawKey)}"` };
    const segments = [m[1], ...[...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((s) => s[1] ?? '')];
    if (segments.length > MAX_DEPTH) return { ok: false, error: `field "${truncate(rawKey)}" is nested too deeply` };
    let node = root;
    for (let i = 0; i < segments.length; i += 1) {
      const seg = segments[i] === '' ? String(Object.keys(node).length) : (segments[i] ?? '');
      const last = i === segments.length - 1;
      const existing = node[seg];
      if (last) {
        if (typeof existing === 'object') return { ok: false, error: `field "${truncate(rawKey)}" is both a value and a group` };
        // A repeated scalar key keeps the last value, as PHP does.
        node[seg] = value;
      } else {
        if (typeof existing === 'string') return { ok: false, error: `field "${truncate(rawKey)}" is both a value and a group` };
        const child: MutableTree = existing ?? (Object.create(null) as MutableTree);
        node[seg] = child;
        node = child;
      }
    }
  }
  return { ok: true, value: root };
}

/** Reads a string leaf at a path (`['data','FIELDS','ID']`), or undefined when absent or a group. */
export function phpFormString(form: PhpFormObject, path: readonly string[]): string | undefined {
  let node: PhpFormValue | undefined = form;
  for (const seg of path) {
    if (typeof node !== 'object') return undefined;
    node = node[seg];
  }
  return typeof node === 'string' ? node : undefined;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

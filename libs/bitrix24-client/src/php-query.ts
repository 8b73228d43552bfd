/** A value the portal's PHP side can receive: nested maps and lists of scalars. */
export type Bitrix24ParamValue = string | number | boolean | null | undefined | readonly Bitrix24ParamValue[] | { readonly [key: string]: Bitrix24ParamValue };

export type Bitrix24Params = { readonly [key: string]: Bitrix24ParamValue };

/**
 * Pure: encodes params like PHP's `http_build_query` (bitrix24.md §1.2, §3): nested keys as
 * `fields[PHONE][0][VALUE]`, lists with numeric indices, `true`/`false` as `1`/`0`, brackets
 * percent-encoded, `null`/`undefined` dropped (form encoding has no null — bitrix24.md §9, b24phpsdk#319).
 * Empty lists/maps produce nothing, as in PHP.
 */
export function encodePhpQuery(params: Bitrix24Params): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) appendPair(parts, key, value);
  return parts.join('&');
}

function appendPair(parts: string[], key: string, value: Bitrix24ParamValue): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'boolean') {
    parts.push(`${encode(key)}=${value ? '1' : '0'}`);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot encode non-finite number for "${key}"`);
    parts.push(`${encode(key)}=${encode(String(value))}`);
    return;
  }
  if (typeof value === 'string') {
    parts.push(`${encode(key)}=${encode(value)}`);
    return;
  }
  if (isList(value)) {
    value.forEach((item, i) => appendPair(parts, `${key}[${i}]`, item));
    return;
  }
  for (const [k, v] of Object.entries(value)) appendPair(parts, `${key}[${k}]`, v);
}

function isList(v: Bitrix24ParamValue): v is readonly Bitrix24ParamValue[] {
  return Array.isArray(v);
}

// RFC 3986 (PHP_QUERY_RFC3986 / rawurlencode): also escape !'()* which encodeURIComponent keeps.
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

import type { Bitrix24ParamValue, Bitrix24Params } from '@qb-b24/bitrix24-client';

/** Copies a mapped record into the client's parameter type, dropping what Bitrix24 cannot take. Pure. */
export function toParams(value: object): Bitrix24Params {
  const out: Record<string, Bitrix24ParamValue> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = toParamValue(v);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

function toParamValue(v: unknown): Bitrix24ParamValue | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => toParamValue(x) ?? null);
  if (typeof v === 'object') return toParams(v);
  return undefined;
}

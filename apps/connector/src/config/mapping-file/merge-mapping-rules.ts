import type { MappingRules } from '@qb-b24/sync-core';
import { isPlainObject } from './mapping-problems.js';

/**
 * The rules with a validated partial file laid over them. Pure. Objects merge key by key; a list (customFields,
 * contactTypes…) replaces the base list whole, so a file can also empty one. `$schema` is dropped.
 */
export function mergeMappingRules(base: MappingRules, partial: Readonly<Record<string, unknown>>): MappingRules {
  const { $schema: _schema, ...rest } = partial;
  return merge(base, rest) as MappingRules;
}

function merge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

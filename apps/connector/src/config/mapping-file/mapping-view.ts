import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { isPlainObject } from './mapping-problems.js';
import type { LoadedMapping } from './loaded-mapping.type.js';

export const BUILT_IN_DEFAULTS = 'built-in defaults';

export interface MappingDifference {
  /** JSON path of the key, e.g. `deals.categoryId`; a list differs as a whole */
  readonly path: string;
  readonly value: unknown;
  readonly default: unknown;
}

export interface MappingView {
  readonly rules: MappingRules;
  /** the mapping file's absolute path, or "built-in defaults" */
  readonly source: string;
  readonly differences: readonly MappingDifference[];
}

/** What /admin/mapping and the dashboard show: the rules in force, their source, and each key that differs from the default. Pure. */
export function mappingView(loaded: LoadedMapping): MappingView {
  return { rules: loaded.rules, source: loaded.file ?? BUILT_IN_DEFAULTS, differences: mappingDifferences(loaded.rules, DEFAULT_MAPPING_RULES) };
}

/** Keys whose value differs from the default, depth first in the rules' own key order. Pure. */
export function mappingDifferences(rules: MappingRules, defaults: MappingRules): MappingDifference[] {
  const out: MappingDifference[] = [];
  walk(rules, defaults, '', out);
  return out;
}

function walk(value: unknown, base: unknown, at: string, out: MappingDifference[]): void {
  if (isPlainObject(value) && isPlainObject(base)) {
    for (const key of Object.keys(value)) walk(value[key], base[key], at === '' ? key : `${at}.${key}`, out);
    return;
  }
  if (JSON.stringify(value) !== JSON.stringify(base)) out.push({ path: at, value, default: base ?? null });
}

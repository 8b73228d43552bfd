import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';

export type CandidateRulesResult = { readonly ok: true; readonly rules: MappingRules } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * A candidate mapping file's content as MappingRules: the built-in defaults with the candidate's keys laid over
 * them, as a mapping file is read. Only a minimal check (every key is a MappingRules key, objects stay objects,
 * scalars keep their type); the mapping-file validator is the full one. Pure; never throws.
 */
export function candidateRules(input: unknown): CandidateRulesResult {
  const problems: string[] = [];
  const merged = overlay(DEFAULT_MAPPING_RULES, input, '', problems);
  // The overlay keeps the defaults' shape key by key, which is MappingRules by construction.
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules: merged as MappingRules };
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function overlay(base: unknown, over: unknown, path: string, problems: string[]): unknown {
  const where = path === '' ? 'the mapping' : path;
  if (kindOf(base) === 'object') {
    if (kindOf(over) !== 'object') {
      problems.push(`${where}: must be an object`);
      return base;
    }
    const b = base as Record<string, unknown>;
    const o = over as Record<string, unknown>;
    for (const key of Object.keys(o)) if (!(key in b)) problems.push(`${path === '' ? key : `${path}.${key}`}: not a mapping key`);
    return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, k in o ? overlay(v, o[k], path === '' ? k : `${path}.${k}`, problems) : v]));
  }
  // A nullable extension (deletes.inactiveField) also takes a string.
  const fits = kindOf(base) === kindOf(over) || (base === null && typeof over === 'string');
  if (!fits) problems.push(`${where}: must be ${kindOf(base) === 'null' ? 'a string or null' : `a ${kindOf(base)}`}`);
  return fits ? over : base;
}

/** The dotted keys whose values differ between two rule sets (leaves; arrays compared whole). Pure. */
export function changedRuleKeys(a: unknown, b: unknown, path = ''): string[] {
  if (kindOf(a) === 'object' && kindOf(b) === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
    return keys.flatMap((k) => changedRuleKeys(x[k], y[k], path === '' ? k : `${path}.${k}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

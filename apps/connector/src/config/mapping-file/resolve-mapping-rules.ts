import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { checkMappingRules } from './check-mapping-rules.js';
import { mergeMappingRules } from './merge-mapping-rules.js';
import { parseMappingJson } from './parse-mapping-json.js';
import { validateMappingFile } from './validate-mapping-file.js';

export type ResolvedMappingRules = { readonly ok: true; readonly rules: MappingRules } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The rules in force from the text of a mapping file (null: no file). Pure. Layers, last wins: the built-in
 * defaults, then ESTIMATE_STAGE_ID (the older setting, kept working), then the file. Returns every problem at once.
 */
export function resolveMappingRules(text: string | null, estimateStageEnv?: string): ResolvedMappingRules {
  let rules: MappingRules = DEFAULT_MAPPING_RULES;
  if (estimateStageEnv !== undefined) rules = mergeMappingRules(rules, { deals: { stages: { estimate: estimateStageEnv } } });
  if (text !== null) {
    const parsed = parseMappingJson(text);
    if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
    const problems = validateMappingFile(parsed.value);
    if (problems.length > 0) return { ok: false, problems };
    rules = mergeMappingRules(rules, parsed.value as Record<string, unknown>);
  }
  const crossProblems = checkMappingRules(rules);
  return crossProblems.length > 0 ? { ok: false, problems: crossProblems } : { ok: true, rules };
}

import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { checkMappingRules } from './check-mapping-rules.js';
import { mergeMappingRules } from './merge-mapping-rules.js';
import { isPlainObject } from './mapping-problems.js';
import { parseMappingJson } from './parse-mapping-json.js';
import { validateMappingFile } from './validate-mapping-file.js';

export type ResolvedMappingRules = { readonly ok: true; readonly rules: MappingRules } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * A file written before sales orders synced may move deals to another pipeline without naming a sales order stage;
 * the default PREPAYMENT_INVOICE belongs to pipeline 0, so such a file would stop the service at its upgrade. There
 * the sales order stage is the file's open-invoice stage instead. Pure.
 */
function salesOrderStageInPipeline(rules: MappingRules, file: unknown): MappingRules {
  const named = isPlainObject(file) && isPlainObject(file['deals']) && isPlainObject(file['deals']['stages']) && 'salesOrder' in file['deals']['stages'];
  if (named || rules.deals.categoryId === 0) return rules;
  return { ...rules, deals: { ...rules.deals, stages: { ...rules.deals.stages, salesOrder: rules.deals.stages.invoiceOpen } } };
}

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
    rules = salesOrderStageInPipeline(rules, parsed.value);
  }
  const crossProblems = checkMappingRules(rules);
  return crossProblems.length > 0 ? { ok: false, problems: crossProblems } : { ok: true, rules };
}

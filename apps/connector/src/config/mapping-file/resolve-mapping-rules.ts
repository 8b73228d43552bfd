import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { checkMappingRules } from './check-mapping-rules.js';
import { isPlainObject } from './mapping-problems.js';
import { mergeMappingRules } from './merge-mapping-rules.js';
import { parseMappingJson } from './parse-mapping-json.js';
import { validateMappingFile } from './validate-mapping-file.js';

export type ResolvedMappingRules = { readonly ok: true; readonly rules: MappingRules } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The rules in force from the text of a mapping file (null: no file). Pure. Layers, last wins: the built-in
 * defaults, then ESTIMATE_STAGE_ID (the older setting, kept working), then the file, then the stages that follow
 * other keys when the file leaves them out (followingStages). Returns every problem at once.
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
    rules = followingStages(rules, parsed.value);
  }
  const crossProblems = checkMappingRules(rules);
  return crossProblems.length > 0 ? { ok: false, problems: crossProblems } : { ok: true, rules };
}

/**
 * The two stages added after mapping files were in use follow the file when it leaves them out, so a file written
 * before them (a moved pipeline, a custom paid stage) keeps starting: a sales receipt is paid at once, so it takes
 * the invoicePaid stage; a credit memo takes APOLOGY of the file's pipeline (`C<n>:APOLOGY`). Pure.
 */
function followingStages(rules: MappingRules, file: unknown): MappingRules {
  const deals = isPlainObject(file) ? file['deals'] : undefined;
  const stages = isPlainObject(deals) ? deals['stages'] : undefined;
  const set = (key: string): boolean => isPlainObject(stages) && Object.hasOwn(stages, key);
  const pipeline = rules.deals.categoryId;
  return {
    ...rules,
    deals: {
      ...rules.deals,
      stages: {
        ...rules.deals.stages,
        ...(set('salesReceipt') ? {} : { salesReceipt: rules.deals.stages.invoicePaid }),
        ...(set('creditMemo') || pipeline === 0 ? {} : { creditMemo: `C${pipeline}:${DEFAULT_MAPPING_RULES.deals.stages.creditMemo}` }),
        // The default PREPAYMENT_INVOICE belongs to pipeline 0: in another pipeline an unnamed sales order stage is the
        // file's open-invoice stage, so a file written before sales orders synced keeps starting.
        ...(set('salesOrder') || pipeline === 0 ? {} : { salesOrder: rules.deals.stages.invoiceOpen }),
      },
    },
  };
}

import type { CustomFieldRule, MappingRules } from '@qb-b24/sync-core';
import { MappingProblems, quote } from './mapping-problems.js';

/**
 * Rules that span keys, checked on the merged rules (a file that only moves `deals.categoryId` must also move the
 * default stages). Pure; returns every problem as "json.path: what is wrong".
 */
export function checkMappingRules(rules: MappingRules): string[] {
  const p = new MappingProblems();
  const pipeline = rules.deals.categoryId;
  for (const [key, stage] of Object.entries(rules.deals.stages)) {
    if (!stageBelongs(stage, pipeline)) p.add(`deals.stages.${key}`, `"${stage}" is not a stage of pipeline ${pipeline} (${stageFormHint(pipeline)})`);
  }
  const deals = rules.toQuickBooks.deals;
  // Checked only when used: the default ["WON"] must not stop a file that moves deals to another pipeline.
  if (deals.enabled)
    deals.stages.forEach((stage, i) => {
      if (!stageBelongs(stage, pipeline))
        p.add(`toQuickBooks.deals.stages[${i}]`, `"${stage}" is not a stage of pipeline ${pipeline} (${stageFormHint(pipeline)})`);
    });
  // The TxnID in the deal is what makes the write exactly-once across restarts and what a user sees of it.
  if (deals.enabled && deals.txnIdField === null)
    p.add('toQuickBooks.deals.txnIdField', 'is required when toQuickBooks.deals.enabled is true: a deal user field (UF_CRM_…) that keeps the QuickBooks TxnID');
  const writers = new Map<string, number>();
  rules.customFields.forEach((rule, i) => {
    for (const target of targetsWritten(rule)) {
      const first = writers.get(target.key);
      if (first === undefined) writers.set(target.key, i);
      else p.add(`customFields[${i}]`, `${target.label} is already written by customFields[${first}]; two rules cannot write one field`);
    }
  });
  return p.list;
}

/** Bitrix24's own form: bare ids in the default pipeline 0, `C{n}:` ids in pipeline n (bitrix24.md §5.5). */
export function stageBelongs(stage: string, pipeline: number): boolean {
  const match = /^C([0-9]+):/.exec(stage);
  return pipeline === 0 ? match === null : match?.[1] !== undefined && Number(match[1]) === pipeline;
}

function stageFormHint(pipeline: number): string {
  return pipeline === 0 ? 'stages of the default pipeline 0 have no C<n>: prefix, such as WON' : `stages of pipeline ${pipeline} look like C${pipeline}:WON`;
}

function targetsWritten(rule: CustomFieldRule): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  if (rule.direction !== 'toQb')
    out.push({ key: `b24:${rule.b24.entity}:${rule.b24.field}`, label: `Bitrix24 ${rule.b24.entity} field ${quote(rule.b24.field)}` });
  // DataExt names are matched without regard to case by QuickBooks.
  if (rule.direction !== 'toB24')
    out.push({ key: `qb:${rule.qb.entity}:${rule.qb.name.toLowerCase()}`, label: `QuickBooks ${rule.qb.entity} field ${quote(rule.qb.name)}` });
  return out;
}

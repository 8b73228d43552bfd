import type { DataExtRet } from '@qb-b24/qbxml';
import { customFieldsToB24, fingerprint, userFieldProjection, type CustomFieldProblem, type CustomFieldRule, type UserFieldDef } from '@qb-b24/sync-core';
import type { UpsertCandidate } from './b24-upsert.service.js';

/**
 * The mapping's custom-field rules between one QuickBooks and one Bitrix24 entity (every direction), with the
 * portal's definitions.
 */
export interface UserFieldContext {
  readonly rules: readonly CustomFieldRule[];
  readonly defs: ReadonlyMap<string, UserFieldDef>;
}

/**
 * A record's fingerprint with its mapped user fields: written and echoed records must hash alike, so both sides
 * go through userFieldProjection. Every rule counts, whatever its direction: the hash says "both systems agree on
 * these values", so a `toQb` field edited in Bitrix24 is a change to send, and the same value read back from
 * QuickBooks is no change. Without rules the hash is unchanged (no re-write of existing links). Pure.
 */
export function hashWithUserFields(hash: string, record: Readonly<Record<string, unknown>>, ctx: UserFieldContext): string {
  if (ctx.rules.length === 0) return hash;
  return fingerprint({
    base: hash,
    uf: userFieldProjection(
      record,
      ctx.rules.map((r) => r.b24.field),
      ctx.defs,
    ),
  });
}

/**
 * An upsert candidate with the user-field values of its QuickBooks custom fields: written to Bitrix24 for the rules
 * that go there (both / toB24), hashed for all of them (hashWithUserFields). Problems are reported for the written
 * ones only. Pure.
 */
export function withUserFields(
  c: UpsertCandidate,
  dataExt: readonly DataExtRet[],
  ctx: UserFieldContext,
): { candidate: UpsertCandidate; problems: CustomFieldProblem[] } {
  if (ctx.rules.length === 0) return { candidate: c, problems: [] };
  const { values, problems } = customFieldsToB24(dataExt, ctx.rules, ctx.defs);
  const written = new Set(ctx.rules.filter((r) => r.direction !== 'toQb').map((r) => r.b24.field));
  const sent = Object.fromEntries(Object.entries(values).filter(([field]) => written.has(field)));
  return {
    candidate: { ...c, fields: { ...c.fields, ...sent }, hash: hashWithUserFields(c.hash, { ...c.fields, ...values }, ctx) },
    problems: problems.filter((p) => written.has(p.field)),
  };
}

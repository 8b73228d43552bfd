import type { DataExtRet } from '@qb-b24/qbxml';
import { customFieldsToB24, fingerprint, userFieldProjection, type CustomFieldProblem, type CustomFieldRule, type UserFieldDef } from '@qb-b24/sync-core';
import type { UpsertCandidate } from './b24-upsert.service.js';

/** The mapping's custom-field rules between one QuickBooks and one Bitrix24 entity, with the portal's definitions. */
export interface UserFieldContext {
  readonly rules: readonly CustomFieldRule[];
  readonly defs: ReadonlyMap<string, UserFieldDef>;
}

/**
 * A record's fingerprint with its mapped user fields: written and echoed records must hash alike, so both sides
 * go through userFieldProjection. Without rules the hash is unchanged (no re-write of existing links). Pure.
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

/** An upsert candidate with the user-field values of its QuickBooks custom fields added to fields and hash. Pure. */
export function withUserFields(
  c: UpsertCandidate,
  dataExt: readonly DataExtRet[],
  ctx: UserFieldContext,
): { candidate: UpsertCandidate; problems: CustomFieldProblem[] } {
  if (ctx.rules.length === 0) return { candidate: c, problems: [] };
  const { values, problems } = customFieldsToB24(dataExt, ctx.rules, ctx.defs);
  const fields = { ...c.fields, ...values };
  return { candidate: { ...c, fields, hash: hashWithUserFields(c.hash, fields, ctx) }, problems };
}

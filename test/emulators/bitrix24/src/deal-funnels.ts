/** Deal funnels (§5.4, §5.5): placing a deal on a stage of its funnel, moving it between funnels on update, and adding a funnel with its default stages. */
import { asPositiveInt } from './params.js';
import { dealStages, type DealCategory, type StatusRow } from './statuses.js';
import type { Actor, StoredRecord } from './store-types.js';

/** Who and when a stage change is stamped with (MOVED_BY_ID, MOVED_TIME). */
export interface StageMover {
  userId: number;
  nowText: () => string;
}

/** Stage must belong to the deal's funnel; otherwise the first stage is used (unconfirmed). */
export function settleStage(statuses: readonly StatusRow[], rec: StoredRecord, wanted: unknown, fallbackToFirst: boolean, mover: StageMover): void {
  const cat = Number(rec.values['CATEGORY_ID'] ?? 0);
  const entityId = cat === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${cat}`;
  const stages = statuses.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort);
  const found = stages.find((s) => s.statusId === String(wanted ?? ''));
  const target = found ?? (fallbackToFirst ? stages[0] : undefined);
  if (!target) return;
  const changed = rec.values['STAGE_ID'] !== target.statusId;
  rec.values['STAGE_ID'] = target.statusId;
  // STAGE_SEMANTIC_ID P/S/F (§5.4); CLOSED tracking final stages is unconfirmed but natural.
  rec.values['STAGE_SEMANTIC_ID'] = target.semantics ?? 'P';
  rec.values['CLOSED'] = target.semantics === null ? 'N' : 'Y';
  rec.values['IS_NEW'] = stages[0]?.statusId === target.statusId ? 'Y' : 'N';
  if (changed) {
    rec.values['MOVED_TIME'] = mover.nowText();
    rec.values['MOVED_BY_ID'] = String(mover.userId);
  }
}

/**
 * The funnel/stage part of a deal update, after its fields are applied; `settle` places the deal on a stage.
 * Returns the MOVETOCATEGORY event payload when the deal changed funnel.
 */
export function updateDealFunnel(
  rec: StoredRecord,
  fields: Record<string, unknown>,
  actor: Actor,
  categories: readonly DealCategory[],
  settle: (wanted: unknown, fallbackToFirst: boolean) => void,
): Record<string, string> | undefined {
  const oldCategory = rec.values['CATEGORY_ID'];
  const cat =
    fields['CATEGORY_ID'] === undefined ? undefined : (asPositiveInt(fields['CATEGORY_ID']) ?? (String(fields['CATEGORY_ID']) === '0' ? 0 : undefined));
  // CATEGORY_ID is immutable through crm.deal.update (§5.4); a UI user can move a deal between funnels.
  if (actor === 'ui' && cat !== undefined && String(cat) !== oldCategory && categories.some((c) => c.id === cat)) {
    rec.values['CATEGORY_ID'] = String(cat);
    settle(fields['STAGE_ID'], true);
    return { ID: String(rec.id), CATEGORY_ID: String(cat), STAGE_ID: String(rec.values['STAGE_ID']) };
  }
  if (fields['STAGE_ID'] !== undefined) settle(fields['STAGE_ID'], false);
  return undefined;
}

/** Adds a deal funnel with the default stage set, prefixed `C{n}:` (§5.5). Returns the category id. */
export function addDealCategory(categories: DealCategory[], statuses: StatusRow[], name: string): number {
  const id = Math.max(...categories.map((c) => c.id)) + 1;
  categories.push({ id, name, sort: 100 + id * 100, isDefault: false });
  const firstId = Math.max(...statuses.map((s) => s.id)) + 1;
  statuses.push(...dealStages(id, firstId));
  return id;
}

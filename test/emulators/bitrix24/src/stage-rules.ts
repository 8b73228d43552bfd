/** Deal stage rules on add (bitrix24.md §5.12). */
import { ApiError } from './api-error.js';
import { asPositiveInt } from './params.js';
import type { DealCategory, StatusRow } from './statuses.js';
import type { PortalVariants } from './variants.js';

/**
 * `crm.deal.add` with a STAGE_ID that is not a stage of the deal's funnel (another funnel's, or unknown): what the
 * portal does is unconfirmed (§5.12). Under the `'reject'` variant it is a legacy 400 in the shape of the
 * documented currency error; under `'first-stage'` (default) the store puts the deal on the first stage. Throws ApiError.
 */
export function checkStageOnAdd(
  statuses: readonly StatusRow[],
  categories: readonly DealCategory[],
  fields: Record<string, unknown>,
  variants: PortalVariants,
): void {
  if (variants.dealAddForeignStage !== 'reject') return;
  const wanted = fields['STAGE_ID'];
  if (wanted === undefined || wanted === null || wanted === '') return;
  const requested = asPositiveInt(fields['CATEGORY_ID']);
  const cat = requested !== undefined && categories.some((c) => c.id === requested) ? requested : 0;
  const entityId = cat === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${cat}`;
  if (!statuses.some((s) => s.entityId === entityId && s.statusId === String(wanted))) {
    throw new ApiError(400, '', 'Invalid value for the "Stage" field');
  }
}

import type { IdMapping } from '../mapping/id-mapping.type.js';
import type { UpsertCandidate } from './b24-upsert.service.js';

/**
 * Whether a linked record needs no Bitrix24 write: same content, or the very QuickBooks version we last saw or wrote
 * ourselves (its EditSequence; keeps our own Add/Mod from echoing back to Bitrix24). Pure; the dry run asks it too.
 */
export function needsNoWrite(
  m: Pick<IdMapping, 'b24Hash' | 'qbEditSequence'>,
  item: Pick<UpsertCandidate, 'hash' | 'qbEditSequence' | 'contentOutrunsVersion'>,
): boolean {
  const sameVersion =
    item.contentOutrunsVersion !== true && item.qbEditSequence !== undefined && item.qbEditSequence === m.qbEditSequence && m.b24Hash !== null;
  return m.b24Hash === item.hash || sameVersion;
}

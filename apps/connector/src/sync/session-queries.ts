import type { QbxmlRequest } from '@qb-b24/qbxml';
import type { AppConfig } from '../config/app-config.js';
import type { QbReadStrategy } from './qb-read-strategy.js';
import type { DeletedStep, ReadStep, ReReadStep } from './session-plan.js';

/**
 * The QuickBooks query of one session step: the entity's deletions since the mark, its records modified since the
 * watermark (one iterator page), or a re-read of `txnIds` by id. Pure.
 */
export function queryForStep(
  strategy: QbReadStrategy,
  step: ReadStep | DeletedStep | ReReadStep,
  prefix: string,
  config: Pick<AppConfig, 'qbwc' | 'sync'>,
  txnIds?: readonly string[],
): QbxmlRequest {
  const tz = config.qbwc.timeZone;
  const sinceMs = step.kind === 'reread' ? undefined : step.sinceMs;
  const since = sinceMs !== undefined ? { at: new Date(sinceMs), timeZone: tz, offset: 'none' as const } : undefined;
  if (step.kind === 'deleted') {
    const d = strategy.deletedTypes;
    return d.kind === 'list'
      ? { kind: 'ListDeletedQuery', requestID: `${prefix}-d`, ListDelType: d.types, ...(since ? { FromDeletedDate: since } : {}) }
      : { kind: 'TxnDeletedQuery', requestID: `${prefix}-d`, TxnDelType: d.types, ...(since ? { FromDeletedDate: since } : {}) };
  }
  const iterator = step.kind === 'read' && step.iteratorID ? { iterator: 'Continue' as const, iteratorID: step.iteratorID } : { iterator: 'Start' as const };
  return strategy.buildQuery({
    requestID: `${prefix}-q`,
    iterator,
    ...(since ? { modifiedSince: since } : {}),
    maxReturned: config.sync.pageSize,
    ...(txnIds ? { txnIds } : {}),
  });
}

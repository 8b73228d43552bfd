import type { Logger } from '@nestjs/common';
import type { Bitrix24Error } from '@qb-b24/bitrix24-client';
import type { SyncJournalRepository } from './sync-journal.repository.js';

/** A Bitrix24 refusal of one write, logged for the operator and journalled; the record is retried on the next run. */
export async function recordB24WriteFailure(
  deps: { readonly logger: Logger; readonly journal: SyncJournalRepository; readonly now: Date },
  w: { readonly qbEntity: string; readonly b24Entity: string; readonly qbId: string; readonly op: string; readonly runId: number },
  e: Bitrix24Error,
): Promise<void> {
  deps.logger.warn({
    event: 'b24.write_failed',
    qbEntity: w.qbEntity,
    qbId: w.qbId,
    op: w.op,
    code: e.code,
    message: e.message,
    action: 'retried on the next run',
  });
  await deps.journal.error(
    {
      runId: w.runId,
      source: 'qb->b24',
      entity: w.qbEntity,
      recordId: w.qbId,
      code: `B24_${e.code}`,
      message: `Bitrix24 refused ${w.op} of ${w.b24Entity}: ${e.message}`,
    },
    deps.now,
  );
}

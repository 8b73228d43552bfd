import { Injectable } from '@nestjs/common';
import { QbwcSessionQueryService } from '../qbwc/qbwc-session-query.service.js';
import { SyncHistoryQueryService } from '../sync/sync-history-query.service.js';
import { DEFAULT_LIMIT } from './admin.service.js';

/** The error texts /status leaves out (it is public): QuickBooks and Bitrix24 messages and the records they name. */
@Injectable()
export class AdminErrorsService {
  constructor(
    private readonly history: SyncHistoryQueryService,
    private readonly sessions: QbwcSessionQueryService,
  ) {}

  async errors(limit = DEFAULT_LIMIT) {
    const [errors, last] = await Promise.all([this.history.lastErrors(limit), this.sessions.lastContact()]);
    return {
      last_qbwc_error: last?.lastError ? { at: last.lastSeenAt.toISOString(), state: last.state, message: last.lastError } : null,
      errors: errors.map((e) => ({ at: e.createdAt.toISOString(), source: e.source, entity: e.entity, record: e.recordId, code: e.code, message: e.message })),
    };
  }
}

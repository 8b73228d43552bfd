import { Injectable } from '@nestjs/common';
import { QbwcSessionRepository } from './qbwc-session.repository.js';
import type { QbwcSessionCount, QbwcSessionSummary } from './qbwc-session.type.js';

/** Read-only view of Web Connector sessions for health, the dashboard and metrics. */
@Injectable()
export class QbwcSessionQueryService {
  constructor(private readonly repo: QbwcSessionRepository) {}

  countOpen(): Promise<number> {
    return this.repo.countOpen();
  }

  /** The session the Web Connector talked to last, or null before the first one. */
  async lastContact(): Promise<QbwcSessionSummary | null> {
    const s = await this.repo.latest();
    return s ? { state: s.state, lastSeenAt: s.lastSeenAt, rounds: s.rounds, progress: s.progress, lastError: s.lastError } : null;
  }

  countsByState(): Promise<QbwcSessionCount[]> {
    return this.repo.countsByState();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { QbwcSessionRepository } from './qbwc-session.repository.js';
import { hashTicket } from './ticket.js';

/**
 * Whether a ticket names an open, not yet idle session: asked by the SOAP body reader before it accepts
 * more than 64 KiB of a sendRequestXML/receiveResponseXML (read-soap-body.ts). Read-only: it neither
 * touches the session nor expires it (QbwcService does that when the call itself arrives).
 */
@Injectable()
export class LiveTicketService {
  constructor(
    private readonly sessions: QbwcSessionRepository,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async isLive(ticket: string): Promise<boolean> {
    // Hashed exactly as QbwcService hashes it, untrimmed, so both agree on which session a ticket names.
    if (ticket === '') return false;
    const session = await this.sessions.findByTicketHash(hashTicket(ticket));
    if (!session || session.state !== 'open') return false;
    return this.clock.now().getTime() - session.lastSeenAt.getTime() <= this.config.qbwc.sessionTimeoutMs;
  }
}

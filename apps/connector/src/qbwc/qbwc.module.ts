import { Module } from '@nestjs/common';
import { SLEEP, timerSleep } from '../common/sleep.js';
import { SyncModule } from '../sync/sync.module.js';
import { AuthFailureRepository } from './auth-failure.repository.js';
import { AuthenticateThrottle } from './authenticate-throttle.js';
import { LiveTicketService } from './live-ticket.service.js';
import { QbwcController } from './qbwc.controller.js';
import { SoapParsePool } from './soap-parse-pool.js';
import { QbwcService } from './qbwc.service.js';
import { QbwcSessionQueryService } from './qbwc-session-query.service.js';
import { QbwcSessionRepository } from './qbwc-session.repository.js';
import { QwcIdentityRepository } from './qwc-identity.repository.js';

/** The Web Connector SOAP server; its work comes from SyncModule's request provider. */
@Module({
  imports: [SyncModule],
  controllers: [QbwcController],
  providers: [
    QbwcService,
    QbwcSessionRepository,
    QwcIdentityRepository,
    QbwcSessionQueryService,
    AuthenticateThrottle,
    AuthFailureRepository,
    { provide: SLEEP, useValue: timerSleep },
    LiveTicketService,
    SoapParsePool,
  ],
  exports: [QbwcSessionQueryService, LiveTicketService],
})
export class QbwcModule {}

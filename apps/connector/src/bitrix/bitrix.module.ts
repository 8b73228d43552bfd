import { HttpModule, HttpService } from '@nestjs/axios';
import { Logger, Module } from '@nestjs/common';
import { Bitrix24Client, ENTERPRISE_RATE_LIMIT, LeakyBucket, STANDARD_RATE_LIMIT, type Bitrix24LogEvent } from '@qb-b24/bitrix24-client';
import { AppConfig } from '../config/app-config.js';
import { AxiosHttpTransport } from './axios-http-transport.js';
import { B24EventInboxRepository } from './b24-event-inbox.repository.js';
import { B24EventInboxService } from './b24-event-inbox.service.js';
import { B24EventQueryService } from './b24-event-query.service.js';
import { BitrixEventsController } from './bitrix-events.controller.js';
import { BITRIX24_CLIENT } from './bitrix.tokens.js';
import { Bitrix24LinkState } from './bitrix24-link-state.js';
import { MappingPortalCheckService } from './mapping-portal-check.service.js';
import { CLOCK, type Clock } from '../common/clock.js';

const logger = new Logger('Bitrix24');

function logEvent(e: Bitrix24LogEvent): void {
  // The client masks the webhook code in `portal`; calls are debug, retries warn, failures error.
  if (e.event === 'b24.call' || e.event === 'b24.throttle') logger.debug(e);
  else if (e.event === 'b24.retry') logger.warn({ ...e, action: 'retrying automatically' });
  else logger.error({ ...e, action: 'the record stays queued; see /status for details' });
}

/**
 * The Bitrix24 REST client (one per process, one shared rate limiter), or null when not configured; and
 * the outbound-event webhook with its inbox.
 */
@Module({
  imports: [HttpModule.register({})],
  controllers: [BitrixEventsController],
  providers: [
    B24EventInboxRepository,
    { provide: Bitrix24LinkState, inject: [CLOCK], useFactory: (clock: Clock) => new Bitrix24LinkState(() => clock.now()) },
    B24EventInboxService,
    B24EventQueryService,
    MappingPortalCheckService,
    {
      provide: BITRIX24_CLIENT,
      inject: [AppConfig, HttpService, Bitrix24LinkState],
      useFactory: (config: AppConfig, http: HttpService, link: Bitrix24LinkState): Bitrix24Client | null => {
        const url = config.bitrix24.webhookUrl;
        if (!url) return null;
        const limit = config.bitrix24.plan === 'enterprise' ? ENTERPRISE_RATE_LIMIT : STANDARD_RATE_LIMIT;
        return new Bitrix24Client({
          webhookUrl: url,
          transport: new AxiosHttpTransport(http),
          rateLimiter: new LeakyBucket(limit),
          logger: (e) => {
            link.note(e);
            logEvent(e);
          },
          timeoutMs: config.bitrix24.timeoutMs,
          maxRetries: config.bitrix24.maxRetries,
          // A create whose answer never came may have been applied: the sync looks it up by the QuickBooks
          // identity it carries (ORIGIN_ID / XML_ID) before creating it again, instead of the client resending it.
          retryWritesAfterTimeout: false,
        });
      },
    },
  ],
  exports: [BITRIX24_CLIENT, B24EventInboxService, B24EventQueryService, Bitrix24LinkState, MappingPortalCheckService],
})
export class BitrixModule {}

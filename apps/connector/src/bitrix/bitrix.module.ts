import { Logger, Module } from '@nestjs/common';
import { Bitrix24Client, ENTERPRISE_RATE_LIMIT, FetchHttpTransport, LeakyBucket, STANDARD_RATE_LIMIT, type Bitrix24LogEvent } from '@qb-b24/bitrix24-client';
import { AppConfig } from '../config/app-config.js';
import { B24EventInboxRepository } from './b24-event-inbox.repository.js';
import { B24EventInboxService } from './b24-event-inbox.service.js';
import { B24EventQueryService } from './b24-event-query.service.js';
import { BitrixEventsController } from './bitrix-events.controller.js';
import { BITRIX24_CLIENT, BITRIX24_CLIENT_FACTORY } from './bitrix.tokens.js';
import { Bitrix24Connection, type SettingSource } from './bitrix24-connection.js';
import { readSavedSettings } from '../config/saved-settings.js';
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
 * The Bitrix24 REST client (one per process, one shared rate limiter), or null when not configured, behind the
 * Bitrix24Connection the setup page can re-point; and the outbound-event webhook with its inbox.
 */
@Module({
  controllers: [BitrixEventsController],
  providers: [
    B24EventInboxRepository,
    { provide: Bitrix24LinkState, inject: [CLOCK], useFactory: (clock: Clock) => new Bitrix24LinkState(() => clock.now()) },
    B24EventInboxService,
    B24EventQueryService,
    MappingPortalCheckService,
    {
      provide: BITRIX24_CLIENT_FACTORY,
      inject: [AppConfig, Bitrix24LinkState],
      useFactory: (config: AppConfig, link: Bitrix24LinkState): ((url: string) => Bitrix24Client) => {
        // One rate limiter for the process: a client built later by the setup page shares the portal's budget.
        const rateLimiter = new LeakyBucket(config.bitrix24.plan === 'enterprise' ? ENTERPRISE_RATE_LIMIT : STANDARD_RATE_LIMIT);
        return (url) =>
          new Bitrix24Client({
            webhookUrl: url,
            // The same fetch transport every test and bench uses: what runs against real portals is what the suites run.
            transport: new FetchHttpTransport(),
            rateLimiter,
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
    {
      provide: BITRIX24_CLIENT,
      inject: [AppConfig, BITRIX24_CLIENT_FACTORY],
      useFactory: (config: AppConfig, build: (url: string) => Bitrix24Client): Bitrix24Client | null => {
        // The environment wins; otherwise what the setup page saved in the data folder.
        const url = config.bitrix24.webhookUrl ?? readSavedSettings(config.dataDir).bitrix24WebhookUrl;
        return url ? build(url) : null;
      },
    },
    {
      provide: Bitrix24Connection,
      inject: [AppConfig, BITRIX24_CLIENT, BITRIX24_CLIENT_FACTORY],
      useFactory: (config: AppConfig, client: Bitrix24Client | null, build: (url: string) => Bitrix24Client): Bitrix24Connection => {
        const saved = readSavedSettings(config.dataDir);
        const envToken = config.bitrix24.applicationToken;
        const source = (env: string | undefined, stored: string | undefined): SettingSource => (env ? 'env' : stored ? 'saved' : 'none');
        return new Bitrix24Connection(
          {
            client,
            webhookUrlSource: config.bitrix24.webhookUrl ? 'env' : client ? 'saved' : 'none',
            applicationToken: envToken ?? saved.bitrix24ApplicationToken,
            applicationTokenSource: source(envToken, saved.bitrix24ApplicationToken),
          },
          build,
        );
      },
    },
  ],
  exports: [BITRIX24_CLIENT, Bitrix24Connection, B24EventInboxService, B24EventQueryService, Bitrix24LinkState, MappingPortalCheckService],
})
export class BitrixModule {}

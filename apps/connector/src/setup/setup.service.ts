import { Inject, Injectable, Logger } from '@nestjs/common';
import { maskWebhookUrl, type Bitrix24Client, type Bitrix24Health } from '@qb-b24/bitrix24-client';
import { B24_EVENT_NAMES, parseB24EventName } from '../bitrix/b24-event-name.js';
import { B24EventQueryService } from '../bitrix/b24-event-query.service.js';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { startupQwcInput } from '../cli/startup-qwc.js';
import { renderQwc } from '../cli/write-qwc.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { saveSettings } from '../config/saved-settings.js';
import { IdMappingQueryService } from '../mapping/id-mapping-query.service.js';
import { QbwcSessionQueryService } from '../qbwc/qbwc-session-query.service.js';
import { SessionSummaryService } from '../sync/session-summary.service.js';
import { StrategyRegistry } from '../sync/strategy-registry.js';
import { setupChecklist } from './setup-checklist.js';
import type { SetupState } from './setup-state.type.js';
import { SetupError } from './setup.error.js';

/** The webhook must read and write CRM records (crm) and the product catalog (catalog). */
export const SETUP_REQUIRED_SCOPES = ['crm', 'catalog'] as const;
/** A person is waiting on the page: one try, a short timeout. */
const PROBE_BUDGET = { maxRetries: 0, timeoutMs: 10_000 };
const PORTAL_CHECK_TTL_MS = 30_000;

/** The setup page's data and actions: the .qwc, the password, the Bitrix24 connection, and the checklist. */
@Injectable()
export class SetupService {
  private readonly logger = new Logger(SetupService.name);
  private portalCheck: { client: Bitrix24Client; at: number; health: Bitrix24Health } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly connection: Bitrix24Connection,
    private readonly sessions: QbwcSessionQueryService,
    private readonly events: B24EventQueryService,
    private readonly mappings: IdMappingQueryService,
    private readonly bitrix24Side: SessionSummaryService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: StrategyRegistry,
  ) {}

  /** The events to tick: those of record types whose way to QuickBooks is on (won deals only when the mapping says). */
  private eventNames(): readonly string[] {
    return B24_EVENT_NAMES.filter((name) => {
      const known = parseB24EventName(name);
      return known !== null && this.registry.writePartForB24(known.b24Entity) !== undefined;
    });
  }

  /** The same application (OwnerID/FileID) as the .qwc written at start, with a Scheduler. */
  qwc(): string {
    return renderQwc(startupQwcInput(this.config));
  }

  async state(): Promise<SetupState> {
    const checklist = await this.checklist();
    const client = this.connection.client;
    return {
      qwc: { appUrl: `${this.config.http.publicUrl}/qbwc`, runEveryMinutes: this.config.qbwc.runEveryMinutes },
      qbwc: { username: this.config.qbwc.username, password: this.config.qbwc.password },
      bitrix24: {
        webhookUrl: client ? client.maskedUrl : null,
        webhookUrlSource: this.connection.webhookUrlSource,
        applicationTokenSource: this.connection.applicationTokenSource,
      },
      outbound: { handlerUrl: `${this.config.http.publicUrl}/bitrix24/webhook`, events: this.eventNames() },
      checklist,
      complete: checklist.every((c) => c.done),
    };
  }

  /** Whether every checklist line is done (the dashboard links here until then). */
  async complete(): Promise<boolean> {
    return (await this.checklist()).every((c) => c.done);
  }

  /** Calls `scope` on the pasted webhook; throws SetupError saying what is wrong. Saves nothing. */
  async testWebhookUrl(webhookUrl: string): Promise<{ scopes: readonly string[]; message: string }> {
    const health = await this.connection.clientFor(webhookUrl).withBudget(PROBE_BUDGET).checkHealth(SETUP_REQUIRED_SCOPES);
    const masked = maskWebhookUrl(webhookUrl);
    if (!health.reachable) {
      throw new SetupError(
        'WEBHOOK_UNREACHABLE',
        `The portal did not answer (${health.error?.code ?? 'no answer'}). Check the address and that this PC can reach it.`,
      );
    }
    if (!health.authorized)
      throw new SetupError('WEBHOOK_REFUSED', `The portal refused this webhook (${masked}). Copy the URL again from Bitrix24 → Developer resources.`);
    if (!health.ok) {
      throw new SetupError(
        'WEBHOOK_SCOPES',
        `The webhook lacks the ${health.missingScopes.join(' and ')} permission. In Bitrix24, edit the inbound webhook, tick ${SETUP_REQUIRED_SCOPES.join(' and ')}, save, and test again.`,
      );
    }
    return { scopes: health.scopes, message: `Works: the portal answered with permissions ${health.scopes.join(', ')}.` };
  }

  /** Tests, then saves the webhook URL to the data folder and uses it at once. */
  async saveWebhookUrl(webhookUrl: string): Promise<{ message: string }> {
    if (this.connection.webhookUrlSource === 'env') {
      throw new SetupError('SET_BY_ENVIRONMENT', 'BITRIX24_WEBHOOK_URL is set in the environment, and it wins over this page. Change it there.');
    }
    await this.testWebhookUrl(webhookUrl);
    saveSettings(this.config.dataDir, { bitrix24WebhookUrl: webhookUrl });
    this.connection.useWebhookUrl(webhookUrl);
    this.logger.log({ event: 'setup.webhook_saved', portal: maskWebhookUrl(webhookUrl), action: 'in use now; saved in the data folder' });
    return { message: 'Saved and in use. The next Web Connector run sends QuickBooks records to this portal.' };
  }

  /** Saves the outbound webhook's application token to the data folder and uses it at once. */
  saveApplicationToken(token: string): { message: string } {
    if (this.connection.applicationTokenSource === 'env') {
      throw new SetupError('SET_BY_ENVIRONMENT', 'BITRIX24_APPLICATION_TOKEN is set in the environment, and it wins over this page. Change it there.');
    }
    saveSettings(this.config.dataDir, { bitrix24ApplicationToken: token });
    this.connection.useApplicationToken(token);
    this.logger.log({ event: 'setup.application_token_saved', action: 'events carrying it are accepted from now on' });
    return { message: 'Saved. Events from Bitrix24 carrying this token are accepted from now on.' };
  }

  private async checklist() {
    const [last, lastEventAt, linkedRecords, side, portal] = await Promise.all([
      this.sessions.lastContact(),
      this.events.lastDeliveredAt(),
      this.mappings.count(),
      this.bitrix24Side.bitrix24Side(),
      this.portal(),
    ]);
    return setupChecklist({
      lastContactAt: last?.lastSeenAt ?? null,
      lastSession: last ? { progress: last.progress, failed: last.lastError !== null } : null,
      portal,
      lastEventAt,
      linkedRecords,
      waitingRecords: side.configured ? side.waitingRecords : 0,
      setAsidePages: side.configured ? side.setAsidePages : 0,
    });
  }

  /** The connected portal's answer to `scope`, asked at most every 30 s per webhook (the page polls). */
  private async portal(): Promise<{ ok: boolean; detail: string } | null> {
    const client = this.connection.client;
    if (!client) return null;
    const now = this.clock.now().getTime();
    if (!this.portalCheck || this.portalCheck.client !== client || now - this.portalCheck.at >= PORTAL_CHECK_TTL_MS) {
      this.portalCheck = { client, at: now, health: await client.withBudget(PROBE_BUDGET).checkHealth(SETUP_REQUIRED_SCOPES) };
    }
    const h = this.portalCheck.health;
    if (h.ok) return { ok: true, detail: `${client.maskedUrl} answers; permissions ${h.scopes.join(', ')}` };
    if (!h.reachable) return { ok: false, detail: `${client.maskedUrl} does not answer (${h.error?.code ?? 'no answer'})` };
    if (!h.authorized) return { ok: false, detail: 'the portal refuses the webhook: paste it again' };
    return { ok: false, detail: `the webhook lacks ${h.missingScopes.join(', ')}` };
  }
}

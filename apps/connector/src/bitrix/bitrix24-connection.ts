import type { Bitrix24Client } from '@qb-b24/bitrix24-client';

/** Where a Bitrix24 setting came from: the environment wins over what the setup page saved. */
export type SettingSource = 'env' | 'saved' | 'none';

export interface Bitrix24ConnectionState {
  readonly client: Bitrix24Client | null;
  readonly webhookUrlSource: SettingSource;
  readonly applicationToken: string | undefined;
  readonly applicationTokenSource: SettingSource;
}

/**
 * The Bitrix24 client and the outbound webhook's application token as they are now. The setup page can change
 * both while the service runs, so services read `client` on every use instead of keeping the one from start-up.
 * A setting that comes from the environment is never replaced (the environment wins over saved settings).
 */
export class Bitrix24Connection {
  private state: Bitrix24ConnectionState;

  constructor(
    initial: Bitrix24ConnectionState,
    /** Builds a client for a webhook URL with the service's transport, rate limiter and logging. */
    private readonly build: (webhookUrl: string) => Bitrix24Client,
  ) {
    this.state = initial;
  }

  get client(): Bitrix24Client | null {
    return this.state.client;
  }

  get applicationToken(): string | undefined {
    return this.state.applicationToken;
  }

  get webhookUrlSource(): SettingSource {
    return this.state.webhookUrlSource;
  }

  get applicationTokenSource(): SettingSource {
    return this.state.applicationTokenSource;
  }

  /** A client for a URL that is being tested, not yet in use. Throws Bitrix24Error (INVALID) for a malformed URL. */
  clientFor(webhookUrl: string): Bitrix24Client {
    return this.build(webhookUrl);
  }

  /** Switches to a saved webhook URL; false (and nothing changed) when BITRIX24_WEBHOOK_URL is set. */
  useWebhookUrl(webhookUrl: string): boolean {
    if (this.state.webhookUrlSource === 'env') return false;
    this.state = { ...this.state, client: this.build(webhookUrl), webhookUrlSource: 'saved' };
    return true;
  }

  /** Switches to a saved application token; false (and nothing changed) when BITRIX24_APPLICATION_TOKEN is set. */
  useApplicationToken(token: string): boolean {
    if (this.state.applicationTokenSource === 'env') return false;
    this.state = { ...this.state, applicationToken: token, applicationTokenSource: 'saved' };
    return true;
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Bitrix24Error, type Bitrix24Client } from '@qb-b24/bitrix24-client';
import type { MappingRules } from '@qb-b24/sync-core';
import { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config.error.js';
import { checkMappingAgainstPortal } from '../config/mapping-file/check-mapping-against-portal.js';
import { MAPPING_RULES } from '../config/mapping-rules.tokens.js';
import { BITRIX24_CLIENT } from './bitrix.tokens.js';
import { Bitrix24LinkState } from './bitrix24-link-state.js';
import { readPortalFacts } from './read-portal-facts.js';

/** The start-up check must not hold the start for the client's whole retry budget. */
const CHECK_TIMEOUT_MS = 10_000;

export type MappingPortalState =
  | { readonly status: 'not-configured' }
  /** the portal could not be reached yet: checked on the first contact; writes wait until then */
  | { readonly status: 'pending' }
  | { readonly status: 'ok' }
  /** the portal answered but refused a read the check needs: writes go ahead, the portal still refuses bad values */
  | { readonly status: 'unverified'; readonly reason: string }
  | { readonly status: 'mismatch'; readonly problems: readonly string[] };

/**
 * Checks the mapping rules against the portal (pipeline, stages, types, user fields, currency). At start a
 * mismatch stops the service (ConfigError, exit 78). When the portal is unreachable at start, the check runs on the
 * first contact with it; a mismatch found then cannot stop the process, so it stops the Bitrix24 worker instead
 * (pages wait, nothing is lost) and /health and the Web Connector status say why.
 */
@Injectable()
export class MappingPortalCheckService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MappingPortalCheckService.name);
  private state: MappingPortalState;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(BITRIX24_CLIENT) private readonly client: Bitrix24Client | null,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    private readonly config: AppConfig,
    link: Bitrix24LinkState,
  ) {
    this.state = client ? { status: 'pending' } : { status: 'not-configured' };
    link.onUsableAnswer(() => {
      if (this.state.status === 'pending' && this.running === null) void this.check();
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.check();
    if (this.state.status === 'mismatch') {
      throw new ConfigError(this.state.problems.map((p) => `mapping does not match the Bitrix24 portal: ${p}`));
    }
  }

  snapshot(): MappingPortalState {
    return this.state;
  }

  /** Whether the Bitrix24 worker may write; checks first when the portal has not been checked yet. */
  async allowsWrites(): Promise<boolean> {
    if (this.state.status === 'pending') await this.check();
    return this.state.status !== 'pending' && this.state.status !== 'mismatch';
  }

  /** One attempt; concurrent callers share it. Never throws: an unreachable portal leaves the state pending. */
  check(): Promise<void> {
    if (!this.client || this.state.status !== 'pending') return Promise.resolve();
    this.running ??= this.attempt(this.client).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async attempt(client: Bitrix24Client): Promise<void> {
    try {
      const read = await readPortalFacts(
        client.withBudget({ timeoutMs: Math.min(CHECK_TIMEOUT_MS, this.config.bitrix24.timeoutMs), maxRetries: 0 }),
        this.rules,
      );
      if (!read.ok) {
        this.state = { status: 'unverified', reason: read.reason };
        this.logger.warn({
          event: 'mapping.portal_unverified',
          reason: read.reason,
          action: 'the mapping was not checked against the portal; the portal refuses bad values itself',
        });
        return;
      }
      const problems = checkMappingAgainstPortal(this.rules, read.facts);
      this.state = problems.length === 0 ? { status: 'ok' } : { status: 'mismatch', problems };
      if (problems.length === 0) this.logger.log({ event: 'mapping.portal_ok' });
      else
        this.logger.error({
          event: 'mapping.portal_mismatch',
          problems,
          action: 'Bitrix24 writes are stopped and pages wait; fix the mapping file or the portal, then restart',
        });
    } catch (err) {
      if (!(err instanceof Bitrix24Error)) throw err;
      this.logger.warn({
        event: 'mapping.portal_unchecked',
        code: err.code,
        action: 'checked on the first contact with the portal; Bitrix24 writes wait until then',
      });
    }
  }
}

import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import path from 'node:path';
import { B24EventQueryService } from '../bitrix/b24-event-query.service.js';
import type { AppConfig } from '../config/app-config.js';
import { companyEnvPrefix } from '../config/load-companies.js';
import { QbwcSessionQueryService } from '../qbwc/qbwc-session-query.service.js';
import { type CompanyStartFacts, missingSetup } from './startup-banner.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Gathers one company's banner facts: the configuration, plus two cheap reads of its database (has a Web
 * Connector ever connected, has any Bitrix24 event arrived). A failed read leaves those items out of the banner.
 */
export async function companyStartFacts(
  config: AppConfig,
  opts: { readonly multiCompany: boolean; readonly qwcFile: string; readonly env: Env; readonly app: INestApplicationContext; readonly logger: LoggerService },
): Promise<CompanyStartFacts> {
  const envPrefix = opts.multiCompany ? companyEnvPrefix(config.companyId) : '';
  const passwordVar = `${envPrefix}QBWC_PASSWORD`;
  const [webConnectorContacted, eventsReceived] = await Promise.all([
    read(opts, async () => (await opts.app.get(QbwcSessionQueryService, { strict: false }).lastContact()) !== null),
    read(opts, async () => (await opts.app.get(B24EventQueryService, { strict: false }).countsByStatusAndEntity()).some((c) => c.count > 0)),
  ]);
  return {
    ...(opts.multiCompany ? { companyId: config.companyId } : {}),
    publicUrl: config.http.publicUrl,
    qwcFile: opts.qwcFile,
    runEveryMinutes: config.qbwc.runEveryMinutes,
    // The same rule as loadConfig: a set variable wins, otherwise the generated file in the data folder.
    password: nonEmpty(opts.env[passwordVar]) ? { env: passwordVar } : { file: path.join(config.dataDir, 'qbwc-password.secret') },
    todo: missingSetup({
      envPrefix,
      webhookConfigured: config.bitrix24.webhookUrl !== undefined,
      applicationTokenConfigured: config.bitrix24.applicationToken !== undefined,
      pollSeconds: Math.round(config.sync.b24PollMs / 1000),
      ...(webConnectorContacted === undefined ? {} : { webConnectorContacted }),
      ...(eventsReceived === undefined ? {} : { eventsReceived }),
    }),
  };
}

async function read(opts: { readonly logger: LoggerService }, query: () => Promise<boolean>): Promise<boolean | undefined> {
  try {
    return await query();
  } catch (err) {
    // The banner is advice; a database that cannot answer here shows up in /health with its reason.
    opts.logger.debug?.({ event: 'startup.banner_read_failed', message: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
}

function nonEmpty(v: string | undefined): boolean {
  return v !== undefined && v !== '';
}

import 'reflect-metadata';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { readQwcFacts } from '@qb-b24/qbwc-soap';
import cluster from 'node:cluster';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from './app.setup.js';
import { runPrimary } from './cluster/run-primary.js';
import { startupQwcInput } from './cli/startup-qwc.js';
import { renderQwc, writeQwcFile } from './cli/write-qwc.js';
import { keepOldGenerationNearLive } from './common/heap-mode.js';
import { makeNewFilesPrivate, privatePaths, tightenModes } from './common/private-files.js';
import { CompanyLogger } from './companies/company-logger.js';
import { ConnectorConsoleLogger } from './console/connector-console-logger.js';
import { resolveLogFormat } from './console/log-format.js';
import type { LogFormat } from './config/env-vars.js';
import { bannerLines, bannerRecord, type StartFacts } from './console/startup-banner.js';
import { companyStartFacts } from './console/startup-facts.js';
import { startCompanyHost } from './companies/company-host.js';
import { ConfigError } from './config/config.error.js';
import { LOG_LEVELS } from './config/env-vars.js';
import { loadCompanies } from './config/load-companies.js';
import { packageVersion } from './config/package-version.js';
import { FileSecretStore } from './config/secret-store.js';
import type { AppConfig } from './config/app-config.js';
import { QWC_IDENTITY_FILE } from './qbwc/qwc-identity.constant.js';

async function main(): Promise<void> {
  // Before the heap fills: the start command laid out the young generation, this sets how the old one grows.
  keepOldGenerationNearLive();
  // Before any file is written (the secrets are, while the configuration loads).
  makeNewFilesPrivate();
  if (existsSync('.env')) process.loadEnvFile('.env');
  const format = resolveLogFormat(process.env['LOG_FORMAT'], process.stdout.isTTY === true);
  const consoleLogger = new ConnectorConsoleLogger('Connector', format);
  const logger = new CompanyLogger(consoleLogger);
  let loaded;
  try {
    loaded = loadCompanies(process.env, { cwd: process.cwd(), version: packageVersion(), secretStore: (dir) => new FileSecretStore(dir) });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const { companies, multiCompany, generated } = loaded;
  const [config] = companies;
  if (!config) throw new Error('no company configured');
  logger.setLogLevels([...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1)].map((l) => (l === 'info' ? 'log' : l)));
  Logger.overrideLogger(logger);
  const loosened = tightenModes(privatePaths(companies, path.resolve('qwc')));
  if (loosened.length > 0) {
    logger.log({ event: 'files.tightened', paths: loosened, action: 'data folders are now 0700 and their files 0600 (owner only)' });
  }
  for (const g of generated) {
    logger.log({ event: 'config.secret_generated', secret: g.name, location: g.location, action: 'read it from that file; it is shown nowhere else' });
  }

  const qwcFiles = new Map(companies.map((c) => [c.companyId, path.resolve('qwc', multiCompany ? `${c.companyId}.qwc` : 'connector.qwc')]));
  // With WORKERS=N the primary writes the files below once, then starts the N processes that serve.
  if (cluster.isWorker) return serve(companies, multiCompany, logger, { qwcFiles, format });
  for (const company of companies) {
    const qwcFile = qwcFiles.get(company.companyId) ?? '';
    if (existsSync(qwcFile)) {
      upgradeQwcWithoutScheduler(qwcFile, company, logger);
      continue;
    }
    writeQwcFile(qwcFile, renderQwc(startupQwcInput(company)));
    logger.log({ event: 'qwc.written', file: qwcFile, ...(multiCompany ? { company: company.companyId } : {}), action: 'add it in QuickBooks Web Connector' });
  }
  if (config.cluster.workers > 1) {
    runPrimary(config.cluster.workers, logger);
    return;
  }
  await serve(companies, multiCompany, logger, { qwcFiles, format });
}

/** Starts the HTTP service (every company's app) in this process, then prints the banner. */
async function serve(
  companies: readonly AppConfig[],
  multiCompany: boolean,
  logger: CompanyLogger,
  out: { readonly qwcFiles: ReadonlyMap<string, string>; readonly format: LogFormat },
): Promise<void> {
  const [config] = companies;
  if (!config) throw new Error('no company configured');
  const { qwcFiles, format } = out;
  // The banner for people: where to go next and what is missing (never a secret, only where it is).
  const announce = async (apps: ReadonlyMap<string, INestApplicationContext>): Promise<void> => {
    const facts: StartFacts = {
      version: packageVersion(),
      rootUrl: config.http.publicUrl.slice(0, config.http.publicUrl.length - config.http.basePath.length),
      companies: await Promise.all(
        companies.map((c) => {
          const app = apps.get(c.companyId);
          if (!app) throw new Error(`company ${c.companyId} has no application`);
          return companyStartFacts(c, { multiCompany, qwcFile: qwcFiles.get(c.companyId) ?? '', env: process.env, app, logger });
        }),
      ),
    };
    logger.log(format === 'text' ? bannerLines(facts).join('\n') : bannerRecord(facts));
  };

  if (!multiCompany) {
    const app = await createApp(config, logger);
    await app.listen(config.http.port, config.http.host);
    logger.log({
      event: 'http.listening',
      url: `http://${config.http.host}:${config.http.port}`,
      publicUrl: config.http.publicUrl,
      database: config.database.type,
    });
    await announce(new Map([[config.companyId, app]]));
    return;
  }
  const apps = new Map<string, INestApplicationContext>();
  const host = await startCompanyHost(companies, async (c) => {
    const app = await createApp(c, logger, { shutdownHooks: false, requestTurns: false });
    apps.set(c.companyId, app);
    return app;
  });
  await host.listen(config.http.port, config.http.host);
  logger.log({
    event: 'http.listening',
    url: `http://${config.http.host}:${config.http.port}`,
    companies: companies.map((c) => ({ id: c.companyId, publicUrl: c.http.publicUrl, database: c.database.type })),
  });
  await announce(apps);
  // One listener for the whole host: each app's own shutdown hooks are off.
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      logger.log({ event: 'http.closing', signal });
      host.close().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ event: 'http.close_failed', message: err instanceof Error ? err.message : String(err) });
          process.exit(1);
        },
      );
    });
  }
}

/**
 * Versions before the Scheduler wrote the start-up .qwc without one, so Web Connector never ran on its own. Only
 * that file (its OwnerID/FileID are the stored start identity) is rewritten, with the same identity; a .qwc from
 * `npm run qwc` is left alone. Web Connector reads the schedule when the application is added, hence the action.
 */
function upgradeQwcWithoutScheduler(qwcFile: string, config: AppConfig, logger: CompanyLogger): void {
  const facts = readQwcFacts(readFileSync(qwcFile, 'utf8'));
  if (!facts || facts.runEveryMinutes !== undefined || !existsSync(path.join(config.dataDir, QWC_IDENTITY_FILE))) return;
  const input = startupQwcInput(config);
  if (facts.ownerId !== input.ownerId || facts.fileId !== input.fileId) return;
  writeQwcFile(qwcFile, renderQwc(input));
  logger.log({
    event: 'qwc.scheduler_added',
    file: qwcFile,
    runEveryMinutes: config.qbwc.runEveryMinutes,
    action: 'in Web Connector, remove the application and add this file again so it runs on its own',
  });
}

main().catch((err: unknown) => {
  // A refusal found while the app starts (the mapping does not match the Bitrix24 portal) is a configuration error too.
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

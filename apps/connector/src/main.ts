import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { formatGuid } from '@qb-b24/qbwc-soap';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from './app.setup.js';
import { runPrimary } from './cluster/run-primary.js';
import { qwcAppName, renderQwc, writeQwcFile } from './cli/write-qwc.js';
import { makeNewFilesPrivate, privatePaths, tightenModes } from './common/private-files.js';
import { CompanyLogger } from './companies/company-logger.js';
import { startCompanyHost } from './companies/company-host.js';
import { ConfigError } from './config/config.error.js';
import { LOG_LEVELS } from './config/env-vars.js';
import type { AppConfig } from './config/app-config.js';
import { loadCompanies } from './config/load-companies.js';
import { packageVersion } from './config/package-version.js';
import { FileSecretStore } from './config/secret-store.js';
import { QWC_IDENTITY_FILE } from './qbwc/qwc-identity.constant.js';

async function main(): Promise<void> {
  // Before any file is written (the secrets are, while the configuration loads).
  makeNewFilesPrivate();
  if (existsSync('.env')) process.loadEnvFile('.env');
  const consoleLogger = new ConsoleLogger('Connector', { json: process.env['LOG_FORMAT'] !== 'text', colors: false });
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

  // With WORKERS=N the primary writes the files below once, then starts the N processes that serve.
  if (cluster.isWorker) return serve(companies, multiCompany, logger);
  for (const company of companies) {
    const qwcFile = path.resolve('qwc', multiCompany ? `${company.companyId}.qwc` : 'connector.qwc');
    if (existsSync(qwcFile)) continue;
    writeQwcFile(qwcFile, renderQwc(qwcIdentity(company)));
    logger.log({ event: 'qwc.written', file: qwcFile, ...(multiCompany ? { company: company.companyId } : {}), action: 'add it in QuickBooks Web Connector' });
  }
  if (config.cluster.workers > 1) {
    runPrimary(config.cluster.workers, logger);
    return;
  }
  await serve(companies, multiCompany, logger);
}

/** Starts the HTTP service (every company's app) in this process. */
async function serve(companies: readonly AppConfig[], multiCompany: boolean, logger: CompanyLogger): Promise<void> {
  const [config] = companies;
  if (!config) throw new Error('no company configured');
  if (!multiCompany) {
    const app = await createApp(config, logger);
    await app.listen(config.http.port, config.http.host);
    logger.log({
      event: 'http.listening',
      url: `http://${config.http.host}:${config.http.port}`,
      publicUrl: config.http.publicUrl,
      database: config.database.type,
    });
    return;
  }
  const host = await startCompanyHost(companies, (c) => createApp(c, logger, { shutdownHooks: false }));
  await host.listen(config.http.port, config.http.host);
  logger.log({
    event: 'http.listening',
    url: `http://${config.http.host}:${config.http.port}`,
    companies: companies.map((c) => ({ id: c.companyId, publicUrl: c.http.publicUrl, database: c.database.type })),
  });
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

/** The start-up .qwc keeps the same OwnerID/FileID across restarts (stored beside the secrets, per company). */
function qwcIdentity(config: AppConfig): Parameters<typeof renderQwc>[0] {
  const baseUrl = config.http.publicUrl;
  const userName = config.qbwc.username;
  // QBWC keys applications by AppName: each company needs its own.
  const name = qwcAppName(config.http.basePath === '' ? undefined : config.companyId);
  const file = path.join(config.dataDir, QWC_IDENTITY_FILE);
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'ownerId' in parsed && 'fileId' in parsed) {
      return { baseUrl, userName, name, ownerId: String(parsed.ownerId), fileId: String(parsed.fileId) };
    }
  }
  const ids = { ownerId: formatGuid(randomBytes(16)), fileId: formatGuid(randomBytes(16)) };
  writeQwcFile(file, JSON.stringify(ids));
  return { baseUrl, userName, name, ...ids };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

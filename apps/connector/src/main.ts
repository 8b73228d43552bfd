import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { formatGuid } from '@qb-b24/qbwc-soap';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from './app.setup.js';
import { renderQwc, writeQwcFile } from './cli/write-qwc.js';
import { ConfigError } from './config/config.error.js';
import { LOG_LEVELS } from './config/env-vars.js';
import { loadConfig } from './config/load-config.js';
import { packageVersion } from './config/package-version.js';
import { FileSecretStore } from './config/secret-store.js';
import { QWC_IDENTITY_FILE } from './qbwc/qwc-identity.constant.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const logger = new ConsoleLogger('Connector', { json: process.env['LOG_FORMAT'] !== 'text', colors: false });
  let loaded;
  try {
    loaded = loadConfig(process.env, { cwd: process.cwd(), version: packageVersion(), secretStore: (dir) => new FileSecretStore(dir) });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const { config, generated } = loaded;
  logger.setLogLevels([...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1)].map((l) => (l === 'info' ? 'log' : l)));
  Logger.overrideLogger(logger);
  for (const g of generated) {
    logger.log({ event: 'config.secret_generated', secret: g.name, location: g.location, action: 'read it from that file; it is shown nowhere else' });
  }

  const qwcFile = path.resolve('qwc', 'connector.qwc');
  if (!existsSync(qwcFile)) {
    writeQwcFile(qwcFile, renderQwc(qwcIdentity(config.dataDir, config.http.publicUrl, config.qbwc.username)));
    logger.log({ event: 'qwc.written', file: qwcFile, action: 'add it in QuickBooks Web Connector' });
  }

  const app = await createApp(config, logger);
  await app.listen(config.http.port, config.http.host);
  logger.log({ event: 'http.listening', url: `http://${config.http.host}:${config.http.port}`, publicUrl: config.http.publicUrl, database: config.database.type });
}

/** The start-up .qwc keeps the same OwnerID/FileID across restarts (stored beside the secrets). */
function qwcIdentity(dataDir: string, baseUrl: string, userName: string): Parameters<typeof renderQwc>[0] {
  const file = path.join(dataDir, QWC_IDENTITY_FILE);
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'ownerId' in parsed && 'fileId' in parsed) {
      return { baseUrl, userName, ownerId: String(parsed.ownerId), fileId: String(parsed.fileId) };
    }
  }
  const ids = { ownerId: formatGuid(randomBytes(16)), fileId: formatGuid(randomBytes(16)) };
  writeQwcFile(file, JSON.stringify(ids));
  return { baseUrl, userName, ...ids };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

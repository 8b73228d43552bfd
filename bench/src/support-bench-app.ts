import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Bitrix24Client, FetchHttpTransport, LeakyBucket, STANDARD_RATE_LIMIT, type VirtualClock } from '@qb-b24/bitrix24-client';
import { AppModule } from '../../apps/connector/dist/app.module.js';
import { configureApp, createAdapter, NEST_APP_OPTIONS } from '../../apps/connector/dist/app.setup.js';
import { BITRIX24_CLIENT } from '../../apps/connector/dist/bitrix/bitrix.tokens.js';
import { loadConfig } from '../../apps/connector/dist/config/load-config.js';
import { CompanyLogger } from '../../apps/connector/dist/companies/company-logger.js';
import { ConnectorConsoleLogger } from '../../apps/connector/dist/console/connector-console-logger.js';
import { LOG_LEVELS, type LogLevelName } from '../../apps/connector/dist/config/env-vars.js';

import { BENCH_PASSWORD } from './support-bench-identity.js';

export { BENCH_FILE_ID, BENCH_OWNER_ID, BENCH_PASSWORD } from './support-bench-identity.js';

/**
 * BENCH_SERVICE_LOG_LEVEL (set by support-service-child.ts for the service's own process): the service logs as
 * production does, JSON lines on stdout at that level, and its stdout is a file. Unset (in-process benches): no logger.
 */
function logLevel(): LogLevelName | undefined {
  const level = process.env['BENCH_SERVICE_LOG_LEVEL'];
  return LOG_LEVELS.find((l) => l === level);
}

/** main.ts's logger at `level`, or none when the bench runs the service without logs. */
function productionLogger(level: LogLevelName): CompanyLogger | false {
  if (logLevel() === undefined) return false;
  const logger = new CompanyLogger(new ConnectorConsoleLogger('Connector', 'json'));
  logger.setLogLevels([...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1)].map((l) => (l === 'info' ? 'log' : l)));
  return logger;
}

/**
 * The connector in the calling process (production module and setup; only the Bitrix24 client is swapped for the
 * same class on a VirtualClock, so the STANDARD 2/s limit costs virtual, not real, seconds). Used in-process by
 * sync.bench.ts and as its own process by import-rss.child.ts (import-rss and soap-concurrent benches).
 */
export async function startBenchApp(
  webhookUrl: string,
  clock: VirtualClock,
  dbFile: string,
  sleep: (ms: number) => Promise<void> = clock.sleep,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const { config } = loadConfig(
    {
      DATABASE_URL: `sqlite:${dbFile}`,
      QBWC_PASSWORD: BENCH_PASSWORD,
      ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
      QB_TIME_ZONE: 'America/New_York',
      BITRIX24_WEBHOOK_URL: webhookUrl,
      BITRIX24_APPLICATION_TOKEN: 'bench-application-token',
      LOG_LEVEL: logLevel() ?? 'error',
      B24_POLL_SECONDS: '0',
    },
    {
      cwd: process.cwd(),
      version: '0.0.0-bench',
      secretStore: () => ({
        getOrCreate: () => {
          throw new Error('the bench passes every secret');
        },
      }),
    },
  );
  const client = new Bitrix24Client({
    webhookUrl,
    transport: new FetchHttpTransport(),
    rateLimiter: new LeakyBucket({ ...STANDARD_RATE_LIMIT, clock }),
    clock,
    sleep,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(BITRIX24_CLIENT)
    .useValue(client)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), {
    ...NEST_APP_OPTIONS,
    logger: productionLogger(config.logLevel),
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { app, url: `http://127.0.0.1:${address.port}` };
}

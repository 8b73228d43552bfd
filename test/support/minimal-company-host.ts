import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/connector/src/app.module.js';
import { configureApp, createAdapter, NEST_APP_OPTIONS } from '../../apps/connector/src/app.setup.js';
import { CLOCK } from '../../apps/connector/src/common/clock.js';
import { startCompanyHost, type CompanyHost } from '../../apps/connector/src/companies/company-host.js';
import { companyEnvPrefix, loadCompanies } from '../../apps/connector/src/config/load-companies.js';
import { FakeClock } from './fake-clock.js';
import { TEST_ADMIN_TOKEN, TEST_PASSWORD } from './test-app.js';

export const MINIMAL_COMPANY_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';

/**
 * One company (`acme`, user `qbwc-acme`, TEST_PASSWORD) behind the multi-company router, with no Bitrix24 portal
 * or QuickBooks emulator: for tests of the router's own HTTP behaviour. `env` adds service-wide settings;
 * `values` replaces injection tokens in the company app (as startTestApp's option does).
 */
export async function startMinimalCompanyHost(env: Record<string, string> = {}, values: ReadonlyMap<symbol, unknown> = new Map()): Promise<CompanyHost> {
  const prefix = companyEnvPrefix('acme');
  const { companies } = loadCompanies(
    {
      COMPANIES: 'acme',
      DATABASE_URL: 'sqlite::memory:',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'error',
      B24_POLL_SECONDS: '0',
      [`${prefix}QBWC_USERNAME`]: 'qbwc-acme',
      [`${prefix}QBWC_PASSWORD`]: TEST_PASSWORD,
      [`${prefix}QB_COMPANY_FILE`]: MINIMAL_COMPANY_FILE,
      ...env,
    },
    {
      cwd: process.cwd(),
      version: '0.0.0-test',
      secretStore: () => ({
        getOrCreate: () => {
          throw new Error('tests pass every secret explicitly');
        },
      }),
    },
  );
  return startCompanyHost(companies, async (config) => {
    let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(CLOCK)
      .useValue(new FakeClock());
    for (const [token, value] of values) builder = builder.overrideProvider(token).useValue(value);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { ...NEST_APP_OPTIONS, logger: false });
    configureApp(app, config, { shutdownHooks: false });
    return app;
  });
}

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../apps/connector/src/config/config.error.js';
import { startMultiCompanyHarness } from '../support/multi-company-harness.js';
import { A, B, smallCompany } from '../support/multi-company-checks.js';

// Companies hosted by one service must not share a system: the start is refused, naming the setting and the companies.
describe('start-up refuses companies that share a system', () => {
  const shared: readonly [string, string, RegExp][] = [
    ['BITRIX24_WEBHOOK_URL', 'http://127.0.0.1:9/rest/1/sharedcode0123/', /share a Bitrix24 webhook URL/],
    ['BITRIX24_APPLICATION_TOKEN', 'one-application-token-for-both', /share a Bitrix24 application token/],
    ['QBWC_USERNAME', 'qbwc-shared', /share a Web Connector user name/],
  ];
  for (const [name, value, message] of shared) {
    it(`two companies with one ${name}`, async () => {
      const start = startMultiCompanyHarness({
        companies: [
          { id: A, qb: smallCompany(), env: { [name]: value } },
          { id: B, env: { [name]: value } },
        ],
      });
      const err: unknown = await start.then(
        async (h) => {
          await h.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      expect(String((err as Error).message)).toMatch(message);
      expect(String((err as Error).message)).toContain(`"${A}" and "${B}"`);
      expect(String((err as Error).message)).not.toContain(value);
    });
  }
});

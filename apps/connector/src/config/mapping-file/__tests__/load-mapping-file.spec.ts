import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../../../../../../test/support/test-app.js';
import { ConfigError } from '../../config.error.js';
import { loadCompanies } from '../../load-companies.js';
import { loadMappingFile } from '../load-mapping-file.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function folder(): string {
  const d = tempDataDir();
  cleanup = d.cleanup;
  return d.dir;
}
const secretStore = () => ({ getOrCreate: (name: string) => ({ value: `generated-${name}-0123456789abcdef-0123`, location: name, created: false }) });

describe('which mapping file is used', () => {
  it('./mapping.json in the working directory is used when present', () => {
    const cwd = folder();
    writeFileSync(path.join(cwd, 'mapping.json'), '{"deals":{"currency":"EUR"}}');
    const loaded = loadMappingFile({ mappingFile: undefined, cwd, estimateStageEnv: undefined });
    expect(loaded.file).toBe(path.join(cwd, 'mapping.json'));
    expect(loaded.rules.deals.currency).toBe('EUR');
  });

  it('without ./mapping.json the built-in defaults apply', () => {
    const loaded = loadMappingFile({ mappingFile: undefined, cwd: folder(), estimateStageEnv: undefined });
    expect(loaded.file).toBeNull();
    expect(loaded.rules.deals.currency).toBe('USD');
  });

  it('a relative MAPPING_FILE is found from the working directory, in a sub-folder too', () => {
    const cwd = folder();
    mkdirSync(path.join(cwd, 'config'));
    writeFileSync(path.join(cwd, 'config', 'rules.json'), '{"vendors":{"contactType":"PARTNER"}}');
    expect(loadMappingFile({ mappingFile: path.join('config', 'rules.json'), cwd, estimateStageEnv: undefined }).rules.vendors.contactType).toBe('PARTNER');
  });

  it('a bad file is a ConfigError naming the file and the key', () => {
    const cwd = folder();
    writeFileSync(path.join(cwd, 'mapping.json'), '{"deals":{"amount":"gross"}}');
    expect(() => loadMappingFile({ mappingFile: undefined, cwd, estimateStageEnv: undefined })).toThrow(ConfigError);
    expect(() => loadMappingFile({ mappingFile: undefined, cwd, estimateStageEnv: undefined })).toThrow(
      `mapping file ${path.join(cwd, 'mapping.json')}: deals.amount: "gross" is not one of "subtotal", "total"`,
    );
  });
});

describe('several companies', () => {
  it('share the service mapping file unless a company names its own', () => {
    const cwd = folder();
    writeFileSync(path.join(cwd, 'shared.json'), '{"deals":{"currency":"EUR"}}');
    writeFileSync(path.join(cwd, 'beta.json'), '{"deals":{"currency":"GBP"}}');
    const { companies } = loadCompanies(
      { COMPANIES: 'acme,beta', MAPPING_FILE: 'shared.json', COMPANY_BETA_MAPPING_FILE: 'beta.json', DATABASE_URL: 'sqlite::memory:' },
      { cwd, version: '1.0.0', secretStore },
    );
    expect(companies.map((c) => [c.companyId, c.mapping.rules.deals.currency, c.mapping.file])).toEqual([
      ['acme', 'EUR', path.join(cwd, 'shared.json')],
      ['beta', 'GBP', path.join(cwd, 'beta.json')],
    ]);
  });

  it("a company's bad mapping file is refused naming the company", () => {
    const cwd = folder();
    writeFileSync(path.join(cwd, 'beta.json'), '{"deals":{"currency":"gbp"}}');
    expect(() =>
      loadCompanies(
        { COMPANIES: 'acme,beta', COMPANY_BETA_MAPPING_FILE: 'beta.json', DATABASE_URL: 'sqlite::memory:' },
        { cwd, version: '1.0.0', secretStore },
      ),
    ).toThrow(/company "beta" \(COMPANY_BETA_\*\): mapping file .*beta\.json: deals\.currency: "gbp" is not a currency code/);
  });
});

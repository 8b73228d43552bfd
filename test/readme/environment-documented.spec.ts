import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvVars } from '../../apps/connector/src/config/env-vars.js';
import { COMPANY_SETTINGS } from '../../apps/connector/src/config/load-companies.js';
import { REPO } from './readme-sandbox.js';

// Every variable the service reads (EnvVars, validated at start-up) is one a user can find: a row of the README's
// environment table and a line of .env.example, so a new setting cannot ship undocumented. The README's
// multi-company list of what a company may override is the list the loader honours.

const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const envExample = readFileSync(path.join(REPO, '.env.example'), 'utf8');

/** The variables EnvVars validates: each property carries at least one class-validator decorator. */
const variables = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvVars, '', true, false)
      .map((m) => m.propertyName),
  ),
].sort();

/** Names in the first cell of the README's table rows (`| \`PORT\` / \`HOST\` | …`). */
const tableNames = new Set(
  readme
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
);

/** The README's "Shared, a company may override" and "Per company only" items, as one text. */
const companyLists = readme
  .split('\n- **')
  .filter((s) => s.startsWith('Per company only:**') || s.startsWith('Shared, a company may override:**'))
  .join('\n');

describe('the environment as documented', () => {
  it('finds the variables (the metadata read is not empty)', () => {
    expect(variables).toContain('QBWC_TAKEOVER_MINUTES');
    expect(variables.length).toBeGreaterThan(30);
  });

  it.each(variables)('%s has a row in the README environment table', (name) => {
    expect(tableNames.has(name)).toBe(true);
  });

  it.each(variables)('%s is in .env.example', (name) => {
    expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });

  it.each([...COMPANY_SETTINGS])('%s, which a company may set, is in the README multi-company lists', (name) => {
    expect(companyLists).toContain(`\`${name}\``);
  });
});

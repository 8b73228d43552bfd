import { formatGuid } from '@qb-b24/qbwc-soap';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { companyBasePath, companyEnvPrefix } from '../config/load-companies.js';
import { QWC_IDENTITIES_FILE } from '../qbwc/qwc-identity.constant.js';
import { qwcAppName, renderQwc, writeQwcFile } from './write-qwc.js';

// `npm run qwc -- [--out FILE] [--url URL] [--name NAME] [--minutes N] [--user NAME] [--company ID]` (INTERFACE.md,
// plus --user and --company). Fresh GUIDs each run.
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    url: { type: 'string' },
    name: { type: 'string' },
    minutes: { type: 'string' },
    user: { type: 'string' },
    company: { type: 'string' },
  },
  strict: true,
});
if (existsSync('.env')) process.loadEnvFile('.env');
const company = values.company;
const hosted = (process.env['COMPANIES'] ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s !== '');
if (company !== undefined && !hosted.includes(company)) {
  console.error(`--company ${company}: not one of the companies in COMPANIES (${hosted.join(', ') || 'unset'})`);
  process.exit(2);
}
if (company === undefined && hosted.length > 0) {
  console.error(`This service hosts several companies (COMPANIES=${hosted.join(',')}): say which with --company ID`);
  process.exit(2);
}
const root = (values.url ?? process.env['PUBLIC_URL'] ?? `http://localhost:${process.env['PORT'] ?? '8080'}`).replace(/\/+$/, '');
// A hosted company's endpoints, identities and default user name are its own.
const baseUrl = company === undefined ? root : `${root}${companyBasePath(company)}`;
const dataDir = path.resolve(process.env['DATA_DIR'] ?? 'data', ...(company === undefined ? [] : ['companies', company]));
const defaultUser =
  company === undefined
    ? (process.env['QBWC_USERNAME'] ?? 'qbconnector')
    : (process.env[`${companyEnvPrefix(company)}QBWC_USERNAME`] ?? `qbconnector-${company}`);
const minutes = values.minutes !== undefined ? Number(values.minutes) : undefined;
if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1)) {
  console.error('--minutes must be a whole number of minutes, at least 1');
  process.exit(2);
}
try {
  // Fresh GUIDs each run (INTERFACE.md); remembered in the data folder so the service can recognise the
  // company file Web Connector registers them in.
  const ids = { ownerId: formatGuid(randomBytes(16)), fileId: formatGuid(randomBytes(16)) };
  const content = renderQwc({
    ...ids,
    baseUrl,
    userName: values.user ?? defaultUser,
    name: values.name ?? qwcAppName(company),
    ...(minutes !== undefined ? { minutes } : {}),
  });
  const out = path.resolve(values.out ?? path.join('qwc', company === undefined ? 'connector.qwc' : `${company}.qwc`));
  writeQwcFile(out, content);
  rememberIdentity(path.join(dataDir, QWC_IDENTITIES_FILE), ids);
  console.log(`Wrote ${out}. In Web Connector: Add an application → choose this file → type the QBWC password.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

function rememberIdentity(file: string, ids: { ownerId: string; fileId: string }): void {
  let list: unknown[] = [];
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(parsed)) list = parsed;
  }
  writeQwcFile(file, JSON.stringify([...list, ids], null, 2));
}

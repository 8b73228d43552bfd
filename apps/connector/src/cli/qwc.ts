import { formatGuid } from '@qb-b24/qbwc-soap';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { companyBasePath, companyEnvPrefix } from '../config/load-companies.js';
import { QWC_IDENTITIES_FILE } from '../qbwc/qwc-identity.constant.js';
import { DEFAULT_RUN_EVERY_MINUTES, MAX_RUN_EVERY_MINUTES, MIN_RUN_EVERY_MINUTES, parseRunEveryMinutes } from '../qbwc/qwc-schedule.js';
import { qwcAppName, renderQwc, writeQwcFile } from './write-qwc.js';

const USAGE = `Usage: npm run qwc -- [--url URL] [--run-every-minutes N] [--company ID] [--user NAME] [--out FILE] [--name NAME]
  --url                base URL of the service (default PUBLIC_URL, else http://localhost:PORT)
  --run-every-minutes  Web Connector runs the sync every N minutes (1-1440; default QWC_RUN_EVERY_MINUTES, else 15);
                       --minutes is the same option
  --company            the company id, when COMPANIES lists several
  --user               Web Connector user name (default QBWC_USERNAME, else qbconnector)`;

// INTERFACE.md's `npm run qwc -- [--out FILE] [--url URL] [--name NAME] [--minutes N]`, plus the options the .qwc
// written at start takes from the environment (company, user, run interval). Fresh GUIDs each run.
let values;
try {
  values = parseArgs({
    options: {
      out: { type: 'string' },
      url: { type: 'string' },
      name: { type: 'string' },
      minutes: { type: 'string' },
      'run-every-minutes': { type: 'string' },
      user: { type: 'string' },
      company: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  }).values;
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (values.help === true) {
  console.log(USAGE);
  process.exit(0);
}
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
if (values.url !== undefined && !/^https?:\/\/[^\s/]+/.test(values.url))
  fail(`--url must be the service's http(s) base URL, e.g. https://sync.example.com, not "${values.url}"`);
const root = (values.url ?? process.env['PUBLIC_URL'] ?? `http://localhost:${process.env['PORT'] ?? '8080'}`).replace(/\/+$/, '');
// A hosted company's endpoints, identities and default user name are its own.
const baseUrl = company === undefined ? root : `${root}${companyBasePath(company)}`;
const dataDir = path.resolve(process.env['DATA_DIR'] ?? 'data', ...(company === undefined ? [] : ['companies', company]));
const defaultUser =
  company === undefined
    ? (process.env['QBWC_USERNAME'] ?? 'qbconnector')
    : (process.env[`${companyEnvPrefix(company)}QBWC_USERNAME`] ?? `qbconnector-${company}`);
const minutes = runEveryMinutes(values['run-every-minutes'] ?? values.minutes, process.env['QWC_RUN_EVERY_MINUTES']);
try {
  // Fresh GUIDs each run (INTERFACE.md); remembered in the data folder so the service can recognise the
  // company file Web Connector registers them in.
  const ids = { ownerId: formatGuid(randomBytes(16)), fileId: formatGuid(randomBytes(16)) };
  const content = renderQwc({
    ...ids,
    baseUrl,
    userName: values.user ?? defaultUser,
    name: values.name ?? qwcAppName(company),
    minutes,
  });
  const out = path.resolve(values.out ?? path.join('qwc', company === undefined ? 'connector.qwc' : `${company}.qwc`));
  writeQwcFile(out, content);
  rememberIdentity(path.join(dataDir, QWC_IDENTITIES_FILE), ids);
  console.log(`Wrote ${out} (${baseUrl}/qbwc, user ${values.user ?? defaultUser}, runs every ${minutes} minutes).`);
  console.log('In Web Connector: Add an application → choose this file → type the QBWC password.');
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

function runEveryMinutes(option: string | undefined, env: string | undefined): number {
  const range = `whole minutes from ${MIN_RUN_EVERY_MINUTES} to ${MAX_RUN_EVERY_MINUTES}`;
  if (option !== undefined) return parseRunEveryMinutes(option) ?? fail(`--run-every-minutes must be ${range}, not "${option}"`);
  if (env !== undefined && env !== '') return parseRunEveryMinutes(env) ?? fail(`QWC_RUN_EVERY_MINUTES must be ${range}`);
  return DEFAULT_RUN_EVERY_MINUTES;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

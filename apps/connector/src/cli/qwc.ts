import { formatGuid } from '@qb-b24/qbwc-soap';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { QWC_IDENTITIES_FILE } from '../qbwc/qwc-identity.constant.js';
import { renderQwc, writeQwcFile } from './write-qwc.js';

// `npm run qwc -- [--out FILE] [--url URL] [--name NAME] [--minutes N]` (INTERFACE.md). Fresh GUIDs each run.
const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    url: { type: 'string' },
    name: { type: 'string' },
    minutes: { type: 'string' },
    user: { type: 'string' },
  },
  strict: true,
});
if (existsSync('.env')) process.loadEnvFile('.env');
const baseUrl = values.url ?? process.env['PUBLIC_URL'] ?? `http://localhost:${process.env['PORT'] ?? '8080'}`;
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
    userName: values.user ?? process.env['QBWC_USERNAME'] ?? 'qbconnector',
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(minutes !== undefined ? { minutes } : {}),
  });
  const out = path.resolve(values.out ?? path.join('qwc', 'connector.qwc'));
  writeQwcFile(out, content);
  rememberIdentity(path.resolve(process.env['DATA_DIR'] ?? 'data', QWC_IDENTITIES_FILE), ids);
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

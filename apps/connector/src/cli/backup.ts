import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { backupDatabase } from '../backup/backup-database.js';
import { BackupError } from '../backup/backup.error.js';
import { makeNewFilesPrivate } from '../common/private-files.js';
import { ConfigError } from '../config/config.error.js';
import { loadCompanies } from '../config/load-companies.js';
import { packageVersion } from '../config/package-version.js';
import { newSecret, type SecretStore } from '../config/secret-store.js';

// `npm run backup [-- --company ID]`: an online backup of each company's SQLite database (or one company's) into
// BACKUP_DIR, with the service running or not. Same environment and .env as the service; run it where it runs.
const { values } = parseArgs({ options: { company: { type: 'string' } }, strict: true });
makeNewFilesPrivate();
if (existsSync('.env')) process.loadEnvFile('.env');

// A backup needs no secret: a missing one is not generated here (the service does that on its first start).
const noSecrets: SecretStore = { getOrCreate: () => ({ value: newSecret(), location: '', created: false }) };

async function run(): Promise<number> {
  let companies;
  try {
    companies = loadCompanies(process.env, { cwd: process.cwd(), version: packageVersion(), secretStore: () => noSecrets }).companies;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 78;
    }
    throw err;
  }
  const chosen = values.company === undefined ? companies : companies.filter((c) => c.companyId === values.company);
  if (chosen.length === 0) {
    console.error(`--company ${values.company ?? ''}: not one of the companies in COMPANIES (${companies.map((c) => c.companyId).join(', ')})`);
    return 2;
  }
  for (const config of chosen) {
    try {
      const r = await backupDatabase(config, 'manual', new Date());
      const removed = r.removed.length > 0 ? `; removed ${r.removed.length} older (keeping ${config.backup.keep})` : '';
      console.log(`Wrote ${r.file} (${r.bytes} bytes)${removed}`);
    } catch (err) {
      if (!(err instanceof BackupError)) throw err;
      console.error(err.message);
      return 2;
    }
  }
  return 0;
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);

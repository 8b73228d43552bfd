import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';

/** Folders the service writes: owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files it writes (database, WAL, secrets, .qwc): owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Windows has no POSIX mode bits (Node ignores them there; the data folder inherits its parent's ACL, as the
 * README says), so everything here is a no-op on win32.
 */
const POSIX = process.platform !== 'win32';

/**
 * New files and folders are private from the first one on: the umask clears group and other bits for
 * everything the process creates, the SQLite database and its -wal/-shm included (better-sqlite3 creates
 * them with the default 0644 otherwise). Called first thing in main.
 */
export function makeNewFilesPrivate(): void {
  if (POSIX) process.umask(0o077);
}

/** The folders and files an installation keeps: each company's data folder, its SQLite files, and the .qwc folder. */
export function privatePaths(configs: readonly AppConfig[], qwcDir: string): { dirs: string[]; files: string[] } {
  const dirs = new Set<string>([qwcDir]);
  const files = new Set<string>();
  for (const c of configs) {
    dirs.add(c.dataDir);
    if (c.database.type === 'sqlite' && c.database.path !== ':memory:') {
      // The database's folder only when it is the service's own (inside the data folder): DATABASE_URL may name a
      // file in a shared folder, and taking other users' access to that away is not ours to do.
      const dbDir = path.dirname(c.database.path);
      if (isInside(dbDir, c.dataDir)) dirs.add(dbDir);
      for (const suffix of ['', '-wal', '-shm']) files.add(`${c.database.path}${suffix}`);
    }
  }
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isFile()) files.add(path.join(dir, entry.name));
  }
  return { dirs: [...dirs], files: [...files] };
}

/** Whether `child` is `parent` or a folder inside it. Pure. */
function isInside(child: string, parent: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Removes group and other access from the given folders and files where an older version (or a copy) left
 * them readable: installations from before the umask had a 0644 database and 0755 folders. Returns the
 * paths it changed, for one log line. Missing paths are skipped.
 */
export function tightenModes(paths: { dirs: readonly string[]; files: readonly string[] }): string[] {
  if (!POSIX) return [];
  const changed: string[] = [];
  const tighten = (p: string, mode: number): void => {
    // Never a file system root (`/`, `C:\`): a DATA_DIR or database path misconfigured as one must not lock the
    // machine's other users and services out of it.
    if (!existsSync(p) || path.parse(path.resolve(p)).root === path.resolve(p)) return;
    const st = statSync(p);
    // A "database file" that is a folder (a mistyped DATABASE_URL such as sqlite:/tmp) is not ours to change.
    if (mode === PRIVATE_FILE_MODE ? !st.isFile() : !st.isDirectory()) return;
    if ((st.mode & 0o077) === 0) return;
    chmodSync(p, mode);
    changed.push(p);
  };
  for (const d of paths.dirs) tighten(d, PRIVATE_DIR_MODE);
  for (const f of paths.files) tighten(f, PRIVATE_FILE_MODE);
  return changed;
}

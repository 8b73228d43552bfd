/** The folder every archive entry sits in, so extracting it makes one folder. */
export const RELEASE_ROOT = 'qb-bitrix24-connector';

/** Files copied as they are, besides the built JavaScript. */
export const RELEASE_STATIC_FILES = [
  'README.md',
  '.env.example',
  // npm settings the lockfile was made with (legacy-peer-deps), so npm ci on the PC resolves the same tree.
  '.npmrc',
  'deploy/windows/README.md',
  'deploy/windows/install-service.ps1',
  'deploy/windows/uninstall-service.ps1',
  'deploy/windows/upgrade-service.ps1',
] as const;

/**
 * Whether a file under a built folder (`apps/connector/dist`, `libs/<name>/dist`) goes into the release: the
 * JavaScript the service runs, not declarations, source maps (they point at sources that are not shipped) or
 * build info. Pure.
 */
export function isShippedBuildFile(relPath: string): boolean {
  const p = relPath.replace(/\\/g, '/');
  if (p.split('/').some((seg) => seg === '__tests__')) return false;
  if (/\.(spec|int-spec|e2e-spec)\.js$/.test(p)) return false;
  return p.endsWith('.js');
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The release's package.json: the same dependencies (so the lockfile still matches), only the libs as workspaces
 * (the emulators are test code and are not shipped), and scripts that run the built files (no TypeScript on the
 * PC). Pure.
 */
export function releasePackageJson(pkg: unknown): Json {
  if (!isObject(pkg)) throw new Error('package.json is not an object');
  return {
    ...pkg,
    workspaces: ['libs/*'],
    scripts: {
      start: 'node --max-semi-space-size=8 apps/connector/dist/main.js',
      backup: 'node apps/connector/dist/cli/backup.js',
      qwc: 'node apps/connector/dist/cli/qwc.js',
    },
  };
}

/** The lockfile without the test-only workspaces (their folders and their node_modules links). Pure. */
export function releaseLockfile(lock: unknown): Json {
  if (!isObject(lock) || !isObject(lock['packages'])) throw new Error('package-lock.json has no packages');
  const testOnly = (key: string, entry: unknown): boolean =>
    key.startsWith('test/') || (isObject(entry) && typeof entry['resolved'] === 'string' && entry['link'] === true && entry['resolved'].startsWith('test/'));
  const packages: Json = {};
  for (const [key, entry] of Object.entries(lock['packages'])) {
    if (testOnly(key, entry)) continue;
    packages[key] = key === '' && isObject(entry) ? { ...entry, workspaces: ['libs/*'] } : entry;
  }
  return { ...lock, packages };
}

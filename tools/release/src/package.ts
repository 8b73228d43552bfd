import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isShippedBuildFile, RELEASE_ROOT, RELEASE_STATIC_FILES, releaseLockfile, releasePackageJson } from './release-manifest.js';
import { writeZip, type ZipEntry } from './zip.js';

// `npm run package`: builds release/qb-bitrix24-connector-<version>.zip from the built tree (npm run build first).
const repo = path.resolve(import.meta.dirname, '..', '..', '..');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** Repository-relative path → zip entry name under the release folder. */
const entryName = (rel: string): string => `${RELEASE_ROOT}/${rel.split(path.sep).join('/')}`;

function builtFiles(projectDir: string): ZipEntry[] {
  const dist = path.join(repo, projectDir, 'dist');
  if (!existsSync(dist)) throw new Error(`${projectDir}/dist is missing: run npm run build first`);
  return walk(dist)
    .filter((f) => isShippedBuildFile(path.relative(dist, f)))
    .map((f) => ({ name: entryName(path.relative(repo, f)), data: readFileSync(f) }));
}

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

function main(): void {
  const pkg: unknown = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const lock: unknown = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : '0.0.0';
  const libs = readdirSync(path.join(repo, 'libs'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(repo, 'libs', d.name, 'package.json')))
    .map((d) => d.name)
    .sort();
  const entries: ZipEntry[] = [
    { name: entryName('package.json'), data: json(releasePackageJson(pkg)) },
    { name: entryName('package-lock.json'), data: json(releaseLockfile(lock)) },
    ...RELEASE_STATIC_FILES.map((f) => ({ name: entryName(f), data: readFileSync(path.join(repo, f)) })),
    ...builtFiles(path.join('apps', 'connector')),
    ...libs.flatMap((lib) => [
      { name: entryName(path.join('libs', lib, 'package.json')), data: readFileSync(path.join(repo, 'libs', lib, 'package.json')) },
      ...builtFiles(path.join('libs', lib)),
    ]),
  ];
  // Where `npm run package` runs (npm starts scripts in the project folder), so a run never writes elsewhere.
  const outDir = path.resolve('release');
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${RELEASE_ROOT}-${version}.zip`);
  writeFileSync(out, writeZip(entries, new Date()));
  console.log(`Wrote ${out} (${entries.length} files). On the PC: extract it, then npm ci --omit=dev --ignore-scripts (see deploy/windows/README.md).`);
}

main();

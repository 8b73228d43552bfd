import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, type ZipEntry } from '../../tools/release/src/zip.js';
import { freePort } from '../support/service-process.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const ROOT = 'qb-bitrix24-connector/';
let entries: ZipEntry[] = [];
const names = () => entries.map((e) => e.name.slice(ROOT.length));
const text = (name: string) => entries.find((e) => e.name === ROOT + name)?.data.toString('utf8') ?? '';
const dirs: string[] = [];
const children: ChildProcess[] = [];

// `npm run package` after the build (the suite builds first, as `npm test` does).
beforeAll(() => {
  if (!once) return;
  const r = spawnSync(process.execPath, [path.join(REPO, 'tools', 'release', 'dist', 'package.js')], { cwd: REPO, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const file = /Wrote (.+\.zip) /.exec(r.stdout)?.[1] ?? '';
  entries = readZip(readFileSync(file));
});
// Removing an installed node_modules takes a while on a busy machine.
afterAll(async () => {
  await Promise.all(children.splice(0).map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r).kill()) : undefined)));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}, 300_000);

// Nothing here depends on the test database: the PostgreSQL rerun of test/e2e (.ci/run) skips it.
const once = process.env['TEST_DATABASE_URL'] === undefined || process.env['TEST_DATABASE_URL'] === '';

describe.runIf(once)('npm run package: the Windows release archive', () => {
  it('holds the built service, its libs, package.json, the lockfile and the Windows service scripts', () => {
    expect(entries.every((e) => e.name.startsWith(ROOT))).toBe(true);
    expect(names()).toEqual(
      expect.arrayContaining([
        'package.json',
        'package-lock.json',
        '.npmrc',
        'apps/connector/dist/main.js',
        'apps/connector/dist/cli/backup.js',
        'apps/connector/dist/cli/qwc.js',
        'libs/qbxml/package.json',
        'libs/qbxml/dist/index.js',
        'libs/qbwc-soap/dist/index.js',
        'libs/bitrix24-client/dist/index.js',
        'libs/sync-core/dist/index.js',
        'deploy/windows/install-service.ps1',
        'deploy/windows/uninstall-service.ps1',
        'deploy/windows/upgrade-service.ps1',
        'deploy/windows/README.md',
      ]),
    );
  });

  it('holds no tests, emulators, TypeScript sources, secrets, databases or node_modules', () => {
    const forbidden = [
      /node_modules\//,
      /\.ts$/,
      /\.map$/,
      /(^|\/)test\//,
      /emulator/i,
      /(spec|__tests__)/,
      /\.secret$/,
      /(^|\/)\.env$/,
      /\.sqlite/,
      /(^|\/)data\//,
      /\.qwc$/,
      /tsbuildinfo/,
    ];
    expect(names().filter((n) => forbidden.some((re) => re.test(n)))).toEqual([]);
  });

  it('its package.json and lockfile name only the shipped workspaces and run the built files', () => {
    const pkg: unknown = JSON.parse(text('package.json'));
    expect(pkg).toMatchObject({
      workspaces: ['libs/*'],
      scripts: { start: 'node --max-semi-space-size=8 apps/connector/dist/main.js', backup: 'node apps/connector/dist/cli/backup.js' },
    });
    const lock: unknown = JSON.parse(text('package-lock.json'));
    const keys =
      typeof lock === 'object' && lock !== null && 'packages' in lock && typeof lock.packages === 'object' && lock.packages ? Object.keys(lock.packages) : [];
    expect(keys.filter((k) => k.startsWith('test/') || k.includes('emulator') || k.endsWith('qbwc-driver'))).toEqual([]);
  });

  it('the PowerShell scripts name only files the archive contains, and document every parameter', () => {
    // pwsh is not installed on the Linux build machine: the scripts are checked statically.
    const readme = text('deploy/windows/README.md');
    for (const script of ['install-service.ps1', 'uninstall-service.ps1', 'upgrade-service.ps1']) {
      const source = text(`deploy/windows/${script}`);
      for (const m of source.matchAll(/Join-Path \$InstallDir '([^']+)'/g)) {
        const rel = (m[1] ?? '').replace(/\\/g, '/');
        // The installer's probe that tells a repository (build it) from a release (already built).
        if (script === 'install-service.ps1' && rel === 'tsconfig.json') continue;
        expect(names(), `${script} uses ${rel}`).toContain(rel);
      }
      const params = /\bparam\(([\s\S]*?)\n\)/.exec(source)?.[1] ?? '';
      const declared = [...params.matchAll(/\]\s*\$([A-Za-z]+)/g)].map((p) => p[1]);
      expect(declared.length, script).toBeGreaterThan(0);
      for (const p of declared) expect(readme, `${script} -${p} is documented`).toContain(`-${p}`);
    }
  });

  it('the service runs as a virtual service account, not LocalSystem, with the data folder granted to it', () => {
    const install = text('deploy/windows/install-service.ps1');
    expect(install).toContain('$account = "NT SERVICE\\$ServiceName"');
    expect(install).toMatch(/sc\.exe config \$ServiceName obj= \$account/);
    expect(install).toMatch(/icacls \$DataDir \/grant "\$\{account\}:\(OI\)\(CI\)M"/);
    const script = text('deploy/windows/upgrade-service.ps1');
    const upgrade = script.slice(script.indexOf('$ErrorActionPreference'));
    // Back up, stop, install, start: in that order.
    const order = ['& $node $backupCli', '$nssm stop', 'Expand-Archive', 'npm ci --omit=dev --ignore-scripts', '& $nssm start $ServiceName\n'].map((s) =>
      upgrade.indexOf(s),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('installs with npm ci --omit=dev --ignore-scripts from the unpacked archive alone and answers GET /health', async () => {
    const unpacked = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-release-'));
    dirs.push(unpacked);
    for (const e of entries) {
      const file = path.join(unpacked, ...e.name.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, e.data);
    }
    const app = path.join(unpacked, 'qb-bitrix24-connector');
    // Exactly as on the PC: --ignore-scripts skips npm's implicit node-gyp step (it would want Python and a
    // compiler); better-sqlite3 13 loads the binary for this platform from its own prebuilds/ folder.
    const ci = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8' });
    expect(ci.status, ci.stderr).toBe(0);
    // Production only: no compiler, test runner or emulator came along.
    for (const dev of ['typescript', 'vitest', '@swc/core', '@biomejs/biome', 'soap']) expect(existsSync(path.join(app, 'node_modules', dev)), dev).toBe(false);
    expect(readdirSync(path.join(app, 'node_modules', '@qb-b24')).sort()).toEqual(['bitrix24-client', 'qbwc-soap', 'qbxml', 'sync-core']);

    // Like the Windows service: working directory = the data folder, the program elsewhere.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-release-data-'));
    dirs.push(dataDir);
    const port = await freePort();
    let out = '';
    const child = spawn(process.execPath, [path.join(app, 'apps', 'connector', 'dist', 'main.js')], {
      cwd: dataDir,
      env: { PATH: process.env['PATH'] ?? '', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    let status = 0;
    for (let i = 0; i < 400 && status !== 200 && child.exitCode === null; i += 1) {
      status = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status, out).toBe(200);

    // The upgrade script's first step, against the running service.
    const backup = spawnSync(process.execPath, [path.join(app, 'apps', 'connector', 'dist', 'cli', 'backup.js')], {
      cwd: dataDir,
      env: { PATH: process.env['PATH'] ?? '' },
      encoding: 'utf8',
    });
    expect(backup.status, backup.stderr).toBe(0);
    expect(readdirSync(path.join(dataDir, 'data', 'backups'))).toHaveLength(1);
  }, 300_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '../support/service-process.js';

// POSIX modes only: Windows ignores them (the data folder inherits its parent's ACL).
const posix = process.platform !== 'win32';
const MAIN = path.resolve(import.meta.dirname, '..', '..', 'apps', 'connector', 'dist', 'main.js');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts the built service in `cwd` (as `npm start` does, umask of the shell left as it is) and waits for /health. */
async function startIn(cwd: string): Promise<{ output: () => string }> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200, '/health to answer', { child }).catch((e: Error) => {
    throw new Error(`${e.message}:\n${out}`);
  });
  return { output: () => out };
}

/** Every folder and file the service keeps, with its permission bits. */
function modes(cwd: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of ['data', 'qwc']) {
    out[dir] = (statSync(path.join(cwd, dir)).mode & 0o777).toString(8);
    for (const f of readdirSync(path.join(cwd, dir))) out[`${dir}/${f}`] = (statSync(path.join(cwd, dir, f)).mode & 0o777).toString(8);
  }
  return out;
}

const ownerOnly = (m: Record<string, string>) => Object.entries(m).filter(([, mode]) => mode !== '700' && mode !== '600');

describe.runIf(posix)('data folders and database files are readable by the owner only (issue 19)', () => {
  it('a fresh start creates data/ and qwc/ 0700 and the database, its -wal/-shm, secrets and .qwc 0600', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-modes-'));
    dirs.push(cwd);
    // The shell's usual umask: without the service's own, everything below would be 0644/0755.
    const previous = process.umask(0o022);
    try {
      await startIn(cwd);
    } finally {
      process.umask(previous);
    }
    const m = modes(cwd);
    expect(m).toMatchObject({
      data: '700',
      qwc: '700',
      'data/connector.sqlite': '600',
      'data/connector.sqlite-wal': '600',
      'data/connector.sqlite-shm': '600',
      'qwc/connector.qwc': '600',
    });
    expect(ownerOnly(m)).toEqual([]);
  }, 30_000);

  it('an existing installation with 0755 folders and 0644 files is tightened at start, with one log line', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-modes-'));
    dirs.push(cwd);
    mkdirSync(path.join(cwd, 'data'));
    mkdirSync(path.join(cwd, 'qwc'));
    // An empty file is a valid new SQLite database; the notes file stands for anything else kept there.
    for (const f of ['data/connector.sqlite', 'data/notes.txt', 'qwc/connector.qwc']) {
      writeFileSync(path.join(cwd, f), f.endsWith('.qwc') ? '<?xml version="1.0"?><QBWCXML/>' : '');
      chmodSync(path.join(cwd, f), 0o644);
    }
    chmodSync(path.join(cwd, 'data'), 0o755);
    chmodSync(path.join(cwd, 'qwc'), 0o755);

    const run = await startIn(cwd);
    const m = modes(cwd);
    expect(m).toMatchObject({ data: '700', qwc: '700', 'data/connector.sqlite': '600', 'data/notes.txt': '600', 'qwc/connector.qwc': '600' });
    expect(ownerOnly(m)).toEqual([]);
    const lines = run
      .output()
      .split('\n')
      .filter((l) => l.includes('files.tightened'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path.join(cwd, 'data', 'connector.sqlite'));
  }, 30_000);
});

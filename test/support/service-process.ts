import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const MAIN_JS = path.join(ROOT, 'apps', 'connector', 'dist', 'main.js');
export const QWC_CLI_JS = path.join(ROOT, 'apps', 'connector', 'dist', 'cli', 'qwc.js');

export interface NodeProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** Resolves once the output contains `text` (rejects if the process exits first). */
  waitFor(text: string): Promise<void>;
  readonly exited: Promise<number | null>;
}

/** A built script (`tsc -b` output) run with node in `cwd`, with only PATH and `env` in its environment. */
export function runNode(script: string, args: readonly string[], env: Record<string, string>, cwd: string): NodeProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return watchOutput(child, 'it');
}

/** Collects a child's stdout and stderr as they arrive, and lets a test wait for a line of it. */
export function watchOutput(child: ChildProcess, label: string): NodeProcess {
  let out = '';
  const waiters: { text: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const onData = (d: Buffer): void => {
    out += d.toString('utf8');
    for (const w of waiters.filter((x) => out.includes(x.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`${label} exited with ${code} before printing "${w.text}":\n${out}`));
      resolve(code);
    }),
  );
  return {
    child,
    output: () => out,
    waitFor: (text) => (out.includes(text) ? Promise.resolve() : new Promise((resolve, reject) => waiters.push({ text, resolve, reject }))),
    exited,
  };
}

/** Fresh working folders, removed by `cleanup()`. */
export class TempDirs {
  private readonly dirs: string[] = [];
  make(prefix: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }
  cleanup(): void {
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Polls `check` every 50 ms until it holds. Gives up when `child` exits or after `seconds` (default 45: a start takes
 * 1–2 s alone, but ten times that on the shared 2-core CI machine, and the test's own timeout is 60 s).
 */
export async function waitUntil(check: () => Promise<boolean>, what: string, opts: { child?: ChildProcess; seconds?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.seconds ?? 45) * 1000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (opts.child && opts.child.exitCode !== null) throw new Error(`the process exited (${opts.child.exitCode}) before ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

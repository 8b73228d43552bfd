import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '..', '..', 'apps', 'connector', 'dist', 'main.js');

export interface StartedService {
  readonly child: ChildProcess;
  readonly cwd: string;
  output(): string;
  readonly exited: Promise<number | null>;
}

/** Runs the built service (`npm start`) in a fresh working folder; `stopAll` kills what is left and removes the folders. */
export class ServiceStarter {
  private readonly children: ChildProcess[] = [];
  private readonly dirs: string[] = [];

  folder(): string {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-start-'));
    this.dirs.push(cwd);
    return cwd;
  }

  start(env: Record<string, string>, cwd = this.folder()): StartedService {
    let out = '';
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.push(child);
    child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, cwd, output: () => out, exited };
  }

  stopAll(): void {
    for (const c of this.children.splice(0)) c.kill();
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

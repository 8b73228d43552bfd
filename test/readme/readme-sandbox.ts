import { spawn } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type NodeProcess, watchOutput } from '../support/service-process.js';

export const REPO = path.resolve(import.meta.dirname, '..', '..');

/**
 * A scratch folder that looks like the repository to npm (package.json, node_modules, sources and build output are
 * links into it) but has its own working files, so `npm start` or `npm run qwc` run as written write their data/,
 * qwc/ and secrets there and never into the checkout. package.json is a link, not a copy: a newer copy would make
 * `tsc -b` think every project is out of date.
 */
export function linkRepoInto(dir: string): string {
  for (const entry of ['apps', 'libs', 'test', 'bench', 'tools', 'node_modules']) symlinkSync(path.join(REPO, entry), path.join(dir, entry), 'junction');
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.base.json', '.npmrc']) symlinkSync(path.join(REPO, file), path.join(dir, file), 'file');
  return dir;
}

export interface ShellRun extends NodeProcess {
  /** Stops the command and everything it started (npm → sh → node). */
  stop(): Promise<number | null>;
}

/** Runs a README command through the shell, as a reader would paste it, with a minimal environment. */
export function runShell(command: string, cwd: string, env: Record<string, string> = {}): ShellRun {
  const child = spawn(command, {
    cwd,
    shell: true,
    // Its own process group, so stop() reaches the service npm started.
    detached: process.platform !== 'win32',
    env: { PATH: process.env['PATH'] ?? '', HOME: os.homedir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watchOutput(child, `"${command}"`);
  const { exited } = watched;
  return {
    ...watched,
    stop: () => {
      if (child.exitCode === null && child.pid !== undefined) {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGTERM');
      }
      return exited;
    },
  };
}

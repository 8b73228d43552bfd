import { loadQwc } from '@qb-b24/qbwc-driver';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '../support/service-process.js';

const MAIN = path.resolve(import.meta.dirname, '..', '..', 'apps', 'connector', 'dist', 'main.js');
const QWC_CLI = path.resolve(import.meta.dirname, '..', '..', 'apps', 'connector', 'dist', 'cli', 'qwc.js');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the built service like `npm start` does, in a fresh working folder. */
function start(env: Record<string, string>): { child: ChildProcess; cwd: string; output: () => string; exited: Promise<number | null> } {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-start-'));
  dirs.push(cwd);
  let out = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, cwd, output: () => out, exited };
}

describe('npm start on a fresh machine', () => {
  it('generates and stores the secrets, writes the .qwc, serves the WSDL, and logs where the secrets are but never what', async () => {
    const port = await freePort();
    const run = start({ PORT: String(port), HOST: '127.0.0.1' });
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/qbwc?wsdl`)).status === 200, 'the WSDL');
    const wsdl = await (await fetch(`http://127.0.0.1:${port}/qbwc?wsdl`)).text();
    // The address comes from PUBLIC_URL (default http://localhost:<PORT>), never from the Host header.
    expect(wsdl).toContain(`location="http://localhost:${port}/qbwc"`);
    const passwordFile = path.join(run.cwd, 'data', 'qbwc-password.secret');
    const tokenFile = path.join(run.cwd, 'data', 'admin-token.secret');
    const password = readFileSync(passwordFile, 'utf8').trim();
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(24);
    if (process.platform !== 'win32') expect(statSync(passwordFile).mode & 0o077).toBe(0);
    expect(existsSync(path.join(run.cwd, 'data', 'connector.sqlite'))).toBe(true);
    const qwc = await loadQwc(readFileSync(path.join(run.cwd, 'qwc', 'connector.qwc'), 'utf8'));
    expect(qwc.appUrl).toBe(`http://localhost:${port}/qbwc`);
    expect(run.output()).toContain(passwordFile);
    expect(run.output()).not.toContain(password);
    expect(run.output()).not.toContain(token);
  });

  it('refuses to start with a default password and names the variable', async () => {
    const run = start({ QBWC_PASSWORD: 'your-secure-password-here', PORT: String(await freePort()) });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('QBWC_PASSWORD');
    expect(run.output()).not.toContain('your-secure-password-here');
  });

  it('refuses WORKERS above 1 on SQLite with exit 78 and says several processes need PostgreSQL', async () => {
    const run = start({ WORKERS: '2', PORT: String(await freePort()) });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('WORKERS');
    expect(run.output()).toContain('PostgreSQL');
  });

  it('hosts several companies: a .qwc, a password and a database each, one port, one clean shutdown', async () => {
    const port = await freePort();
    const run = start({ PORT: String(port), COMPANIES: 'acme,beta' });
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200, 'the service to answer /health');
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { checks: Record<string, unknown> };
    expect(Object.keys(health.checks)).toEqual(['company:acme', 'company:beta']);

    const acme = await loadQwc(readFileSync(path.join(run.cwd, 'qwc', 'acme.qwc'), 'utf8'));
    const beta = await loadQwc(readFileSync(path.join(run.cwd, 'qwc', 'beta.qwc'), 'utf8'));
    expect(acme.appUrl).toBe(`http://localhost:${port}/companies/acme/qbwc`);
    expect(beta.userName).toBe('qbconnector-beta');
    // Web Connector keys applications by AppName and needs a FileID per company file.
    expect(acme.appName).not.toBe(beta.appName);
    expect(acme.fileId).not.toBe(beta.fileId);
    const passwords = ['acme', 'beta'].map((id) => readFileSync(path.join(run.cwd, 'data', 'companies', id, 'qbwc-password.secret'), 'utf8').trim());
    expect(passwords[0]).not.toBe(passwords[1]);
    for (const id of ['acme', 'beta']) expect(existsSync(path.join(run.cwd, 'data', 'companies', id, 'connector.sqlite'))).toBe(true);
    for (const p of passwords) expect(run.output()).not.toContain(p);
    expect(run.output()).toContain('"company":"beta"');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toContain('MaxListenersExceededWarning');
  });

  it('names the company whose database cannot be opened, and does not start half the companies', async () => {
    const port = await freePort();
    const run = start({ PORT: String(port), COMPANIES: 'acme,beta', COMPANY_BETA_DATABASE_URL: `sqlite:${os.tmpdir()}` });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Company "beta" could not start');
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it("npm run qwc --company writes that company's .qwc and refuses an unknown company", async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-qwc-'));
    dirs.push(cwd);
    const cli = (args: string[]): Promise<{ code: number | null; out: string }> =>
      new Promise((resolve) => {
        let out = '';
        const child = spawn(process.execPath, [QWC_CLI, ...args], {
          cwd,
          env: { PATH: process.env['PATH'] ?? '', COMPANIES: 'acme,beta', COMPANY_BETA_QBWC_USERNAME: 'beta-books', PUBLIC_URL: 'https://sync.example.com' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
        child.on('exit', (code) => resolve({ code, out }));
      });
    expect((await cli(['--company', 'beta'])).code).toBe(0);
    const qwc = await loadQwc(readFileSync(path.join(cwd, 'qwc', 'beta.qwc'), 'utf8'));
    expect(qwc.appUrl).toBe('https://sync.example.com/companies/beta/qbwc');
    expect(qwc.userName).toBe('beta-books');
    const identities = JSON.parse(readFileSync(path.join(cwd, 'data', 'companies', 'beta', 'qwc-identities.json'), 'utf8')) as { fileId: string }[];
    expect(identities.map((i) => i.fileId)).toEqual([qwc.fileId]);
    const unknown = await cli(['--company', 'gamma']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('not one of the companies in COMPANIES');
    expect((await cli([])).out).toContain('say which with --company ID');
  });
});

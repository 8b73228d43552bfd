import { loadQwc } from '@qb-b24/qbwc-driver';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/service-process.js';
import { extractReadmeCommands } from './extract-readme-commands.js';
import { linkRepoInto, REPO, runShell, type ShellRun } from './readme-sandbox.js';

const README_COMMANDS = extractReadmeCommands(readFileSync(path.join(REPO, 'README.md'), 'utf8'));

/** Commands the tests below run exactly as the README writes them (placeholders filled, nothing else changed). */
const RUN_HERE: readonly string[] = [
  'npm start',
  'npm run qbwc:simulate -- --url http://localhost:8080/qbwc --password … --company test/emulators/quickbooks/fixtures/sample-company.json',
  'npm run qwc -- --url https://sync.example.com --run-every-minutes 15',
  'npm run qwc',
  'npm run qwc -- --company <id>',
  'npm run backup',
  'npm run package',
];

/** Commands that cannot run inside the suite, and where each one is exercised instead. */
const EXERCISED_ELSEWHERE: Readonly<Record<string, string>> = {
  'npm ci': 'a fresh install cannot run inside the suite it installs; .ci/run starts every CI run with it',
  'npm test': 'the suite this test belongs to; .ci/run runs it',
  'bash .ci/run': 'CI itself',
  'npm run lint': 'the first step of npm test',
  'npm run format': 'rewrites the checkout, so no test runs it; npm run lint (first step of npm test) checks the same formatting',
  'npm run demo':
    'serves until Ctrl+C; test/demo/src/__tests__/demo.e2e-spec.ts runs runDemo, the code it starts, through the import and a contact reaching QuickBooks',
  'npm run test:crash': 'npm test runs the crash suite (test/crash) with the rest',
  'npm run test:pg': '.ci/run runs the e2e suite on PostgreSQL through the same script, test/pg/with-postgres.sh',
  'bash test/pg/with-postgres.sh <command>': '.ci/run runs it with npx vitest run test/e2e as the command',
  'npm run bench': 'benchmarks take minutes and measure the machine: run by hand before the Benchmarks figures are updated, not in CI',
  'npm run bench -- sync': 'a benchmark (see npm run bench): run by hand, not in CI',
  'npm run bench -- soap-latency': 'a benchmark (see npm run bench): run by hand, not in CI',
  'npm run bench -- soap-concurrent': 'a benchmark (see npm run bench): run by hand, not in CI',
  'npm run bench -- worker-repos-cpu': 'a benchmark (see npm run bench): run by hand, not in CI',
  'npm run bench -- sync-payments': 'a benchmark (see npm run bench): run by hand, not in CI',
  'npm run bench -- soap-call-cpu': 'a benchmark (see npm run bench): run by hand, not in CI',
  'npm run bench -- soap-floor': 'a benchmark (see npm run bench): run by hand, not in CI',
  'node --max-semi-space-size=8 apps/connector/dist/main.js':
    'what npm start runs after its build (package.json "start"): run by the npm start test here; test/start-commands.spec.ts checks every launcher has the flag',
  'npm run bench -- multi-company-load': 'a benchmark (see npm run bench): run by hand, not in CI',
  'npm run bench -- scale-out': 'a benchmark (see npm run bench; needs PostgreSQL, run under test/pg/with-postgres.sh): run by hand, not in CI',
  'nssm stop QbBitrix24Connector': 'Windows with NSSM only; CI runs on Linux (deploy/windows/upgrade-service.ps1 makes the same call)',
  'npm ci --omit=dev --ignore-scripts':
    'test/e2e/windows-package.e2e-spec.ts runs exactly this in the unpacked release archive, then starts the service from it',
};

/** The README's own text of a command this file runs: a command the README dropped cannot be run by mistake. */
function readme(command: string): string {
  const found = README_COMMANDS.find((c) => c.command === command);
  if (!found) throw new Error(`the README no longer has: ${command}`);
  return found.command;
}

/** Fills a placeholder; fails if the README's command no longer has it, so nothing else is ever rewritten. */
function fill(command: string, placeholder: string, value: string): string {
  if (!command.includes(placeholder)) throw new Error(`"${command}" has no ${placeholder}`);
  return command.split(placeholder).join(value);
}

const scratch: string[] = [];
const running: ShellRun[] = [];
function sandbox(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-readme-'));
  scratch.push(dir);
  return linkRepoInto(dir);
}
afterAll(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('README commands', () => {
  it('every command in the README is run here or listed with where it is exercised', () => {
    const unexercised = README_COMMANDS.filter((c) => !RUN_HERE.includes(c.command) && !(c.command in EXERCISED_ELSEWHERE));
    expect(unexercised.map((c) => `README.md:${c.line}: ${c.command}`)).toEqual([]);
  });

  it('lists no command the README no longer has', () => {
    const inReadme = new Set(README_COMMANDS.map((c) => c.command));
    expect([...RUN_HERE, ...Object.keys(EXERCISED_ELSEWHERE)].filter((c) => !inReadme.has(c))).toEqual([]);
  });
});

describe('README commands, run as written', () => {
  it('npm start serves the service, and npm run qbwc:simulate runs a Web Connector session against it', { timeout: 300_000 }, async () => {
    const cwd = sandbox();
    const port = await freePort();
    // The README's simulate command names port 8080; a shared test machine cannot promise it, so both sides
    // move to a free port (an environment setting for the service, the one substitution in the command).
    const service = runShell(readme('npm start'), cwd, { PORT: String(port), HOST: 'localhost' });
    running.push(service);
    await service.waitFor('startup.ready');
    const password = readFileSync(path.join(cwd, 'data', 'qbwc-password.secret'), 'utf8').trim();
    const simulate = fill(
      fill(
        readme('npm run qbwc:simulate -- --url http://localhost:8080/qbwc --password … --company test/emulators/quickbooks/fixtures/sample-company.json'),
        '…',
        password,
      ),
      'localhost:8080',
      `localhost:${port}`,
    );
    const run = runShell(simulate, cwd);
    expect(await run.exited, run.output()).toBe(0);
    // Signed in (no "nvu") and ended normally; with Bitrix24 not configured the service has nothing to ask for.
    expect(run.output()).toContain('authenticate(strUserName="qbconnector", strPassword="***")');
    expect(run.output()).not.toContain('"nvu"');
    expect(run.output()).toMatch(/^=== (completed|none): .*\(rounds \d+\)$/m);
    // npm echoes the script's command line ("> node … --password …"); the simulator's own lines never show it.
    expect(
      run
        .output()
        .split('\n')
        .filter((l) => !l.startsWith('> ') && l.includes(password)),
    ).toEqual([]);
    // npm run backup, as written, while that service runs: a backup file of its database appears.
    const backup = runShell(readme('npm run backup'), cwd);
    expect(await backup.exited, backup.output()).toBe(0);
    expect(readdirSync(path.join(cwd, 'data', 'backups')).filter((f) => f.endsWith('-manual.sqlite'))).toHaveLength(1);
  });

  it('npm run qwc -- --url https://sync.example.com --run-every-minutes 15 writes a .qwc with that AppURL and a Scheduler', { timeout: 180_000 }, async () => {
    const cwd = sandbox();
    const run = runShell(readme('npm run qwc -- --url https://sync.example.com --run-every-minutes 15'), cwd);
    expect(await run.exited, run.output()).toBe(0);
    const qwc = await loadQwc(readFileSync(path.join(cwd, 'qwc', 'connector.qwc'), 'utf8'));
    expect(qwc.appUrl).toBe('https://sync.example.com/qbwc');
    expect(qwc.runEverySeconds).toBe(15 * 60);
  });

  it('npm run qwc writes the .qwc for the default local URL', { timeout: 180_000 }, async () => {
    const cwd = sandbox();
    const run = runShell(readme('npm run qwc'), cwd);
    expect(await run.exited, run.output()).toBe(0);
    const qwc = await loadQwc(readFileSync(path.join(cwd, 'qwc', 'connector.qwc'), 'utf8'));
    expect(qwc.appUrl).toBe('http://localhost:8080/qbwc');
    expect(qwc.runEverySeconds).toBe(15 * 60);
  });

  it('npm run qwc -- --company <id> writes that company’s .qwc', { timeout: 180_000 }, async () => {
    const cwd = sandbox();
    const run = runShell(fill(readme('npm run qwc -- --company <id>'), '<id>', 'acme'), cwd, { COMPANIES: 'acme,beta' });
    expect(await run.exited, run.output()).toBe(0);
    const qwc = await loadQwc(readFileSync(path.join(cwd, 'qwc', 'acme.qwc'), 'utf8'));
    expect(qwc.appUrl).toBe('http://localhost:8080/companies/acme/qbwc');
  });

  it('npm run package writes the release archive', { timeout: 300_000 }, async () => {
    const cwd = sandbox();
    const run = runShell(readme('npm run package'), cwd);
    expect(await run.exited, run.output()).toBe(0);
    const version = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(existsSync(path.join(cwd, 'release', `qb-bitrix24-connector-${version}.zip`))).toBe(true);
  });
});

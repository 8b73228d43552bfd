import { loadQwc } from '@qb-b24/qbwc-driver';
import { buildQwc } from '@qb-b24/qbwc-soap';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, MAIN_JS, type NodeProcess, runNode, TempDirs } from '../support/service-process.js';

const running: NodeProcess[] = [];
const dirs = new TempDirs();
afterEach(async () => {
  for (const p of running.splice(0)) {
    p.child.kill('SIGTERM');
    await p.exited;
  }
  dirs.cleanup();
});

/** `npm start` in a fresh folder (stdout is a pipe here, so JSON logs unless LOG_FORMAT says otherwise). */
function start(env: Record<string, string>): { run: NodeProcess; cwd: string } {
  const cwd = dirs.make('qb-b24-console-');
  const run = runNode(MAIN_JS, [], { HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, cwd);
  running.push(run);
  return { run, cwd };
}

function jsonLines(output: string): { level: string; timestamp: unknown; message: unknown }[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: string; timestamp: unknown; message: unknown });
}

describe('the start-up console', () => {
  it('prints where to go next (dashboard, setup, .qwc, password file) and what is missing, and no Nest route lines', async () => {
    const port = await freePort();
    const { run, cwd } = start({ PORT: String(port) });
    await run.waitFor('startup.ready');
    const lines = jsonLines(run.output());
    const ready = lines.find((l) => typeof l.message === 'object' && l.message !== null && 'event' in l.message && l.message.event === 'startup.ready');
    expect(ready?.message).toEqual({
      event: 'startup.ready',
      version: expect.any(String),
      dashboardUrl: `http://localhost:${port}/`,
      companies: [
        {
          setupUrl: `http://localhost:${port}/setup`,
          qwcFile: path.join(cwd, 'qwc', 'connector.qwc'),
          runEveryMinutes: 15,
          passwordFile: path.join(cwd, 'data', 'qbwc-password.secret'),
          todo: [
            expect.stringMatching(/^BITRIX24_WEBHOOK_URL is not set/),
            expect.stringMatching(/^BITRIX24_APPLICATION_TOKEN is not set/),
            expect.stringMatching(/^Web Connector has not connected yet/),
          ],
        },
      ],
    });
    for (const line of lines) expect(line.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(run.output()).not.toContain('RouterExplorer');
    expect(run.output()).not.toContain('InstanceLoader');
    expect(lines.length).toBeLessThan(10);
    expect(run.output()).not.toContain(readFileSync(path.join(cwd, 'data', 'qbwc-password.secret'), 'utf8').trim());
  });

  it('prints a text banner with ISO 8601 times when LOG_FORMAT=text, and writes the .qwc with the configured Scheduler', async () => {
    const port = await freePort();
    const { run, cwd } = start({ PORT: String(port), LOG_FORMAT: 'text', QWC_RUN_EVERY_MINUTES: '30', QBWC_PASSWORD: 'console-check-password-4f9a2c71e8' });
    await run.waitFor('Still to do:');
    const out = run.output();
    expect(out).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z +LOG \[Connector\] QuickBooks-Bitrix24 Connector .* is running\./);
    expect(out).toContain(`  Setup:                  http://localhost:${port}/setup`);
    expect(out).toContain('  Web Connector password: set by QBWC_PASSWORD');
    expect(out).not.toContain('console-check-password-4f9a2c71e8');
    expect(out).not.toMatch(/^\{/m);
    const qwc = await loadQwc(readFileSync(path.join(cwd, 'qwc', 'connector.qwc'), 'utf8'));
    expect(qwc.appUrl).toBe(`http://localhost:${port}/qbwc`);
    expect(qwc.runEverySeconds).toBe(30 * 60);
  });

  it('gives one banner line per hosted company', async () => {
    const port = await freePort();
    const { run } = start({ PORT: String(port), LOG_FORMAT: 'text', COMPANIES: 'acme,beta' });
    await run.waitFor('running for 2 companies');
    await run.waitFor('  beta: ');
    const out = run.output();
    expect(out).toContain(`  acme: setup http://localhost:${port}/companies/acme/setup; .qwc `);
    expect(out).toMatch(/ {2}beta: .*still to do: COMPANY_BETA_BITRIX24_WEBHOOK_URL is not set/);
  });

  it('adds the Scheduler to the start-up .qwc of an older version, keeping its identity, and leaves other .qwc files alone', async () => {
    const cwd = dirs.make('qb-b24-console-upgrade-');
    const port = await freePort();
    const ids = { ownerId: '{87EDAAF8-637E-4203-867F-4BA79C2F8998}', fileId: '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}' };
    const old = (fileId: string): string =>
      buildQwc({
        appName: 'QuickBooks-Bitrix24 Connector',
        appUrl: `http://localhost:${port}/qbwc`,
        appSupportUrl: `http://localhost:${port}/qbwc`,
        appDescription: 'sync',
        userName: 'qbconnector',
        ownerId: ids.ownerId,
        fileId,
      });
    mkdirSync(path.join(cwd, 'qwc'));
    mkdirSync(path.join(cwd, 'data'));
    writeFileSync(path.join(cwd, 'data', 'qwc-identity.json'), JSON.stringify(ids));
    writeFileSync(path.join(cwd, 'qwc', 'connector.qwc'), old(ids.fileId));
    const run = runNode(MAIN_JS, [], { HOST: '127.0.0.1', PORT: String(port) }, cwd);
    running.push(run);
    await run.waitFor('startup.ready');
    const upgraded = await loadQwc(readFileSync(path.join(cwd, 'qwc', 'connector.qwc'), 'utf8'));
    expect(upgraded.runEverySeconds).toBe(15 * 60);
    expect([upgraded.ownerId, upgraded.fileId]).toEqual([ids.ownerId, ids.fileId]);
    expect(run.output()).toContain('"event":"qwc.scheduler_added"');

    // A .qwc with another FileID (npm run qwc) is not the start-up file: it stays as it is.
    run.child.kill('SIGTERM');
    await run.exited;
    const other = old('{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}');
    writeFileSync(path.join(cwd, 'qwc', 'connector.qwc'), other);
    const again = runNode(MAIN_JS, [], { HOST: '127.0.0.1', PORT: String(port) }, cwd);
    running.push(again);
    await again.waitFor('startup.ready');
    expect(readFileSync(path.join(cwd, 'qwc', 'connector.qwc'), 'utf8')).toBe(other);
  });

  it('refuses an unknown LOG_FORMAT or QWC_RUN_EVERY_MINUTES by name', async () => {
    const { run } = start({ PORT: String(await freePort()), LOG_FORMAT: 'yaml', QWC_RUN_EVERY_MINUTES: '0' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('LOG_FORMAT');
    expect(run.output()).toContain('QWC_RUN_EVERY_MINUTES');
  });
});

import { loadQwc } from '@qb-b24/qbwc-driver';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QWC_CLI_JS, runNode, TempDirs } from '../support/service-process.js';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

/** `npm run qwc -- <args>` (its node half) in a fresh folder. */
async function qwc(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; cwd: string }> {
  const cwd = dirs.make('qb-b24-qwc-cli-');
  const run = runNode(QWC_CLI_JS, args, env, cwd);
  const code = await run.exited;
  return { code, out: run.output(), cwd };
}

describe('npm run qwc', () => {
  it('writes a .qwc that Web Connector runs every 15 minutes by default, with the AppURL and user asked for', async () => {
    const r = await qwc(['--url', 'https://sync.example.com', '--user', 'books-pc']);
    expect(r.code).toBe(0);
    const file = readFileSync(path.join(r.cwd, 'qwc', 'connector.qwc'), 'utf8');
    const parsed = await loadQwc(file);
    expect(parsed.appUrl).toBe('https://sync.example.com/qbwc');
    expect(parsed.userName).toBe('books-pc');
    expect(parsed.runEverySeconds).toBe(15 * 60);
    expect(file).toContain('<Scheduler>\n    <RunEveryNMinutes>15</RunEveryNMinutes>\n  </Scheduler>');
    expect(r.out).toContain('runs every 15 minutes');
  });

  it('takes the interval from --run-every-minutes, --minutes or QWC_RUN_EVERY_MINUTES', async () => {
    const option = await qwc(['--url', 'https://sync.example.com', '--run-every-minutes', '5'], { QWC_RUN_EVERY_MINUTES: '60' });
    expect((await loadQwc(readFileSync(path.join(option.cwd, 'qwc', 'connector.qwc'), 'utf8'))).runEverySeconds).toBe(5 * 60);
    const alias = await qwc(['--url', 'https://sync.example.com', '--minutes', '7']);
    expect((await loadQwc(readFileSync(path.join(alias.cwd, 'qwc', 'connector.qwc'), 'utf8'))).runEverySeconds).toBe(7 * 60);
    const env = await qwc(['--url', 'https://sync.example.com'], { QWC_RUN_EVERY_MINUTES: '60' });
    expect((await loadQwc(readFileSync(path.join(env.cwd, 'qwc', 'connector.qwc'), 'utf8'))).runEverySeconds).toBe(60 * 60);
  });

  it.each([
    [['--run-every-minutes', '0'], '--run-every-minutes must be whole minutes from 1 to 1440, not "0"'],
    [['--run-every-minutes', 'soon'], '--run-every-minutes must be whole minutes from 1 to 1440, not "soon"'],
    [['--minutes', '2.5'], 'not "2.5"'],
    [['--url', 'sync.example.com'], "--url must be the service's http(s) base URL"],
    [['--every', '5'], "Unknown option '--every'"],
  ])('refuses %j with a clear message, exit 2, and writes nothing', async (args, message) => {
    const r = await qwc(args);
    expect(r.code).toBe(2);
    expect(r.out).toContain(message);
    expect(r.out).toContain('Usage: npm run qwc');
    expect(r.out).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(r.cwd, 'qwc'))).toBe(false);
  });

  it('refuses a bad QWC_RUN_EVERY_MINUTES by name', async () => {
    const r = await qwc(['--url', 'https://sync.example.com'], { QWC_RUN_EVERY_MINUTES: '-3' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('QWC_RUN_EVERY_MINUTES must be whole minutes from 1 to 1440');
  });

  it('refuses a URL Web Connector would refuse (plain http to a remote host), exit 1', async () => {
    const r = await qwc(['--url', 'http://sync.example.com']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Web Connector would refuse this .qwc: APP_URL_NOT_HTTPS');
  });
});

import type { LoggerService } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { login, soapCall, TEST_COMPANY_FILE as COMPANY } from '../support/soap-call.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The structured lines the app logs, with their level. */
class Lines implements LoggerService {
  readonly lines: { level: string; line: Record<string, unknown> }[] = [];
  private push(level: string, message: unknown): void {
    if (typeof message === 'object' && message !== null) this.lines.push({ level, line: message as Record<string, unknown> });
  }
  log(m: unknown): void {
    this.push('info', m);
  }
  error(m: unknown): void {
    this.push('error', m);
  }
  warn(m: unknown): void {
    this.push('warn', m);
  }
  debug(m: unknown): void {
    this.push('debug', m);
  }
  verbose(m: unknown): void {
    this.push('verbose', m);
  }
  of(event: string): { level: string; line: Record<string, unknown> }[] {
    return this.lines.filter((l) => l.line['event'] === event);
  }
}

/** Starting a session waits on I/O (the sync engine reads its plan from the database). */
class SlowToStart extends ScriptedProvider {
  private began: () => void = () => undefined;
  /** Resolves once a session has begun to start (it holds the company's slot by then). */
  readonly starting = new Promise<void>((resolve) => {
    this.began = resolve;
  });
  override async startSession(ctx: Parameters<ScriptedProvider['startSession']>[0]): Promise<void> {
    this.began();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await super.startSession(ctx);
  }
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// With 50 Web Connectors on one company file, every run while a session is open is told "busy". A line each at info
// (the default level) is 49 identical lines per round, written on the event loop the runs wait on (issue 14).
describe('Web Connector runs told "busy" in the log', () => {
  it('the first while a session is open is an info line, the others debug, and the session’s closing line counts them', async () => {
    const logs = new Lines();
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]), logger: logs });
    const app = t.app;
    const soap = (op: string, params: Record<string, string>) => soapCall(app, op, params);
    const run = () => login(app);

    const [ticket, company] = await run();
    expect(company).toBe(COMPANY);
    for (let i = 0; i < 5; i += 1) expect((await run())[1]).toBe('busy');
    expect(logs.of('qbwc.busy').map((l) => l.level)).toEqual(['info', 'debug', 'debug', 'debug', 'debug']);
    expect(logs.of('qbwc.busy')[0]?.line['reason']).toBe('another session is open');

    await soap('closeConnection', { ticket: ticket ?? '' });
    expect(logs.of('qbwc.session_closed').map((l) => [l.level, l.line['busyRuns']])).toEqual([['info', 5]]);

    // The next session starts its own count: its first run told busy is an info line again.
    const [second] = await run();
    expect((await run())[1]).toBe('busy');
    expect(logs.of('qbwc.busy').map((l) => l.level)).toEqual(['info', 'debug', 'debug', 'debug', 'debug', 'info']);
    await soap('closeConnection', { ticket: second ?? '' });
    expect(logs.of('qbwc.session_closed').map((l) => l.line['busyRuns'])).toEqual([5, 1]);

    // A session Web Connector abandons is never closed: the one that takes over after the idle timeout counts afresh.
    await run();
    expect((await run())[1]).toBe('busy');
    t.clock.advance(t.config.qbwc.sessionTimeoutMs + 1);
    expect((await run())[1]).toBe(COMPANY);
    expect((await run())[1]).toBe('busy');
    expect(logs.of('qbwc.busy').map((l) => l.level)).toEqual(['info', 'debug', 'debug', 'debug', 'debug', 'info', 'info', 'info']);
  });

  it('a run told busy while the session is still starting counts toward that session', async () => {
    const logs = new Lines();
    const provider = new SlowToStart([CUSTOMER_QUERY]);
    t = await startTestApp({ provider, logger: logs });
    const app = t.app;
    const run = () => login(app);
    const opening = run();
    await provider.starting;
    expect((await run())[1]).toBe('busy');
    expect((await opening)[1]).toBe(COMPANY);
    expect((await run())[1]).toBe('busy');
    expect(logs.of('qbwc.busy').map((l) => l.level)).toEqual(['info', 'debug']);
  });
});

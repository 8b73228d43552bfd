import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../support/service-process.js';

export const MAIN_JS = path.resolve(import.meta.dirname, '..', '..', '..', 'apps', 'connector', 'dist', 'main.js');
export const CRASH_PASSWORD = 'crash-suite-Pa55word-7f3c9e1b2d';
export const CRASH_ADMIN_TOKEN = 'crash-suite-admin-token-5b8e2f0a4c6d1e9f';
export const CRASH_APPLICATION_TOKEN = 'crash-suite-application-token';
export const SESSION_TIMEOUT_MINUTES = 1;

/** Env the connector reads; anything the parent has under these names is dropped so only ours applies. */
const CONNECTOR_VARS =
  /^(PORT|HOST|PUBLIC_URL|DATABASE_URL|DATA_DIR|QBWC_.*|QB_.*|BITRIX24_.*|ADMIN_TOKEN|LOG_LEVEL|LOG_FORMAT|SYNC_.*|ESTIMATE_STAGE_ID|B24_POLL_SECONDS)$/;

/**
 * Loaded with `node --import` before main.js: shifts the child's wall clock by CRASH_CLOCK_OFFSET_MS.
 * The connector only reads time through `new Date()` (SystemClock), so restarting with a larger offset is
 * the same as the machine's clock having moved on — that is how an abandoned session becomes stale
 * (QBWC_SESSION_TIMEOUT_MINUTES ≥ 1) without the test waiting in real time.
 */
const CLOCK_SHIFT_PRELOAD = `const offset = Number(process.env.CRASH_CLOCK_OFFSET_MS ?? '0');
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }
  static now() { return RealDate.now() + offset; }
}
globalThis.Date = ShiftedDate;
`;

export interface ConnectorProcessOptions {
  readonly webhookUrl: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The connector as a real child process (`node apps/connector/dist/main.js`) on a fixed loopback port and a
 * temporary DATA_DIR, so it can be SIGKILLed and restarted on the same database.
 */
export class ConnectorProcess {
  readonly dataDir: string;
  readonly port: number;
  private child: ChildProcess | undefined;
  private stderrTail = '';
  private clockOffsetMs = 0;
  private readonly workDir: string;
  private readonly preload: string;
  starts = 0;

  private constructor(
    port: number,
    private readonly opts: ConnectorProcessOptions,
  ) {
    this.port = port;
    this.workDir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-crash-'));
    this.dataDir = path.join(this.workDir, 'data');
    this.preload = path.join(this.workDir, 'clock-shift.mjs');
    writeFileSync(this.preload, CLOCK_SHIFT_PRELOAD);
  }

  static async create(opts: ConnectorProcessOptions): Promise<ConnectorProcess> {
    if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npx tsc -b\` first (npm test does)`);
    return new ConnectorProcess(await freePort(), opts);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** How far the child's clock is ahead of the real one. */
  get offsetMs(): number {
    return this.clockOffsetMs;
  }

  /** Starts the child and resolves once it answers HTTP. */
  async start(): Promise<void> {
    if (this.child) throw new Error('already running');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CONNECTOR_VARS.test(k)) env[k] = v;
    Object.assign(env, {
      PORT: String(this.port),
      HOST: '127.0.0.1',
      // The generated .qwc must be acceptable to Web Connector: http only for the host name localhost.
      PUBLIC_URL: `http://localhost:${this.port}`,
      DATA_DIR: this.dataDir,
      QBWC_USERNAME: 'qbconnector',
      QBWC_PASSWORD: CRASH_PASSWORD,
      ADMIN_TOKEN: CRASH_ADMIN_TOKEN,
      QBWC_SESSION_TIMEOUT_MINUTES: String(SESSION_TIMEOUT_MINUTES),
      QB_TIME_ZONE: 'America/New_York',
      BITRIX24_WEBHOOK_URL: this.opts.webhookUrl,
      BITRIX24_APPLICATION_TOKEN: CRASH_APPLICATION_TOKEN,
      LOG_LEVEL: 'error',
      B24_POLL_SECONDS: '0',
      CRASH_CLOCK_OFFSET_MS: String(this.clockOffsetMs),
      ...this.opts.env,
    });
    this.stderrTail = '';
    // cwd is the temp folder: main.js writes qwc/connector.qwc relative to it and reads a .env from it.
    const child = spawn(process.execPath, ['--import', pathToFileURL(this.preload).href, MAIN_JS], {
      cwd: this.workDir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    this.child = child;
    this.starts += 1;
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`connector exited during start-up (code ${String(code)}): ${this.stderrTail}`);
    });
    exited.catch(() => undefined);
    await Promise.race([this.waitUntilListening(), exited]);
  }

  private async waitUntilListening(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const res = await fetch(`${this.url}/qbwc`);
        await res.text();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`connector did not listen within 60 s: ${String(err)}; ${this.stderrTail}`);
        // Polling for readiness, not a timing assertion: the child has no other "ready" signal at LOG_LEVEL=error.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** SIGKILL (TerminateProcess on Windows): no shutdown hooks, no flush; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = once(child, 'exit');
    child.kill('SIGKILL');
    await gone;
  }

  /**
   * Starts again on the same DATA_DIR with the clock moved on by `advanceMs`, as when Web Connector's next
   * scheduled run comes minutes after the crash.
   */
  async restart(advanceMs: number): Promise<void> {
    await this.kill();
    this.clockOffsetMs += advanceMs;
    await this.start();
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get lastStderr(): string {
    return this.stderrTail;
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

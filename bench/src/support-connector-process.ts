import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProbeSample } from './support-service-probe.js';
import { Tally } from './support-load-stats.js';

const MAIN = path.resolve(import.meta.dirname, '..', '..', 'apps', 'connector', 'dist', 'main.js');
const PROBE = path.join(import.meta.dirname, 'support-service-probe.js');

export interface ConnectorProcess {
  readonly url: string;
  readonly pid: number | undefined;
  /** Peak RSS, CPU and event-loop figures from inside the service (support-service-probe.ts). */
  mark(): Promise<ProbeSample>;
  /** Log lines at warn/error by their `event` field (LOG_LEVEL=warn keeps the rest out). */
  readonly logEvents: Tally;
  /** The last lines the service printed, for a failure message. */
  tail(): string;
  /** SIGTERM, as an operator stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A port the OS just handed out and released (the service needs a number, not 0, to say where it listens). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The production entry point (`node apps/connector/dist/main.js`) as its own process, in `cwd` (its .qwc files and
 * data folder go there, never into the repository), with only the environment given plus PATH.
 */
export async function startConnectorProcess(
  cwd: string,
  env: Readonly<Record<string, string>>,
  readyTimeoutMs: number,
  nodeArgs: readonly string[] = [],
): Promise<ConnectorProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', pathToFileURL(PROBE).href, MAIN], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines: string[] = [];
  const logEvents = new Tally();
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      const level = /"level":"(warn|error|fatal)"/.exec(line)?.[1];
      if (level) logEvents.add(`${level} ${/"event":"([^"]+)"/.exec(line)?.[1] ?? 'unnamed'}`);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const tail = (): string => lines.slice(-15).join('\n');

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (gone) throw new Error(`the connector exited while starting:\n${tail()}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the connector did not answer /health within ${readyTimeoutMs} ms:\n${tail()}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch (err) {
      if (!(err instanceof TypeError)) throw err; // fetch's "connection refused" while it boots
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    pid: child.pid,
    logEvents,
    tail,
    mark: () =>
      new Promise<ProbeSample>((resolve, reject) => {
        const onMessage = (m: unknown): void => {
          const sample = asProbeSample(m);
          if (!sample) return;
          child.off('message', onMessage);
          resolve(sample);
        };
        child.on('message', onMessage);
        if (!child.send('mark')) reject(new Error('the connector process has no IPC channel'));
      }),
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}

const PROBE_NUMBERS = ['maxRssBytes', 'rssBytes', 'cpuUserMicros', 'cpuSystemMicros', 'eventLoopP99Ms', 'eventLoopMaxMs'] as const;

function asProbeSample(m: unknown): ProbeSample | undefined {
  if (typeof m !== 'object' || m === null || !('kind' in m) || m.kind !== 'probe-sample') return undefined;
  const values: Record<string, number> = {};
  for (const key of PROBE_NUMBERS) {
    const v: unknown = (m as Record<string, unknown>)[key];
    if (typeof v !== 'number') return undefined;
    values[key] = v;
  }
  return {
    kind: 'probe-sample',
    maxRssBytes: values['maxRssBytes'] ?? 0,
    rssBytes: values['rssBytes'] ?? 0,
    cpuUserMicros: values['cpuUserMicros'] ?? 0,
    cpuSystemMicros: values['cpuSystemMicros'] ?? 0,
    eventLoopP99Ms: values['eventLoopP99Ms'] ?? 0,
    eventLoopMaxMs: values['eventLoopMaxMs'] ?? 0,
  };
}

import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { YOUNG_GENERATION_FLAG } from '../../apps/connector/dist/common/heap-mode.js';
import type { Stalls } from './support-stall-recorder.js';

/** The connector in its own process (import-rss.child.ts), driven over IPC. */
export interface ServiceChild {
  readonly url: string;
  readonly pid: number;
  /** Resolves once the Bitrix24 worker is idle, with the child's process.memoryUsage() then. */
  drain(): Promise<Record<string, unknown>>;
  /** User + system CPU the service process used so far, in µs. */
  cpuMicros(): Promise<number>;
  /** Starts a window of the service's event-loop delay and GC pauses (support-stall-recorder.ts). */
  resetStalls(): Promise<void>;
  /** The event-loop delay and GC pauses since resetStalls. */
  stalls(): Promise<Stalls>;
  stop(): Promise<void>;
}

/** Waits for one IPC message of `kind` from the child. */
export function nextMessage(child: ChildProcess, kind: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown): void => {
      if (typeof m !== 'object' || m === null || !('kind' in m) || m.kind !== kind) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Record<string, unknown>);
    };
    const onExit = (code: number | null): void => reject(new Error(`the connector process exited (${String(code)}) before "${kind}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts the service process on `dbFile` against the portal at `webhookUrl`; `noSleep`: its Bitrix24 client never waits. */
export async function startServiceChild(webhookUrl: string, dbFile: string, noSleep: boolean): Promise<ServiceChild> {
  // The service logs as it does in production (LOG_LEVEL's default, info: a line per Web Connector run told "busy" or
  // "none", per session, per page), into a file beside its database as a Windows service's log is: the figures count
  // what logging costs. BENCH_LOG_LEVEL picks another level; `off`, no logger (the benchmarks' setting until 2026-12-07).
  const level = process.env['BENCH_LOG_LEVEL'] ?? 'info';
  const log = level === 'off' ? 'ignore' : openSync(path.join(path.dirname(dbFile), 'service.log'), 'a');
  // --expose-gc: the child collects garbage before it reports memory once idle, so "live heap" is what is kept.
  // The service runs with the V8 flag every start command gives it (npm start, Docker, the Windows service) and sets
  // the rest at boot as main.ts does (common/heap-mode.ts); BENCH_SERVICE_NODE_ARGS replaces the command-line flag to
  // try other V8 settings on the service alone ("" for none).
  const extra = (process.env['BENCH_SERVICE_NODE_ARGS'] ?? YOUNG_GENERATION_FLAG).split(' ').filter((a) => a !== '');
  const child = fork(path.join(import.meta.dirname, 'import-rss.child.js'), [webhookUrl, dbFile, noSleep ? 'no-sleep' : ''], {
    stdio: ['ignore', log, 'inherit', 'ipc'],
    execArgv: [...process.execArgv, '--expose-gc', ...extra],
    env: { ...process.env, ...(level === 'off' ? {} : { BENCH_SERVICE_LOG_LEVEL: level }) },
  });
  if (typeof log === 'number') closeSync(log);
  // BENCH_SERVICE_CPU=<core list> pins the service, all its threads, to those cores (Linux `taskset`), e.g. to give it a
  // core of its own on a machine shared with other work; a latency figure is then the service's, not the machine's noise.
  const cores = process.env['BENCH_SERVICE_CPU'];
  if (cores !== undefined && cores !== '' && child.pid !== undefined)
    execFileSync('taskset', ['-a', '-p', '-c', cores, String(child.pid)], { stdio: 'ignore' });
  const ready = await nextMessage(child, 'ready');
  const ask = (question: string, kind: string): Promise<Record<string, unknown>> => {
    const answer = nextMessage(child, kind);
    child.send(question);
    return answer;
  };
  return {
    url: String(ready['url']),
    pid: child.pid ?? -1,
    drain: () => ask('drain', 'drained'),
    cpuMicros: async () => Number((await ask('usage', 'usage'))['cpuMicros']),
    resetStalls: async () => {
      await ask('stalls-reset', 'stalls-reset');
    },
    stalls: async () => (await ask('stalls', 'stalls')) as unknown as Stalls,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

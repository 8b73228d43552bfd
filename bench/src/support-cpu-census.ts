import { existsSync, readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc/<pid>/stat's CPU fields (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds of everything a bench run is made of, read from /proc (Linux only; empty elsewhere). */
export interface CpuCensus {
  /** Each connector process (WORKERS=N: the primary and its N processes) by pid. */
  readonly service: ReadonlyMap<number, number>;
  /** The PostgreSQL server: postmaster, its live backends and every backend that already ended. */
  readonly postgres: number | undefined;
  /** This process: the load generator (Web Connector drivers, webhook sender) and the QuickBooks emulators. */
  readonly bench: number;
  /** The whole machine's busy CPU seconds (every process, other sessions' included). */
  readonly machine: number | undefined;
}

interface Stat {
  readonly ppid: number;
  readonly own: number;
  readonly reaped: number;
}

function stat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone, or not Linux
  }
  // The command name may hold spaces and parentheses: the fields start after its last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(f[i] ?? 0);
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
  return { ppid: n(1), own: (n(11) + n(12)) / TICKS, reaped: (n(13) + n(14)) / TICKS };
}

function childrenOf(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    const child = Number(name);
    if (Number.isInteger(child) && stat(child)?.ppid === pid) out.push(child);
  }
  return out;
}

/** The postmaster's pid of a PostgreSQL server on this machine (the parent of our backend), or undefined. */
export async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = res.rows[0]?.pid;
    return backend === undefined ? undefined : stat(backend)?.ppid;
  } finally {
    await client.end();
  }
}

function machineBusy(): number | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = v.reduce((a, b) => a + b, 0) - (v[3] ?? 0) - (v[4] ?? 0);
  return busy / TICKS;
}

/** Reads every figure now; subtract two censuses (cpuDelta) to get a window's. */
export function cpuCensus(servicePid: number | undefined, postmaster: number | undefined): CpuCensus {
  const service = new Map<number, number>();
  if (servicePid !== undefined) {
    for (const pid of [servicePid, ...childrenOf(servicePid)]) {
      const s = stat(pid);
      if (s) service.set(pid, s.own);
    }
  }
  let postgres: number | undefined;
  const root = postmaster === undefined ? undefined : stat(postmaster);
  if (postmaster !== undefined && root) {
    postgres = root.own + root.reaped;
    for (const child of childrenOf(postmaster)) postgres += stat(child)?.own ?? 0;
  }
  const self = process.cpuUsage();
  return { service, postgres, bench: (self.user + self.system) / 1e6, machine: machineBusy() };
}

/** CPU seconds spent between two censuses; a service process that started in between counts from zero. */
export function cpuDelta(before: CpuCensus, after: CpuCensus): CpuCensus {
  const service = new Map<number, number>();
  for (const [pid, s] of after.service) service.set(pid, s - (before.service.get(pid) ?? 0));
  const minus = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : a - b);
  return { service, postgres: minus(after.postgres, before.postgres), bench: after.bench - before.bench, machine: minus(after.machine, before.machine) };
}

/** PostgreSQL's own counters for one database: sessions ever opened and transactions committed (pg_stat_database). */
export async function databaseCounters(url: string): Promise<{ sessions: number; commits: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The statistics are flushed by each backend about once a second; a window of seconds makes that negligible.
    const res = await client.query<{ sessions: string; commits: string }>(
      'SELECT sessions, xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()',
    );
    return { sessions: Number(res.rows[0]?.sessions ?? 0), commits: Number(res.rows[0]?.commits ?? 0) };
  } finally {
    await client.end();
  }
}

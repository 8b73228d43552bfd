import { existsSync, readFileSync } from 'node:fs';

/** Resident set size of another process in bytes from /proc/<pid>/status (Linux), or undefined elsewhere. */
export function procRss(pid: number): { rss: number; hwm: number } | undefined {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return undefined;
  let status: string;
  try {
    status = readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process ended between the check and the read
  }
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** Samples a process's VmRSS every `everyMs` and keeps the peak; `peak()` is undefined where /proc is missing. */
export function procRssSampler(pid: number, everyMs = 100): { peak: () => number | undefined; stop: () => void } {
  let peak: number | undefined;
  const sample = (): void => {
    const r = procRss(pid);
    if (r && Number.isFinite(r.rss)) peak = Math.max(peak ?? 0, r.rss, Number.isFinite(r.hwm) ? r.hwm : 0);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    peak: () => {
      sample();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** Total µs some task of the machine waited for a CPU (Linux pressure stall information), or undefined elsewhere. */
export function cpuPressure(): number | undefined {
  const file = '/proc/pressure/cpu';
  if (!existsSync(file)) return undefined;
  const total = /^some .*total=(\d+)/m.exec(readFileSync(file, 'utf8'))?.[1];
  return total === undefined ? undefined : Number(total);
}

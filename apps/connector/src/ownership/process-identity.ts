import os from 'node:os';
import { BOOT_ID } from '../qbwc/boot-id.js';

/** Which process this is, as /status, the dashboard and the logs show it. */
export interface ProcessIdentity {
  readonly pid: number;
  readonly host: string;
  readonly bootId: string;
}

export const THIS_PROCESS: ProcessIdentity = { pid: process.pid, host: os.hostname(), bootId: BOOT_ID };

/**
 * The application_name of a process's ownership connection: PostgreSQL shows it beside the locks it holds, so any
 * process can tell who owns a company. Limited to 63 bytes by the server, hence the short boot id and the host last.
 */
export function applicationName(p: ProcessIdentity): string {
  return `qbb24 ${p.pid} ${p.bootId.slice(0, 8)} ${p.host}`.slice(0, 63);
}

/** Reads applicationName back; null for a connection that is not a connector's. Pure. */
export function parseApplicationName(name: string): { pid: number; bootIdPrefix: string; host: string } | null {
  const m = /^qbb24 (\d+) ([0-9a-f]{8}) (.*)$/.exec(name);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return null;
  return { pid: Number(m[1]), bootIdPrefix: m[2], host: m[3] };
}

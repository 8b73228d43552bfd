import type { CompanyOwner } from './ownership.service.js';
import type { ProcessIdentity } from './process-identity.js';

/** The /status shape of a process. Pure. */
export function processJson(p: Pick<ProcessIdentity, 'pid' | 'host' | 'bootId'>): { pid: number; host: string; boot_id: string } {
  return { pid: p.pid, host: p.host, boot_id: p.bootId };
}

/** The /status shape of a company's owner. Pure. */
export function ownerJson(o: CompanyOwner): Record<string, unknown> {
  return { process: o.process, pid: o.pid, host: o.host, boot_id: o.bootId, since: o.since?.toISOString() ?? null };
}

/** One sentence for the dashboard: who runs this company's background work. Pure. */
export function describeOwner(o: CompanyOwner, retrySeconds: number): string {
  const who = `process ${o.pid ?? '?'} on ${o.host ?? '?'} (boot ${o.bootId?.slice(0, 8) ?? '?'})`;
  switch (o.process) {
    case 'this':
      return `Background work (Bitrix24 worker, poller) runs in this process: ${who}.`;
    case 'other':
      return `Background work (Bitrix24 worker, poller) runs in ${who}.`;
    case 'none':
      return `No process runs the background work right now; a live process takes it over within ${retrySeconds} s.`;
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which company the code running now works for. The host enters it around each forwarded request and
 * around each company app's start (so the app's timers and schedulers inherit it); log lines read it.
 */
const storage = new AsyncLocalStorage<string>();

export function runForCompany<T>(companyId: string, fn: () => T): T {
  return storage.run(companyId, fn);
}

export function currentCompany(): string | undefined {
  return storage.getStore();
}

/**
 * Resolves after the event loop has run its pending I/O once. better-sqlite3 is synchronous, so an `await` on a
 * database call only runs microtasks: a loop of database-only work (pages whose records need no Bitrix24 call)
 * would hold every Web Connector request until it ends. Awaiting this between units of work lets them in.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}

import type { Harness } from './sync-harness.js';

/**
 * Every write the portal has received so far, batched ones included: adds, updates, deletes, field sets and timeline
 * entries. A second session over unchanged books must add none.
 */
export function portalWrites(x: Harness): string[] {
  return x.portal.calls
    .flatMap((c) => (c.method === 'batch' ? (c.batchMethods ?? []) : [c.method]))
    .filter((m) => /\.(add|update|delete|set)$/.test(m) || m.startsWith('crm.timeline'));
}

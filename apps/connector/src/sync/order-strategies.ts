import type { QbEntity } from './qb-entity.js';

/**
 * Orders strategies so each comes after those it depends on (invoices after customers and items).
 * Pure; throws at boot on a duplicate entity, an unknown dependency or a cycle, naming the culprit.
 */
export function orderStrategies<T extends { readonly entity: QbEntity; readonly dependsOn: readonly QbEntity[] }>(strategies: readonly T[]): T[] {
  const byEntity = new Map<QbEntity, T>();
  for (const s of strategies) {
    if (byEntity.has(s.entity)) throw new Error(`Two sync strategies registered for "${s.entity}": keep one`);
    byEntity.set(s.entity, s);
  }
  const ordered: T[] = [];
  const state = new Map<QbEntity, 'visiting' | 'done'>();
  const visit = (s: T, path: QbEntity[]): void => {
    const st = state.get(s.entity);
    if (st === 'done') return;
    if (st === 'visiting') throw new Error(`Sync strategy dependency cycle: ${[...path, s.entity].join(' → ')}`);
    state.set(s.entity, 'visiting');
    for (const dep of s.dependsOn) {
      const d = byEntity.get(dep);
      if (!d) throw new Error(`Sync strategy "${s.entity}" depends on "${dep}", which has no registered strategy`);
      visit(d, [...path, s.entity]);
    }
    state.set(s.entity, 'done');
    ordered.push(s);
  };
  for (const s of strategies) visit(s, []);
  return ordered;
}

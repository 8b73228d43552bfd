import { describe, expect, it } from 'vitest';
import type { QbxmlRequest } from '@qb-b24/qbxml';
import { emptyStats, type B24Entity, type QbEntity } from '../qb-entity.js';
import type { QbWritePart } from '../qb-write-part.js';
import type { B24Source } from '../strategy-descriptor.js';
import { StrategyRegistry, type SyncStrategy } from '../strategy-registry.js';

/** A write part that is never called: the registry only indexes it. */
function fakePart(): QbWritePart {
  const never = (): never => {
    throw new Error('not used by the registry');
  };
  return {
    queryKind: 'ItemQuery',
    nameMaxLength: 31,
    dataExtType: 'Item',
    decide: never,
    buildWrite: never,
    applyRead: never,
    applyWritten: never,
    unchangedSinceLink: never,
  };
}

function fake(
  kind: QbEntity,
  opts: { dependsOn?: QbEntity[]; b24?: B24Entity[]; sources?: B24Source[]; part?: boolean; declared?: QbEntity } = {},
): SyncStrategy {
  return {
    descriptor: { kind: opts.declared ?? kind, b24Entities: opts.b24 ?? [], ...(opts.sources ? { b24Sources: opts.sources } : {}) },
    entity: kind,
    dependsOn: opts.dependsOn ?? [],
    retType: 'customer',
    deletedTypes: { kind: 'list', types: [] },
    buildQuery: (): QbxmlRequest => ({ kind: 'CustomerQuery', requestID: 'q' }),
    applyPage: () => Promise.resolve(emptyStats()),
    planPage: () => Promise.resolve([]),
    applyDeleted: () => Promise.resolve(emptyStats()),
    ...((opts.part ?? opts.sources !== undefined) ? { toQuickBooks: fakePart() } : {}),
  };
}

const contact: B24Source = { entity: 'contact', dateField: 'DATE_MODIFY' };

describe('StrategyRegistry', () => {
  it('orders strategies so invoices come after the customers and items they reference', () => {
    const r = new StrategyRegistry([fake('invoice', { dependsOn: ['customer', 'item'] }), fake('customer'), fake('item')]);
    expect(r.ordered.map((s) => s.entity)).toEqual(['customer', 'item', 'invoice']);
  });

  it('finds the Bitrix24 → QuickBooks part by QuickBooks kind and by Bitrix24 record type; others are read-only', () => {
    const customer = fake('customer', { sources: [contact, { entity: 'company', dateField: 'DATE_MODIFY' }] });
    const r = new StrategyRegistry([customer, fake('invoice', { b24: ['deal'] })]);
    expect(r.writePartFor('customer')).toBe(customer.toQuickBooks);
    expect(r.writePartForB24('company')).toBe(customer.toQuickBooks);
    expect(r.writePartForB24('deal')).toBeUndefined();
    expect(r.writePartFor('invoice')).toBeUndefined();
    expect(r.writtenKinds).toEqual(['customer']);
  });

  it.each([
    ['a duplicate kind', [fake('customer'), fake('customer')], /Two sync strategies registered for "customer"/],
    ['an unknown dependency', [fake('invoice', { dependsOn: ['customer'] })], /depends on "customer", which has no registered strategy/],
    ['a cycle', [fake('invoice', { dependsOn: ['estimate'] }), fake('estimate', { dependsOn: ['invoice'] })], /dependency cycle/],
    ['a descriptor naming another kind', [fake('item', { declared: 'customer' })], /declares kind "customer"/],
    ['a write part without Bitrix24 sources', [fake('item', { part: true })], /b24Sources exactly when/],
    ['Bitrix24 sources without a write part', [fake('item', { sources: [contact], part: false })], /b24Sources exactly when/],
    [
      'one Bitrix24 type written back by two strategies',
      [fake('customer', { sources: [contact] }), fake('vendor', { sources: [contact] })],
      /write Bitrix24 contact records/,
    ],
  ])('refuses %s at boot, naming the culprit', (_case, strategies, message) => {
    expect(() => new StrategyRegistry(strategies)).toThrow(message);
  });
});

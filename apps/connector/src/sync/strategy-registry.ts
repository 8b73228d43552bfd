import { Inject, Injectable } from '@nestjs/common';
import { orderStrategies } from './order-strategies.js';
import type { QbReadStrategy } from './qb-read-strategy.js';
import type { QbWritePart } from './qb-write-part.js';
import type { StrategyDescriptor } from './strategy-descriptor.js';

/** One entity's strategy: the QuickBooks → Bitrix24 read, and optionally the Bitrix24 → QuickBooks part. */
export interface SyncStrategy extends QbReadStrategy {
  /** The class's static descriptor (the source of every derived entity list). */
  readonly descriptor: StrategyDescriptor;
  /** Present exactly when the descriptor lists `b24Sources`. */
  readonly toQuickBooks?: QbWritePart;
}

export const SYNC_STRATEGIES = Symbol('SYNC_STRATEGIES');

/**
 * The registered strategies, validated when constructed so a bad registration fails at boot, not mid-sync:
 * a duplicate kind, an unknown dependsOn or a cycle (orderStrategies), a descriptor that disagrees with its
 * instance, a Bitrix24 → QuickBooks part without sources (or sources without a part), or one Bitrix24 record
 * type written back by two strategies.
 */
@Injectable()
export class StrategyRegistry {
  /** Dependency order (invoices after customers and items). */
  readonly ordered: readonly SyncStrategy[];
  private readonly byQbEntity = new Map<string, QbWritePart>();
  private readonly byB24Entity = new Map<string, QbWritePart>();

  constructor(@Inject(SYNC_STRATEGIES) all: readonly SyncStrategy[]) {
    this.ordered = orderStrategies(all);
    for (const s of all) {
      const d = s.descriptor;
      if (d.kind !== s.entity) throw new Error(`Sync strategy "${s.entity}" declares kind "${d.kind}" in its descriptor: make them equal`);
      if ((d.b24Sources !== undefined) !== (s.toQuickBooks !== undefined)) {
        throw new Error(`Sync strategy "${s.entity}" must declare b24Sources exactly when it has a Bitrix24 → QuickBooks part (toQuickBooks)`);
      }
      if (!s.toQuickBooks) continue;
      for (const k of s.toQuickBooks.qbEntities ?? [s.entity]) this.byQbEntity.set(k, s.toQuickBooks);
      for (const src of d.b24Sources ?? []) {
        if (this.byB24Entity.has(src.entity)) throw new Error(`Two sync strategies write Bitrix24 ${src.entity} records to QuickBooks: keep one`);
        this.byB24Entity.set(src.entity, s.toQuickBooks);
      }
    }
  }

  /** The part that writes QuickBooks records of this kind (an outbox row's qbEntity), if any. */
  writePartFor(qbEntity: string): QbWritePart | undefined {
    return this.byQbEntity.get(qbEntity);
  }

  /** The part that turns changes of this Bitrix24 record type into QuickBooks writes; none = read-only toward QuickBooks. */
  writePartForB24(b24Entity: string): QbWritePart | undefined {
    const part = this.byB24Entity.get(b24Entity);
    return part?.active === false ? undefined : part;
  }

  /** Bitrix24 record types to poll for changes: those whose part is on (a switched-off one would only cost calls). */
  polledSources<T extends { readonly entity: string }>(sources: readonly T[]): T[] {
    return sources.filter((s) => this.writePartForB24(s.entity) !== undefined);
  }

  /** QuickBooks kinds that take Bitrix24 changes; Bitrix24 changes wait until each has been imported once. */
  get writtenKinds(): string[] {
    return [...this.byQbEntity].filter(([, part]) => part.active !== false).map(([kind]) => kind);
  }
}

import type { B24Entity, QbEntity } from './qb-entity.js';
import type { B24Source, StrategyDescriptor } from './strategy-descriptor.js';
import { STRATEGY_CLASSES } from './strategies/index.js';

const DESCRIPTORS: readonly StrategyDescriptor[] = STRATEGY_CLASSES.map((c) => c.descriptor);

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** QuickBooks record families the connector reads, in registration order; watermarks are `qb:<entity>`. */
export const QB_ENTITIES: readonly QbEntity[] = DESCRIPTORS.map((d) => d.kind);

/** Bitrix24 record types polled for changes toward QuickBooks, with their date field; watermarks are `b24:<entity>`. */
export const B24_POLLED: readonly B24Source[] = DESCRIPTORS.flatMap((d) => d.b24Sources ?? []);

/** Bitrix24 record types whose changes are written to QuickBooks (contact, company, product). */
export const B24_SOURCE_ENTITIES: readonly B24Entity[] = unique(B24_POLLED.map((s) => s.entity));

/** Bitrix24 record types whose outbound events are stored: every type a strategy writes to. */
export const B24_EVENT_ENTITIES: readonly B24Entity[] = unique(DESCRIPTORS.flatMap((d) => d.b24Entities));

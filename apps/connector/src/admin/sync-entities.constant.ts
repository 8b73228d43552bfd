import { B24_SOURCE_ENTITIES, QB_ENTITIES } from '../sync/sync-entities.js';

/** The record types change capture reads per side (derived from the strategy registry); watermark keys are `qb:<entity>` and `b24:<entity>`. */
export const QB_SYNC_ENTITIES: readonly string[] = QB_ENTITIES;
export const B24_SYNC_ENTITIES: readonly string[] = B24_SOURCE_ENTITIES;
export const RESYNC_ENTITIES: readonly string[] = [...QB_SYNC_ENTITIES, ...B24_SYNC_ENTITIES];
export type ResyncEntity = string;
export const SYNC_SYSTEMS = ['qb', 'b24'] as const;
export type SyncSystem = (typeof SYNC_SYSTEMS)[number];

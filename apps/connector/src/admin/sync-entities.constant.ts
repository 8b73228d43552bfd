/** The record types change capture reads per side; watermark keys are `qb:<entity>` and `b24:<entity>`. */
export const QB_SYNC_ENTITIES = ['customer', 'vendor', 'item', 'invoice', 'estimate'] as const;
export const B24_SYNC_ENTITIES = ['contact', 'company', 'product'] as const;
export const RESYNC_ENTITIES = [...QB_SYNC_ENTITIES, ...B24_SYNC_ENTITIES] as const;
export type ResyncEntity = (typeof RESYNC_ENTITIES)[number];
export const SYNC_SYSTEMS = ['qb', 'b24'] as const;
export type SyncSystem = (typeof SYNC_SYSTEMS)[number];

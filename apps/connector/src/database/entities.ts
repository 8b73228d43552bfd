import { IdMappingEntity } from '../mapping/id-mapping.entity.js';
import { QbwcSessionEntity } from '../qbwc/qbwc-session.entity.js';
import { OutboxEntity } from '../sync/outbox.entity.js';
import { SyncErrorEntity } from '../sync/sync-error.entity.js';
import { SyncRunEntity } from '../sync/sync-run.entity.js';
import { SyncWatermarkEntity } from '../sync/sync-watermark.entity.js';

export const ENTITIES = [QbwcSessionEntity, IdMappingEntity, SyncWatermarkEntity, OutboxEntity, SyncRunEntity, SyncErrorEntity] as const;

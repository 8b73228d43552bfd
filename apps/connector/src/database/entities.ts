import { B24EventEntity } from '../bitrix/b24-event.entity.js';
import { IdMappingEntity } from '../mapping/id-mapping.entity.js';
import { QbwcSessionEntity } from '../qbwc/qbwc-session.entity.js';
import { OutboxEntity } from '../sync/outbox.entity.js';
import { SyncErrorEntity } from '../sync/sync-error.entity.js';
import { SyncRunEntity } from '../sync/sync-run.entity.js';
import { SyncLogEntity } from '../sync/sync-log.entity.js';
import { SyncSessionEntity } from '../sync/sync-session.entity.js';
import { SyncWatermarkEntity } from '../sync/sync-watermark.entity.js';
import { StagedPageEntity } from '../sync/staged-page.entity.js';
import { AuthFailureEntity } from '../qbwc/auth-failure.entity.js';
import { RereadEntity } from '../sync/reread.entity.js';
import { ReceivedPaymentEntity } from '../sync/payments/received-payment.entity.js';
import { UnappliedWrittenEntity } from '../sync/payments/unapplied-written.entity.js';

export const ENTITIES = [
  QbwcSessionEntity,
  IdMappingEntity,
  SyncWatermarkEntity,
  OutboxEntity,
  SyncRunEntity,
  SyncErrorEntity,
  SyncSessionEntity,
  B24EventEntity,
  SyncLogEntity,
  StagedPageEntity,
  AuthFailureEntity,
  ReceivedPaymentEntity,
  UnappliedWrittenEntity,
  RereadEntity,
] as const;

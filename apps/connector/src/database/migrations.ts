import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { SyncState1764000000001 } from './migrations/1764000000001-sync-state.js';
import { WidenSyncRunStatus1764000000002 } from './migrations/1764000000002-widen-sync-run-status.js';
import { EventDedupePendingOnly1764000000003 } from './migrations/1764000000003-event-dedupe-pending-only.js';
import { EventDedupeKeyEntity1764000000004 } from './migrations/1764000000004-event-dedupe-key-entity.js';
import { StagedPages1764000000005 } from './migrations/1764000000005-staged-pages.js';
import { AuthFailures1764000000017 } from './migrations/1764000000017-auth-failures.js';
import { ReceivedPayments1764000000021 } from './migrations/1764000000021-received-payments.js';
import { OneOpenSession1764000000022 } from './migrations/1764000000022-one-open-session.js';

/** Where TypeORM records the migrations it ran. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/** Every migration in order. A shipped migration is never edited: add a new one. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  SyncState1764000000001,
  WidenSyncRunStatus1764000000002,
  EventDedupePendingOnly1764000000003,
  EventDedupeKeyEntity1764000000004,
  StagedPages1764000000005,
  AuthFailures1764000000017,
  ReceivedPayments1764000000021,
  OneOpenSession1764000000022,
] as const;

import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `sync_run.status` was varchar(20), but the engine writes `completed_with_errors` (21 characters).
 * SQLite ignores varchar lengths, PostgreSQL refuses the row, so on PostgreSQL every session that ended
 * with a problem failed in closeConnection. Widened to 40 (changeColumn is portable: ALTER on
 * PostgreSQL, a table rebuild on SQLite).
 */
export class WidenSyncRunStatus1764000000002 implements MigrationInterface {
  name = 'WidenSyncRunStatus1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.changeColumn('sync_run', 'status', new TableColumn({ name: 'status', type: 'varchar', length: '40', isNullable: false }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.changeColumn('sync_run', 'status', new TableColumn({ name: 'status', type: 'varchar', length: '20', isNullable: false }));
  }
}

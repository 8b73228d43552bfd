import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Sync core 2.0: QuickBooks pages are staged in the database and applied to Bitrix24 by a background worker
 * (staged_page), and each Web Connector session records the process boot that owns it (qbwc_session.bootId), so
 * a session left open by a killed process never answers the next run with "busy".
 */
export class StagedPages1764000000005 implements MigrationInterface {
  name = 'StagedPages1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'staged_page',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'pageKey', type: 'varchar', length: '60', isNullable: false },
          { name: 'runId', type: 'integer', isNullable: false },
          { name: 'entity', type: 'varchar', length: '30', isNullable: false },
          { name: 'kind', type: 'varchar', length: '20', isNullable: false },
          { name: 'firstRun', type: 'boolean', isNullable: false },
          { name: 'payloadJson', type: 'text', isNullable: false },
          { name: 'recordCount', type: 'integer', isNullable: false },
          { name: 'status', type: 'varchar', length: '20', isNullable: false },
          { name: 'attempts', type: 'integer', isNullable: false, default: 0 },
          { name: 'lastError', type: 'text', isNullable: true },
          { name: 'createdAt', type: 'bigint', isNullable: false },
          { name: 'lastAttemptAt', type: 'bigint', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'uq_staged_page_key', columnNames: ['pageKey'] })],
        indices: [new TableIndex({ name: 'ix_staged_page_status', columnNames: ['status', 'id'] })],
      }),
    );
    await q.addColumn('qbwc_session', new TableColumn({ name: 'bootId', type: 'varchar', length: '40', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('qbwc_session', 'bootId');
    await q.dropTable('staged_page');
  }
}

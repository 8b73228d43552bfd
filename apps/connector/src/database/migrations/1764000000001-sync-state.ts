import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Session plans, the Bitrix24 event inbox and the per-record sync log. */
export class SyncState1764000000001 implements MigrationInterface {
  name = 'SyncState1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'sync_session',
        columns: [
          { name: 'ticketHash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'stateJson', type: 'text', isNullable: false },
          { name: 'updatedAt', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'b24_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'dedupeKey', type: 'varchar', length: '200', isNullable: false },
          { name: 'event', type: 'varchar', length: '60', isNullable: false },
          { name: 'b24Entity', type: 'varchar', length: '30', isNullable: false },
          { name: 'b24Id', type: 'varchar', length: '30', isNullable: false },
          { name: 'action', type: 'varchar', length: '20', isNullable: false },
          { name: 'ts', type: 'varchar', length: '30', isNullable: true },
          { name: 'status', type: 'varchar', length: '20', isNullable: false },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'receivedAt', type: 'bigint', isNullable: false },
          { name: 'processedAt', type: 'bigint', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'uq_b24_event_key', columnNames: ['dedupeKey'] })],
        indices: [
          new TableIndex({ name: 'ix_b24_event_status', columnNames: ['status', 'id'] }),
          new TableIndex({ name: 'ix_b24_event_record', columnNames: ['b24Entity', 'b24Id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sync_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'direction', type: 'varchar', length: '20', isNullable: false },
          { name: 'qbEntity', type: 'varchar', length: '30', isNullable: true },
          { name: 'qbId', type: 'varchar', length: '50', isNullable: true },
          { name: 'b24Entity', type: 'varchar', length: '30', isNullable: true },
          { name: 'b24Id', type: 'varchar', length: '30', isNullable: true },
          { name: 'action', type: 'varchar', length: '40', isNullable: false },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'at', type: 'bigint', isNullable: false },
        ],
        indices: [
          new TableIndex({ name: 'ix_sync_log_b24', columnNames: ['b24Entity', 'b24Id'] }),
          new TableIndex({ name: 'ix_sync_log_qb', columnNames: ['qbEntity', 'qbId'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sync_log', 'b24_event', 'sync_session']) await q.dropTable(t);
  }
}

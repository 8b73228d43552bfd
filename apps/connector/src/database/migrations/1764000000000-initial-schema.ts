import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

type Col = ConstructorParameters<typeof Table>[0] extends infer T ? (T extends { columns?: (infer C)[] } ? C : never) : never;

const str = (name: string, length: number, nullable = false): Col => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false, def?: string): Col => ({
  name,
  type: 'text',
  isNullable: nullable,
  ...(def !== undefined ? { default: `'${def}'` } : {}),
});
const int = (name: string, def = 0): Col => ({ name, type: 'integer', isNullable: false, default: def });
const ms = (name: string, nullable = false): Col => ({ name, type: 'bigint', isNullable: nullable });
const id = (): Col => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' });

/**
 * First schema: Web Connector sessions, ID mappings, watermarks, the queue toward QuickBooks, sync runs and
 * errors. Written with TypeORM's Table API so the same migration runs on SQLite and PostgreSQL.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'qbwc_session',
        columns: [
          { name: 'ticketHash', type: 'varchar', length: '64', isPrimary: true },
          str('ticketPrefix', 8),
          str('username', 100),
          str('state', 20),
          text('companyFile'),
          str('lastCall', 40, true),
          int('rounds'),
          int('progress'),
          text('lastError', true),
          str('lastHresult', 20, true),
          str('qbxmlVersion', 20, true),
          ms('createdAt'),
          ms('lastSeenAt'),
          ms('closedAt', true),
        ],
        indices: [new TableIndex({ name: 'ix_qbwc_session_state', columnNames: ['state', 'lastSeenAt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'id_mapping',
        columns: [
          id(),
          str('qbEntity', 30),
          str('qbId', 50),
          str('b24Entity', 30),
          str('b24Id', 30),
          str('qbEditSequence', 30, true),
          str('qbHash', 64, true),
          str('b24Hash', 64, true),
          text('baseJson', true),
          { name: 'status', type: 'varchar', length: '20', isNullable: false, default: "'linked'" },
          ms('createdAt'),
          ms('updatedAt'),
        ],
        // Not unique on the Bitrix24 side: QuickBooks jobs map to their parent's company/contact.
        uniques: [new TableUnique({ name: 'uq_id_mapping_qb', columnNames: ['qbEntity', 'qbId', 'b24Entity'] })],
        indices: [new TableIndex({ name: 'ix_id_mapping_b24', columnNames: ['b24Entity', 'b24Id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sync_watermark',
        columns: [
          { name: 'key', type: 'varchar', length: '60', isPrimary: true },
          ms('modifiedSince', true),
          ms('deletedSince', true),
          int('recordsSeen'),
          ms('updatedAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          id(),
          str('idempotencyKey', 200),
          str('b24Entity', 30),
          str('b24Id', 30),
          str('qbEntity', 30),
          str('qbId', 50, true),
          str('operation', 20),
          text('payloadJson'),
          str('status', 20),
          int('attempts'),
          ms('notBefore'),
          str('ticketHash', 64, true),
          text('lastError', true),
          str('lastErrorCode', 40, true),
          ms('createdAt'),
          ms('updatedAt'),
        ],
        uniques: [new TableUnique({ name: 'uq_outbox_key', columnNames: ['idempotencyKey'] })],
        indices: [
          new TableIndex({ name: 'ix_outbox_status', columnNames: ['status', 'notBefore'] }),
          new TableIndex({ name: 'ix_outbox_record', columnNames: ['b24Entity', 'b24Id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sync_run',
        columns: [
          id(),
          str('trigger', 20),
          str('ticketPrefix', 8, true),
          str('status', 20),
          text('statsJson', false, '{}'),
          text('error', true),
          ms('startedAt'),
          ms('finishedAt', true),
        ],
        indices: [new TableIndex({ name: 'ix_sync_run_started', columnNames: ['startedAt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sync_error',
        columns: [
          id(),
          { name: 'runId', type: 'integer', isNullable: true },
          str('source', 30),
          str('entity', 30, true),
          str('recordId', 60, true),
          str('code', 40),
          text('message'),
          ms('createdAt'),
        ],
        indices: [new TableIndex({ name: 'ix_sync_error_created', columnNames: ['createdAt'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sync_error', 'sync_run', 'outbox', 'sync_watermark', 'id_mapping', 'qbwc_session']) await q.dropTable(t);
  }
}

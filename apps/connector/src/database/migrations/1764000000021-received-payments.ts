import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Received payments (issue 16): the invoices each QuickBooks payment is applied to and its unused amount
 * (received_payment), the unapplied total last written to each Bitrix24 contact or company (unapplied_written), and
 * the queue of QuickBooks records to read again by id (qb_reread: the invoices of a payment).
 */
export class ReceivedPayments1764000000021 implements MigrationInterface {
  name = 'ReceivedPayments1764000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'received_payment',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'qbTxnId', type: 'varchar', length: '50', isNullable: false },
          { name: 'customerListId', type: 'varchar', length: '50', isNullable: false },
          { name: 'unusedCents', type: 'integer', isNullable: false },
          { name: 'invoiceTxnIdsJson', type: 'text', isNullable: false },
          { name: 'deleted', type: 'boolean', isNullable: false },
          { name: 'updatedAt', type: 'bigint', isNullable: false },
        ],
        uniques: [new TableUnique({ name: 'uq_received_payment_txn', columnNames: ['qbTxnId'] })],
        indices: [new TableIndex({ name: 'ix_received_payment_customer', columnNames: ['customerListId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'unapplied_written',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'b24Entity', type: 'varchar', length: '30', isNullable: false },
          { name: 'b24Id', type: 'varchar', length: '30', isNullable: false },
          { name: 'written', type: 'varchar', length: '120', isNullable: false },
          { name: 'updatedAt', type: 'bigint', isNullable: false },
        ],
        uniques: [new TableUnique({ name: 'uq_unapplied_written_record', columnNames: ['b24Entity', 'b24Id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'qb_reread',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entity', type: 'varchar', length: '30', isNullable: false },
          { name: 'qbId', type: 'varchar', length: '50', isNullable: false },
          { name: 'queuedAt', type: 'bigint', isNullable: false },
        ],
        uniques: [new TableUnique({ name: 'uq_qb_reread', columnNames: ['entity', 'qbId'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('qb_reread');
    await q.dropTable('unapplied_written');
    await q.dropTable('received_payment');
  }
}

import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Several processes on one PostgreSQL (issue 17): the authenticate throttle counts wrong passwords in the database
 * (auth_failure), so a guesser spreading attempts over the processes behind a load balancer is slowed all the same.
 */
export class AuthFailures1764000000017 implements MigrationInterface {
  name = 'AuthFailures1764000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'auth_failure',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'client', type: 'varchar', length: '100', isNullable: false },
          { name: 'failedAt', type: 'bigint', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'ix_auth_failure_client', columnNames: ['client', 'failedAt'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('auth_failure');
  }
}

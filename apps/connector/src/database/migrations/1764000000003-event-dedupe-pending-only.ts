import { TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Bitrix24 events carry only (event, record id, ts in whole seconds): two edits of one record in the same
 * second (a person's save and a robot's update) look identical. With a unique key forever, the second
 * edit's event was dropped as a duplicate once the first had been processed, and the change was lost until
 * the next poll. Deduplication now only compares with events still waiting, so the key is no longer unique.
 */
export class EventDedupePendingOnly1764000000003 implements MigrationInterface {
  name = 'EventDedupePendingOnly1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.dropUniqueConstraint('b24_event', 'uq_b24_event_key');
    await q.createIndex('b24_event', new TableIndex({ name: 'ix_b24_event_key', columnNames: ['dedupeKey', 'status'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('b24_event', 'ix_b24_event_key');
    await q.createUniqueConstraint('b24_event', new TableUnique({ name: 'uq_b24_event_key', columnNames: ['dedupeKey'] }));
  }
}

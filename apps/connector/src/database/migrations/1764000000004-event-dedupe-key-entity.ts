import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's dedupe key gains the entity (`POLL:contact:7:<ts>`, was `POLL:7:<ts>`): the poller stores every
 * entity as event `POLL`, so contact 7 and company 7 changed in the same second shared one key and one of
 * them was dropped. Only waiting rows are compared with a new event, so only those are rewritten: a duplicate
 * delivery arriving just after the upgrade still finds its waiting twin. Processed rows keep the old form;
 * nothing reads their key again. `||` and double-quoted identifiers are the same on SQLite and PostgreSQL.
 */
export class EventDedupeKeyEntity1764000000004 implements MigrationInterface {
  name = 'EventDedupeKeyEntity1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "b24_event" SET "dedupeKey" = UPPER("event") || ':' || "b24Entity" || ':' || "b24Id" || ':' || COALESCE("ts", '') WHERE "status" = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "b24_event" SET "dedupeKey" = UPPER("event") || ':' || "b24Id" || ':' || COALESCE("ts", '') WHERE "status" = 'pending'`);
  }
}

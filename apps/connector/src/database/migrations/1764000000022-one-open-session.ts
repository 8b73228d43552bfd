import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one open Web Connector session per company, kept by the database (issue 14): runs of two Web Connectors
 * that authenticated at the same moment each found no open session and each opened one (seen on PostgreSQL, where
 * the read and the insert wait on the network), and two sessions hand out the same queued writes twice.
 *
 * `openSlot` is 1 while a session is open and NULL once it is closed or expired; a unique index allows one 1 and any
 * number of NULLs (SQLite and PostgreSQL alike). A database that already holds several open sessions gives the slot to
 * the one seen last; the others stay open without it, so the next authenticate expires them as it always has (idle,
 * its process gone, or taken over), which releases their work.
 */
export class OneOpenSession1764000000022 implements MigrationInterface {
  name = 'OneOpenSession1764000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "qbwc_session" ADD COLUMN "openSlot" integer NULL');
    await q.query(
      `UPDATE "qbwc_session" SET "openSlot" = 1 WHERE "ticketHash" = (SELECT "ticketHash" FROM "qbwc_session" WHERE "state" = 'open' ORDER BY "lastSeenAt" DESC, "createdAt" DESC, "ticketHash" LIMIT 1)`,
    );
    await q.query('CREATE UNIQUE INDEX "uq_qbwc_session_open_slot" ON "qbwc_session" ("openSlot")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "uq_qbwc_session_open_slot"');
    await q.query('ALTER TABLE "qbwc_session" DROP COLUMN "openSlot"');
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import { B24EventInboxRepository } from '../../apps/connector/src/bitrix/b24-event-inbox.repository.js';
import { databaseBeforeMigration } from '../support/database-before-migration.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  cleanup?.();
  cleanup = undefined;
});

describe('upgrading to entity-qualified event dedupe keys', () => {
  it('a webhook re-delivered after the upgrade is still a duplicate of the event waiting from before it', async () => {
    // The database as the previous release left it: every migration before this one, one event still waiting.
    const { config, old, cleanup: removeData } = await databaseBeforeMigration('EventDedupeKeyEntity1764000000004');
    cleanup = removeData;
    await old.query(
      `INSERT INTO "b24_event" ("dedupeKey", "event", "b24Entity", "b24Id", "action", "ts", "status", "note", "receivedAt", "processedAt")
       VALUES ('ONCRMCONTACTUPDATE:123:1766047124', 'ONCRMCONTACTUPDATE', 'contact', '123', 'update', '1766047124', 'pending', NULL, 0, NULL)`,
    );
    await old.destroy();

    app = await startTestApp({ config });
    const again = await app.app
      .get(B24EventInboxRepository)
      .store({ event: 'ONCRMCONTACTUPDATE', b24Entity: 'contact', b24Id: '123', action: 'update', ts: '1766047124' });
    expect(again).toBe('duplicate');
  });
});

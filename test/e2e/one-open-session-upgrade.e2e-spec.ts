import { afterEach, describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../support/database-before-migration.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

let app: TestApp | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  cleanup?.();
  cleanup = undefined;
});

const COMPANY = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';

describe('upgrading to one open session per company (migration 1764000000022)', () => {
  it('a database left with two open sessions upgrades; the next run expires both, releasing their work, and opens one', async () => {
    // The database as the previous release could leave it: two runs that authenticated at the same moment both opened
    // a session, and the process that served them is gone.
    const { config, old, cleanup: removeData } = await databaseBeforeMigration('OneOpenSession1764000000022');
    cleanup = removeData;
    const seen = Date.now();
    for (const [hash, lastSeen] of [
      ['a'.repeat(64), seen - 1_000],
      ['b'.repeat(64), seen],
    ] as const) {
      await old.query(
        `INSERT INTO "qbwc_session" ("ticketHash", "ticketPrefix", "username", "state", "companyFile", "rounds", "progress", "createdAt", "lastSeenAt", "bootId") VALUES ($1, $2, 'qbconnector', 'open', '', 0, 0, $3, $4, 'a-boot-long-gone')`.replace(
          /\$\d/g,
          old.options.type === 'postgres' ? (m) => m : () => '?',
        ),
        [hash, hash.slice(0, 8), seen - 5_000, lastSeen],
      );
    }
    await old.destroy();

    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    app = await startTestApp({ config, provider });
    // The slot went to the session seen last; the other stays open without one.
    const slots = (await app.db.query(`SELECT "ticketPrefix", "openSlot" FROM "qbwc_session" ORDER BY "ticketPrefix"`)) as {
      ticketPrefix: string;
      openSlot: number | null;
    }[];
    expect(slots.map((r) => [r.ticketPrefix, r.openSlot === null ? null : Number(r.openSlot)])).toEqual([
      ['aaaaaaaa', null],
      ['bbbbbbbb', 1],
    ]);

    const res = await app.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('authenticate'),
      payload: soapEnvelope('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD }),
    });
    expect((readResult('authenticate', res.body) as string[])[1]).toBe(COMPANY);
    expect(provider.ended.sort()).toEqual(['expired', 'expired']);
    const states = (await app.db.query(`SELECT "ticketPrefix", "state" FROM "qbwc_session" ORDER BY "createdAt", "ticketPrefix"`)) as {
      ticketPrefix: string;
      state: string;
    }[];
    expect(states.filter((r) => r.state === 'open')).toHaveLength(1);
    expect(states.filter((r) => r.ticketPrefix === 'aaaaaaaa' || r.ticketPrefix === 'bbbbbbbb').map((r) => r.state)).toEqual(['expired', 'expired']);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseBaseUrl } from '../../../../../test/support/test-database.js';
import { useTestDatabase, Rollback } from '../../database/__tests__/open-test-database.js';
import { IdMappingEntity } from '../id-mapping.entity.js';
import { IdMappingRepository } from '../id-mapping.repository.js';

// The Bitrix24 worker reads and writes links with fixed SQL (database/raw-sql.ts) while the admin API and the dashboard
// read them through TypeORM: both must see the same rows, on SQLite and (test/pg/with-postgres.sh) on PostgreSQL.

const t0 = new Date('2026-12-07T08:00:00.123Z');
const t1 = new Date('2026-12-07T09:30:00.456Z');

describe('id mappings written and read by the Bitrix24 worker', () => {
  const db = useTestDatabase();
  let mappings: IdMappingRepository;
  beforeEach(() => {
    mappings = new IdMappingRepository(db());
  });

  it('a replayed link updates the one row it made, changing only the fields it gives', async () => {
    await mappings.link(
      [{ qbEntity: 'customer', qbId: '80-1', b24Entity: 'contact', b24Id: '7', qbEditSequence: '111', qbHash: 'qh', b24Hash: 'bh', baseJson: '{"a":1}' }],
      t0,
    );
    await mappings.link([{ qbEntity: 'customer', qbId: '80-1', b24Entity: 'contact', b24Id: '9', qbHash: null, status: 'conflict' }], t1);

    const rows = await db().getRepository(IdMappingEntity).find();
    expect(rows).toHaveLength(1);
    const expected = {
      id: rows[0]?.id,
      qbEntity: 'customer',
      qbId: '80-1',
      b24Entity: 'contact',
      b24Id: '9',
      qbEditSequence: '111',
      qbHash: null,
      b24Hash: 'bh',
      baseJson: '{"a":1}',
      status: 'conflict',
      createdAt: t0,
      updatedAt: t1,
    };
    expect({ ...rows[0] }).toEqual(expected);
    expect(await mappings.findByQbId('customer', '80-1')).toEqual([expected]);
    expect(await mappings.findByB24Id('contact', '9')).toEqual([expected]);
    expect(await mappings.findByB24Id('contact', '7')).toEqual([]);
  });

  it('a new link starts with no fingerprints and status linked, one row per Bitrix24 entity', async () => {
    await mappings.link(
      [
        { qbEntity: 'customer', qbId: '80-2', b24Entity: 'company', b24Id: '3' },
        { qbEntity: 'customer', qbId: '80-2', b24Entity: 'contact', b24Id: '4' },
        { qbEntity: 'job', qbId: '80-3', b24Entity: 'company', b24Id: '3' },
      ],
      t0,
    );
    const links = await mappings.findByQbId('customer', '80-2');
    expect(links.map((l) => [l.b24Entity, l.b24Id, l.status, l.qbEditSequence, l.qbHash, l.b24Hash, l.baseJson])).toEqual([
      ['company', '3', 'linked', null, null, null, null],
      ['contact', '4', 'linked', null, null, null, null],
    ]);
    // A job maps to its parent's company: the Bitrix24 side finds both, oldest first.
    expect((await mappings.findByB24Id('company', '3')).map((l) => [l.qbEntity, l.qbId])).toEqual([
      ['customer', '80-2'],
      ['job', '80-3'],
    ]);
  });

  it('links and an update made in a transaction that fails leave nothing behind', async () => {
    await mappings.link([{ qbEntity: 'item', qbId: '90-1', b24Entity: 'product', b24Id: '1', qbEditSequence: 'e1' }], t0);
    const [item] = await mappings.findByQbId('item', '90-1');
    await expect(
      db().transaction(async (tx) => {
        await mappings.link([{ qbEntity: 'item', qbId: '90-2', b24Entity: 'product', b24Id: '2' }], t1, tx);
        await mappings.update(item?.id ?? 0, { qbEditSequence: 'e2', updatedAt: t1 }, tx);
        expect(await mappings.findByQbId('item', '90-2', tx)).toHaveLength(1);
        throw new Rollback('the page could not be applied');
      }),
    ).rejects.toBeInstanceOf(Rollback);

    expect(await mappings.findByQbId('item', '90-2')).toEqual([]);
    expect(await mappings.findByQbId('item', '90-1')).toEqual([item]);
  });

  // PostgreSQL only: SQLite has one writer at a time, so a second first link always finds the first one's row.
  it.skipIf(testDatabaseBaseUrl() === undefined)(
    'two transactions making the same first link at once both succeed and leave one row, the later link’s fields on it',
    async () => {
      let commitFirst: () => void = () => undefined;
      let firstLinked: () => void = () => undefined;
      const linked = new Promise<void>((resolve) => {
        firstLinked = resolve;
      });
      const first = db().transaction(async (tx) => {
        await mappings.link([{ qbEntity: 'customer', qbId: '80-7', b24Entity: 'contact', b24Id: '7', qbHash: 'first' }], t0, tx);
        firstLinked();
        await new Promise<void>((resolve) => {
          commitFirst = resolve;
        });
      });
      await linked;
      // The second link finds no committed row and its insert waits on the first transaction's unique key.
      const second = mappings.link([{ qbEntity: 'customer', qbId: '80-7', b24Entity: 'contact', b24Id: '7', qbHash: 'second' }], t1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      commitFirst();
      await first;
      await second;
      const rows = await mappings.findByQbId('customer', '80-7');
      expect(rows.map((r) => [r.b24Id, r.qbHash, r.updatedAt.toISOString()])).toEqual([['7', 'second', t1.toISOString()]]);
    },
  );

  it('update sets the given fields of one link and leaves undefined ones alone', async () => {
    await mappings.link([{ qbEntity: 'item', qbId: '90-1', b24Entity: 'product', b24Id: '1', qbEditSequence: 'e1', qbHash: 'h1', baseJson: '{}' }], t0);
    const [item] = await mappings.findByQbId('item', '90-1');
    await mappings.update(item?.id ?? 0, { qbEditSequence: 'e2', baseJson: null, qbHash: undefined, updatedAt: t1 });

    expect({ ...(await db().getRepository(IdMappingEntity).findOneByOrFail({ qbId: '90-1' })) }).toEqual({
      ...item,
      qbEditSequence: 'e2',
      baseJson: null,
      qbHash: 'h1',
      updatedAt: t1,
    });
  });

  it('findByQbIds finds every linked id of a long list, for the one Bitrix24 entity asked', async () => {
    const ids = Array.from({ length: 1_100 }, (_, i) => `80-${i}`);
    await mappings.link(
      ids.filter((_, i) => i % 3 !== 0).map((qbId, i) => ({ qbEntity: 'customer', qbId, b24Entity: 'contact', b24Id: String(i) })),
      t0,
    );
    await mappings.link([{ qbEntity: 'customer', qbId: '80-0', b24Entity: 'company', b24Id: '5' }], t0);

    const found = await mappings.findByQbIds('customer', 'contact', ids);
    expect([...found.keys()].sort()).toEqual(ids.filter((_, i) => i % 3 !== 0).sort());
    expect(found.get('80-1')).toMatchObject({ qbId: '80-1', b24Entity: 'contact', b24Id: '0' });
    expect([...(await mappings.findByQbIds('customer', 'contact', ['80-1', '80-0', '80-2'])).keys()]).toEqual(['80-1', '80-2']);
    expect((await mappings.findByQbIds('customer', 'company', ['80-0'])).get('80-0')).toMatchObject({ b24Id: '5' });
    expect((await mappings.findByQbIds('customer', 'contact', [])).size).toBe(0);
  });
});

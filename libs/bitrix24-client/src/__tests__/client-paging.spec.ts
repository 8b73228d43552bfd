import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from './fake-fetch.js';
import { isRecord } from '../parse-envelope.js';
import { makeClient, ok } from './client-fixture.js';

const ALL = Array.from({ length: 237 }, (_, i) => ({ ID: String(i * 3 + 1), NAME: `c${i}` }));

/** Legacy list semantics of bitrix24.md §4.1 over ALL: `>ID` filter, `start` offset or `start=-1`. */
function listRoute(req: RecordedRequest) {
  const body = isRecord(req.body) ? req.body : {};
  const filter = isRecord(body['filter']) ? body['filter'] : {};
  const gt = Number(filter['>ID'] ?? 0);
  const start = Number(body['start'] ?? 0);
  const matching = ALL.filter((r) => Number(r.ID) > gt);
  if (start === -1) return ok(matching.slice(0, 50), { total: 0 });
  const page = matching.slice(start, start + 50);
  return ok(page, { total: matching.length, ...(start + 50 < matching.length ? { next: start + 50 } : {}) });
}

describe('pagination', () => {
  it('listAll scans with >ID, start=-1 and ID ASC until a short page', async () => {
    const { client, server } = makeClient();
    server.setRoute(listRoute);
    const got: string[] = [];
    for await (const r of client.listAll<{ ID: string }>('crm.contact.list', { filter: { TYPE_ID: 'CLIENT' }, select: ['NAME'] })) got.push(r.ID);
    expect(got).toEqual(ALL.map((r) => r.ID));
    expect(server.requests).toHaveLength(5); // 50+50+50+50+37
    const second = server.requests[1]?.body;
    expect(second).toEqual({ filter: { TYPE_ID: 'CLIENT', '>ID': 148 }, select: ['NAME', 'ID'], order: { ID: 'ASC' }, start: -1 });
  });

  it('listAll starts after a caller-given >ID', async () => {
    const { client, server } = makeClient();
    server.setRoute(listRoute);
    const got: string[] = [];
    for await (const r of client.contact.listAll({ filter: { '>ID': 700 } })) got.push(r.ID);
    expect(got).toEqual(ALL.filter((r) => Number(r.ID) > 700).map((r) => r.ID));
  });

  it('listAll makes one extra call when the total is a multiple of 50', async () => {
    const { client, server } = makeClient();
    server.setRoute((req) => {
      const body = isRecord(req.body) ? req.body : {};
      const gt = Number(isRecord(body['filter']) ? body['filter']['>ID'] : 0);
      return ok(
        ALL.slice(0, 100)
          .filter((r) => Number(r.ID) > gt)
          .slice(0, 50),
        { total: 0 },
      );
    });
    let n = 0;
    for await (const _ of client.listAll('crm.contact.list')) n++;
    expect(n).toBe(100);
    expect(server.requests).toHaveLength(3);
  });

  it('listAll refuses another order (it would silently skip records)', async () => {
    const { client } = makeClient();
    const it = client.listAll('crm.contact.list', { order: { DATE_MODIFY: 'ASC' } });
    await expect(it.next()).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('listPages follows next with any order and stops when next is absent', async () => {
    const { client, server } = makeClient();
    server.setRoute(listRoute);
    const pages: { n: number; total: number | undefined }[] = [];
    for await (const p of client.listPages('crm.contact.list', { order: { NAME: 'DESC' } })) pages.push({ n: p.items.length, total: p.total });
    expect(pages.map((p) => p.n)).toEqual([50, 50, 50, 50, 37]);
    expect(pages.every((p) => p.total === 237)).toBe(true);
    expect(server.requests.map((r) => (isRecord(r.body) ? r.body['start'] : undefined))).toEqual([0, 50, 100, 150, 200]);
  });

  it("listAllBatched throws the failing page's error instead of skipping records", async () => {
    const { client, server } = makeClient();
    server.enqueue(
      ok(ALL.slice(0, 50), { total: 237 }),
      ok({
        result: { p0: ALL.slice(50, 100) },
        result_error: { p1: { error: 'OPERATION_TIME_LIMIT', error_description: 'blocked' } },
        result_total: [],
        result_next: [],
      }),
    );
    const seen: string[] = [];
    const it = client.listAllBatched<{ ID: string }>('crm.contact.list');
    await expect(
      (async () => {
        for await (const r of it) seen.push(r.ID);
      })(),
    ).rejects.toMatchObject({ code: 'OPERATION_LIMITED', commandKey: 'p1' });
    expect(seen).toHaveLength(100);
    // The second call carried 4 pages (187 remaining / 50), chained by $result references.
    const body = server.requests[1]?.body;
    const cmd = isRecord(body) && isRecord(body['cmd']) ? body['cmd'] : {};
    expect(Object.keys(cmd)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(cmd['p1']).toContain(encodeURIComponent('$result[p0][49][ID]'));
  });

  it('entity list() returns a single page', async () => {
    const { client, server } = makeClient();
    server.setRoute(listRoute);
    const page = await client.contact.list({ start: 50 });
    expect(page.items[0]?.ID).toBe(ALL[50]?.ID);
    expect(page.next).toBe(100);
    expect(server.requests).toHaveLength(1);
  });
});

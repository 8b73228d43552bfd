import { describe, expect, it } from 'vitest';
import { Bitrix24Error } from '../bitrix24.error.js';
import type { RecordedRequest } from './fake-fetch.js';
import { isRecord } from '../parse-envelope.js';
import { makeClient, ok } from './client-fixture.js';

/** A tiny batch "portal" for unit tests: runs crm.contact.add commands, fails those whose NAME is "bad". */
function batchRoute(req: RecordedRequest) {
  const body = isRecord(req.body) ? req.body : {};
  const cmd = isRecord(body['cmd']) ? body['cmd'] : {};
  const halt = body['halt'] === 1;
  const result: Record<string, unknown> = {};
  const errors: Record<string, unknown> = {};
  for (const [key, command] of Object.entries(cmd)) {
    if (typeof command !== 'string') continue;
    const params = new URLSearchParams(command.split('?')[1] ?? '');
    if (params.get('fields[NAME]') === 'bad') {
      errors[key] = { error: '', error_description: "Parameter 'fields' must be array." };
      if (halt) break;
    } else {
      result[key] = Number(key.replace('cmd_', '')) + 1000;
    }
  }
  // PHP quirk: empty maps are [] (bitrix24.md §3).
  const map = (m: Record<string, unknown>): unknown => (Object.keys(m).length === 0 ? [] : m);
  return ok({ result: map(result), result_error: map(errors), result_total: [], result_next: [], result_time: [] });
}

const adds = (names: string[]) => names.map((NAME) => ({ method: 'crm.contact.add', params: { fields: { NAME } } }));

describe('Bitrix24Client.batch', () => {
  it('sends 120 commands as 3 HTTP calls of 50, 50 and 20', async () => {
    const { client, server } = makeClient();
    server.setRoute(batchRoute);
    const names = Array.from({ length: 120 }, (_, i) => `n${i}`);
    const res = await client.batch(adds(names));
    expect(res.httpCalls).toBe(3);
    expect(server.methods).toEqual(['batch', 'batch', 'batch']);
    const sizes = server.requests.map((r) => (isRecord(r.body) && isRecord(r.body['cmd']) ? Object.keys(r.body['cmd']).length : 0));
    expect(sizes).toEqual([50, 50, 20]);
    expect(res.results.size).toBe(120);
    expect(res.results.get('cmd_119')).toBe(1119);
    expect(res.errors.size).toBe(0);
  });

  it('encodes each command as method?php-query inside a JSON body', async () => {
    const { client, server } = makeClient();
    server.setRoute(batchRoute);
    await client.batch({
      add: { method: 'crm.contact.add', params: { fields: { NAME: 'Ann & Bob', PHONE: [{ VALUE: '+1 555', VALUE_TYPE: 'WORK' }] } } },
      get: { method: 'crm.contact.get', params: { id: '$result[add]' } },
      fields: { method: 'crm.contact.fields' },
    });
    expect(server.requests[0]?.body).toEqual({
      halt: 0,
      cmd: {
        add: 'crm.contact.add?fields%5BNAME%5D=Ann%20%26%20Bob&fields%5BPHONE%5D%5B0%5D%5BVALUE%5D=%2B1%20555&fields%5BPHONE%5D%5B0%5D%5BVALUE_TYPE%5D=WORK',
        get: 'crm.contact.get?id=%24result%5Badd%5D',
        fields: 'crm.contact.fields',
      },
    });
  });

  it('surfaces a failing command separately and keeps the others', async () => {
    const { client, server } = makeClient();
    server.setRoute(batchRoute);
    const res = await client.batch(adds(['a', 'bad', 'c']));
    expect([...res.results.keys()]).toEqual(['cmd_0', 'cmd_2']);
    const e = res.errors.get('cmd_1');
    expect(e).toBeInstanceOf(Bitrix24Error);
    expect(e).toMatchObject({ code: 'INVALID', method: 'crm.contact.add', commandKey: 'cmd_1', message: "Parameter 'fields' must be array." });
    expect(res.skipped).toEqual([]);
  });

  it('with halt stops at the first failure, including later chunks', async () => {
    const { client, server } = makeClient();
    server.setRoute(batchRoute);
    const names = Array.from({ length: 60 }, (_, i) => (i === 2 ? 'bad' : `n${i}`));
    const res = await client.batch(adds(names), { halt: true });
    expect(res.httpCalls).toBe(1);
    expect([...res.results.keys()]).toEqual(['cmd_0', 'cmd_1']);
    expect([...res.errors.keys()]).toEqual(['cmd_2']);
    expect(res.skipped).toHaveLength(57);
    expect(server.requests[0]?.body).toMatchObject({ halt: 1 });
  });

  it('refuses a $result reference to a command outside the chunk before sending anything', async () => {
    const { client, server } = makeClient();
    const cmds = [...adds(Array.from({ length: 50 }, (_, i) => `n${i}`)), { method: 'crm.contact.get', params: { id: '$result[cmd_0]' } }];
    await expect(client.batch(cmds)).rejects.toMatchObject({ code: 'INVALID', commandKey: 'cmd_50' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses nested batch and bad command keys', async () => {
    const { client } = makeClient();
    await expect(client.batch([{ method: 'batch' }])).rejects.toMatchObject({ code: 'INVALID' });
    await expect(client.batch({ 'a b': { method: 'scope' } })).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('reads per-command totals and nexts of list commands', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok({ result: { l: [{ ID: '1' }] }, result_error: [], result_total: { l: 120 }, result_next: { l: 50 }, result_time: {} }));
    const res = await client.batch({ l: { method: 'crm.contact.list', params: { start: 0 } } });
    expect(res.totals.get('l')).toBe(120);
    expect(res.nexts.get('l')).toBe(50);
  });

  it('an empty command list makes no call', async () => {
    const { client, server } = makeClient();
    const res = await client.batch([]);
    expect(res.httpCalls).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});

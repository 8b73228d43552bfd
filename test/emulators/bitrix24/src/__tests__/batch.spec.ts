import { afterEach, describe, expect, it } from 'vitest';
import { startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { arr, call, obj, result } from './test-helpers.js';

let portal: Bitrix24Portal;
afterEach(async () => {
  await portal.close();
});

describe('batch (bitrix24.md §3, §10 item 10)', () => {
  it('item 10: runs commands in order with $result[...] substitution and answers five maps, empty ones as []', async () => {
    portal = await startBitrix24Portal();
    const r = await call(portal.webhookUrl, 'batch', {
      halt: 0,
      cmd: {
        co: `crm.company.add?${new URLSearchParams({ 'fields[TITLE]': 'Acme & Sons' })}`,
        ct: 'crm.contact.add?fields[NAME]=Ann&fields[COMPANY_ID]=$result[co]',
        get: 'crm.contact.get?id=$result[ct]',
        list: 'crm.contact.list?filter[COMPANY_ID]=$result[get][COMPANY_ID]&select[]=ID',
      },
    });
    expect(r.status).toBe(200);
    const body = obj(result(r));
    expect(obj(body['result'])['co']).toBe(1);
    expect(obj(obj(body['result'])['get'])).toMatchObject({ NAME: 'Ann', COMPANY_ID: '1' });
    expect(obj(body['result'])['list']).toEqual([{ ID: '1' }]);
    expect(body['result_error']).toEqual([]);
    expect(body['result_next']).toEqual([]);
    expect(body['result_total']).toEqual({ list: 1 });
    expect(Object.keys(obj(body['result_time']))).toEqual(['co', 'ct', 'get', 'list']);
    expect(portal.get('company', 1)?.['TITLE']).toBe('Acme & Sons');
    expect(portal.calls).toEqual([expect.objectContaining({ method: 'batch', httpStatus: 200, batchCommands: 4 })]);
  });

  it('item 10: sub-command errors land in result_error with HTTP 200; halt=1 stops at the first failure', async () => {
    portal = await startBitrix24Portal();
    const cmd = { a: 'crm.contact.get?id=99', b: 'crm.contact.add?fields[NAME]=Z', c: 'batch?cmd[x]=scope', d: 'no.such' };
    const soft = obj(result(await call(portal.webhookUrl, 'batch', { cmd })));
    expect(soft['result_error']).toEqual({
      a: { error: '', error_description: 'Not found' },
      c: { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' },
      d: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' },
    });
    expect(soft['result']).toEqual({ b: 1 });
    const hard = obj(result(await call(portal.webhookUrl, 'batch', { halt: 1, cmd })));
    expect(hard['result']).toEqual([]);
    expect(Object.keys(obj(hard['result_error']))).toEqual(['a']);
    expect(portal.list('contact')).toHaveLength(1);
  });

  it('item 10: more than 50 commands → 400 ERROR_BATCH_LENGTH_EXCEEDED; an array cmd yields list-shaped maps', async () => {
    portal = await startBitrix24Portal();
    const big = await call(portal.webhookUrl, 'batch', { cmd: Array.from({ length: 51 }, () => 'scope') });
    expect(big.status).toBe(400);
    expect(obj(big.json)['error']).toBe('ERROR_BATCH_LENGTH_EXCEEDED');
    const listShaped = obj(result(await call(portal.webhookUrl, 'batch', { cmd: ['scope', 'server.time'] })));
    expect(arr(listShaped['result'])).toHaveLength(2);
  });

  it('item 10: the >ID + start=-1 scan recipe works through $result[cmd][49][ID] with form-encoded (double-encoded) commands', async () => {
    portal = await startBitrix24Portal();
    for (let i = 0; i < 120; i++) portal.ui.add('product', { NAME: `P${i}`, PRICE: i });
    const cmd: Record<string, string> = {};
    for (let i = 0; i < 3; i++) {
      const filter = i === 0 ? '0' : `$result[cmd_${i - 1}][49][ID]`;
      cmd[`cmd_${i}`] = `crm.product.list?${new URLSearchParams({ 'order[ID]': 'ASC', 'filter[>ID]': filter, start: '-1', 'select[]': 'ID' })}`;
    }
    const form = Object.entries(cmd)
      .map(([k, v]) => `cmd[${k}]=${encodeURIComponent(v)}`)
      .join('&');
    const body = obj(result(await call(portal.webhookUrl, 'batch', {}, { body: form, contentType: 'application/x-www-form-urlencoded' })));
    const pages = obj(body['result']);
    expect(arr(pages['cmd_0'])).toHaveLength(50);
    expect(arr(pages['cmd_2'])).toHaveLength(20);
    expect(arr(pages['cmd_2'])[0]).toEqual({ ID: '101' });
    expect(body['result_total']).toEqual({ cmd_0: 0, cmd_1: 0, cmd_2: 0 });
  });

  it('item 10: a fault injected for a named method fails only that sub-command', async () => {
    portal = await startBitrix24Portal();
    portal.injectFault({ kind: 'INTERNAL_SERVER_ERROR', count: 1, methods: ['crm.deal.add'] });
    const body = obj(result(await call(portal.webhookUrl, 'batch', { cmd: { a: 'crm.deal.add?fields[TITLE]=x', b: 'crm.deal.add?fields[TITLE]=y' } })));
    expect(obj(body['result_error'])['a']).toMatchObject({ error: 'INTERNAL_SERVER_ERROR' });
    expect(obj(body['result'])['b']).toBe(1);
  });
});

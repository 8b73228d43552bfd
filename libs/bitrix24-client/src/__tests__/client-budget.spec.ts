import { describe, expect, it } from 'vitest';
import { Bitrix24Error } from '../bitrix24.error.js';
import { makeClient, ok } from './client-fixture.js';

describe('Bitrix24Client.withBudget', () => {
  it('a budgeted client gives up after one attempt with its own timeout, and the original still retries', async () => {
    const { client, transport } = makeClient({ timeoutMs: 30_000 });
    const quick = client.withBudget({ maxRetries: 0, timeoutMs: 2_000 });
    transport.enqueue('network', 'network', ok(true));
    await expect(quick.call('crm.contact.list')).rejects.toSatisfy((e) => e instanceof Bitrix24Error && e.code === 'NETWORK');
    expect(transport.requests.map((r) => r.request.timeoutMs)).toEqual([2_000]);
    await expect(client.call('crm.contact.list')).resolves.toMatchObject({ result: true });
    expect(transport.requests.map((r) => r.request.timeoutMs)).toEqual([2_000, 30_000, 30_000]);
  });
});

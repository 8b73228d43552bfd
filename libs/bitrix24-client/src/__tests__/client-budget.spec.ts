import { describe, expect, it, vi } from 'vitest';
import { Bitrix24Error } from '../bitrix24.error.js';
import { makeClient, ok } from './client-fixture.js';

describe('Bitrix24Client.withBudget', () => {
  it('a budgeted client gives up after one attempt with its own timeout, and the original still retries', async () => {
    const { client, server, transport } = makeClient({ timeoutMs: 30_000 });
    // The timeout the client asks the transport for is not visible on the wire, so read it at the transport.
    const send = vi.spyOn(transport, 'send');
    const timeouts = () => send.mock.calls.map(([req]) => req.timeoutMs);
    const quick = client.withBudget({ maxRetries: 0, timeoutMs: 2_000 });
    server.enqueue('network', 'network', ok(true));
    await expect(quick.call('crm.contact.list')).rejects.toSatisfy((e) => e instanceof Bitrix24Error && e.code === 'NETWORK');
    expect(timeouts()).toEqual([2_000]);
    await expect(client.call('crm.contact.list')).resolves.toMatchObject({ result: true });
    expect(timeouts()).toEqual([2_000, 30_000, 30_000]);
  });
});

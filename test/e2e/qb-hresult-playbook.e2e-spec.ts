import type { QuickBooksRequestProcessor } from '@qb-b24/qbwc-driver';
import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { runDriverSession } from '../support/driver-session.js';
import { s, type Rec } from '../support/record-values.js';
import { drainWorker, startImportedHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * QuickBooks as Web Connector drives it, except that the first message set carrying a CustomerAddRq (the queued
 * Bitrix24 contact) is answered with an HRESULT: QuickBooks ran nothing (qbwc.md receiveResponseXML `hresult`).
 */
function customerAddAnsweredWith(x: Harness, hresult: string, message: string): QuickBooksRequestProcessor {
  let fired = false;
  return {
    companyFilePath: x.qb.companyFilePath,
    openSession: (p) => x.qb.openSession(p),
    hcpResponse: (o, f) => x.qb.hcpResponse(o, f),
    processRequest: async (rq) => {
      if (!fired && rq.includes('<CustomerAddRq')) {
        fired = true;
        return { ok: false, hresult, message };
      }
      return x.qb.processRequest(rq);
    },
    closeSession: () => x.qb.closeSession(),
  };
}

/** A contact created in the Bitrix24 UI, stored as an event and queued toward QuickBooks by the worker. */
async function queuedContact(): Promise<Harness> {
  const qb = generateSampleCompany({ seed: 18, scale: { customers: 4, vendors: 1, items: 2, invoices: 2, estimates: 1 } });
  const x = await startImportedHarness({ qb });
  x.portal.ui.add('contact', { NAME: 'Hresult', LAST_NAME: 'Probe' });
  await x.portal.idle();
  await drainWorker(x.t);
  return x;
}

const customerAddsSent = (x: Harness): number => x.qb.requestLog.filter((e) => e.request.includes('<CustomerAddRq')).length;
const probesInQb = (x: Harness): number => x.qb.ids('Customer').filter((id) => s((x.qb.getRet(id) as Rec)['Name']) === 'Hresult Probe').length;

describe('Web Connector HRESULTs on a queued write (the qbXML playbook)', () => {
  it('0x80040400 (QuickBooks cannot parse the request) parks the write as dead with the operator message, and the next session does not send it again', async () => {
    h = await queuedContact();
    await runDriverSession(h, { processor: customerAddAnsweredWith(h, '0x80040400', 'QuickBooks found an error when parsing the provided XML text stream.') });
    const row = await h.t.db.getRepository(OutboxEntity).findOneByOrFail({ b24Entity: 'contact' });
    expect(row.status).toBe('dead');
    expect(row.lastErrorCode).toBe('QB_HRESULT');
    expect(row.lastError).toContain('QuickBooks could not parse the request XML');
    expect(row.lastError).toContain('0x80040400');

    const sentBefore = customerAddsSent(h);
    h.qb.advance(3_600_000);
    expect((await h.session()).outcome).toBe('completed');
    expect(customerAddsSent(h)).toBe(sentBefore);
    expect(probesInQb(h)).toBe(0);
  });

  it('0x80040408 (QuickBooks could not start) keeps the write queued, and the next session sends it: the customer exists once', async () => {
    h = await queuedContact();
    await runDriverSession(h, { processor: customerAddAnsweredWith(h, '0x80040408', 'Could not start QuickBooks.') });
    const row = await h.t.db.getRepository(OutboxEntity).findOneByOrFail({ b24Entity: 'contact' });
    expect(row.status).toBe('pending');
    expect(probesInQb(h)).toBe(0);

    h.qb.advance(3_600_000);
    h.t.clock.advance(3_600_000);
    expect((await h.session()).outcome).toBe('completed');
    expect(probesInQb(h)).toBe(1);
    expect((await h.t.db.getRepository(OutboxEntity).findOneByOrFail({ b24Entity: 'contact' })).status).toBe('done');
  });
});

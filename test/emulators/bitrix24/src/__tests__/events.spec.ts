import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { call, obj, result, startEventSink, type EventSink } from './test-helpers.js';

let portal: Bitrix24Portal;
let sink: EventSink;
const TOKEN = 'jvh9y1ulvt2m6k5or90v9mg8nn32ozas';
beforeEach(async () => {
  sink = await startEventSink();
  portal = await startBitrix24Portal({ clock: new ManualClock(1_766_047_124_000), events: { handlerUrl: sink.url, applicationToken: TOKEN } });
});
afterEach(async () => {
  await portal.close();
  await sink.close();
});

const rest = (method: string, params: Record<string, unknown> = {}): ReturnType<typeof call> => call(portal.webhookUrl, method, params);
const names = (): string[] => sink.received.map((e) => String(e.params['event']));

describe('outbound events (bitrix24.md §7, §10 items 32-35)', () => {
  it('item 32: add/update/delete from REST and from the UI POST form-encoded payloads with only the ID and auth[application_token]', async () => {
    const id = Number(result(await rest('crm.deal.add', { fields: { TITLE: 'D' } })));
    await rest('crm.deal.update', { id, fields: { TITLE: 'E' } });
    const ui = portal.ui.add('contact', { NAME: 'Ann' });
    portal.ui.update('contact', ui, { NAME: 'Anna' });
    portal.ui.delete('contact', ui);
    await rest('crm.product.add', { fields: { NAME: 'P' } });
    await portal.idle();
    expect(names().sort()).toEqual(
      ['ONCRMCONTACTADD', 'ONCRMCONTACTDELETE', 'ONCRMCONTACTUPDATE', 'ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONCRMPRODUCTADD'].sort(),
    );
    const first = sink.received.find((e) => e.params['event'] === 'ONCRMDEALADD');
    expect(first?.contentType).toBe('application/x-www-form-urlencoded');
    expect(first?.raw).toMatch(/^event=ONCRMDEALADD&event_handler_id=\d+&data%5BFIELDS%5D%5BID%5D=1&ts=1766047124&auth%5Bdomain%5D=/);
    expect(first?.params).toMatchObject({
      data: { FIELDS: { ID: '1' } },
      auth: { application_token: TOKEN, server_endpoint: 'https://oauth.bitrix.info/rest/', member_id: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(obj(obj(first?.params['data'])['FIELDS'])).toEqual({ ID: '1' });
  });

  it('item 33: events are asynchronous — the REST answer does not wait for the handler', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    sink.onReceive = () => gate;
    expect(result(await rest('crm.company.add', { fields: { TITLE: 'X' } }))).toBe(1);
    // The REST call has answered while the delivery is still outstanding.
    expect(portal.sentEvents).toHaveLength(0);
    release();
    await portal.idle();
    expect(portal.sentEvents).toEqual([expect.objectContaining({ event: 'ONCRMCOMPANYADD', outcome: 'delivered' })]);
  });

  it('item 33: the delayMs knob holds deliveries back until idle()', async () => {
    portal.setEvents({ handlerUrl: sink.url, applicationToken: TOKEN }, { delayMs: 20 });
    portal.ui.add('company', { TITLE: 'X' });
    expect(sink.received).toHaveLength(0);
    await portal.idle();
    expect(names()).toEqual(['ONCRMCOMPANYADD']);
  });

  it('item 33: at-most-once — a failed delivery is not retried', async () => {
    sink.failWith = 500;
    portal.ui.add('company', { TITLE: 'X' });
    await portal.idle();
    expect(sink.received).toHaveLength(1);
    expect(portal.sentEvents).toEqual([expect.objectContaining({ event: 'ONCRMCOMPANYADD', outcome: 'failed', httpStatus: 500 })]);
  });

  it('item 33: knobs drop, duplicate and reorder deliveries for robustness tests', async () => {
    portal.setEvents({ handlerUrl: sink.url, applicationToken: TOKEN }, { drop: 1 });
    portal.ui.add('company', { TITLE: 'A' });
    portal.ui.add('company', { TITLE: 'B' });
    await portal.idle();
    expect(sink.received.map((e) => obj(obj(e.params['data'])['FIELDS'])['ID'])).toEqual(['2']);
    expect(portal.sentEvents[0]).toMatchObject({ outcome: 'dropped', fields: { ID: '1' } });

    sink.received.length = 0;
    portal.setEvents({ handlerUrl: sink.url, applicationToken: TOKEN }, { duplicate: true });
    portal.ui.update('company', 1, { TITLE: 'A2' });
    await portal.idle();
    expect(names()).toEqual(['ONCRMCOMPANYUPDATE', 'ONCRMCOMPANYUPDATE']);

    sink.received.length = 0;
    portal.setEvents({ handlerUrl: sink.url, applicationToken: TOKEN }, { reorder: true });
    portal.ui.add('deal', { TITLE: 'first' });
    portal.ui.update('deal', 1, { TITLE: 'second' });
    await portal.idle();
    expect(names()).toEqual(['ONCRMDEALUPDATE', 'ONCRMDEALADD']);
  });

  it('item 34: a UI move between funnels fires ONCRMDEALMOVETOCATEGORY with CATEGORY_ID and STAGE_ID; DELETE fires after removal', async () => {
    const cat = portal.addDealCategory('Wholesale');
    const id = portal.ui.add('deal', { TITLE: 'D' });
    portal.ui.update('deal', id, { CATEGORY_ID: cat });
    await portal.idle();
    const move = sink.received.find((e) => e.params['event'] === 'ONCRMDEALMOVETOCATEGORY');
    expect(obj(move?.params['data'])['FIELDS']).toEqual({ ID: String(id), CATEGORY_ID: String(cat), STAGE_ID: `C${cat}:NEW` });

    const seen: number[] = [];
    sink.onReceive = async (p) => {
      if (p['event'] === 'ONCRMDEALDELETE') seen.push((await rest('crm.deal.get', { id })).status);
    };
    await rest('crm.deal.delete', { id });
    await portal.idle();
    expect(seen).toEqual([400]);
  });

  it('item 35: event.bind and event.offline.get refuse webhook authorisation', async () => {
    for (const m of ['event.bind', 'event.offline.get']) {
      const r = await rest(m, { event: 'ONCRMDEALADD', handler: sink.url });
      expect(r.status).toBe(403);
      expect(obj(r.json)['error']).toBe('WRONG_AUTH_TYPE');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMultiCompanyHarness, type MultiCompanyHarness } from '../support/multi-company-harness.js';
import { s } from '../support/record-values.js';
import { readFault, soapEnvelope, soapHeaders } from '../support/soap.js';
import {
  A,
  B,
  smallCompany,
  qbIds,
  originIds,
  expectPortalMirrorsQuickBooks,
  portalState,
  qbWrites,
  customersNamed,
  soap,
  call,
  login,
  snapshots,
  qbwcPath,
} from '../support/multi-company-checks.js';

describe('two companies in one service', () => {
  let h: MultiCompanyHarness;

  beforeAll(async () => {
    h = await startMultiCompanyHarness({ companies: [{ id: A }, { id: B, qb: smallCompany() }] });
    // The two QuickBooks companies share no record id, so a record in the wrong portal cannot pass for a right one.
    const a = qbIds(h.qb(A));
    expect([...qbIds(h.qb(B))].filter((x) => a.has(x))).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('imports each company fully into its own portal and none of the other’s; later sessions write nothing and then call nothing', async () => {
    const [importA, importB] = await Promise.all([h.session(A), h.session(B)]);
    expect(importA.outcome, JSON.stringify(importA.transcript.slice(-3))).toBe('completed');
    expect(importB.outcome, JSON.stringify(importB.transcript.slice(-3))).toBe('completed');

    for (const [own, other] of [
      [A, B],
      [B, A],
    ] as const) {
      expectPortalMirrorsQuickBooks(h, own);
      const mine = qbIds(h.qb(own));
      const theirs = qbIds(h.qb(other));
      const origins = originIds(h, own);
      expect(
        origins.filter((x) => !mine.has(x)),
        `${own}'s portal holds records from elsewhere`,
      ).toEqual([]);
      expect(origins.filter((x) => theirs.has(x))).toEqual([]);
    }
    expect(h.portal(A).list('deal').length).toBeGreaterThan(h.portal(B).list('deal').length);

    // The import's own writes come back as portal events: the next session reads those records once, sees they
    // are its own, and writes nothing to either side; the session after that makes no Bitrix24 call at all.
    await Promise.all([h.portal(A).idle(), h.portal(B).idle()]);
    const portalsBefore = [portalState(h, A), portalState(h, B)];
    const qbWritesBefore = [qbWrites(h.qb(A)), qbWrites(h.qb(B))];
    const second = await Promise.all([h.session(A), h.session(B)]);
    expect(second.map((r) => r.outcome)).toEqual(['completed', 'completed']);
    expect([portalState(h, A), portalState(h, B)]).toEqual(portalsBefore);
    expect([qbWrites(h.qb(A)), qbWrites(h.qb(B))]).toEqual(qbWritesBefore);

    for (const id of [A, B]) h.portal(id).resetCalls();
    const third = await Promise.all([h.session(A), h.session(B)]);
    expect(third.map((r) => r.outcome)).toEqual(['completed', 'completed']);
    expect(h.portal(A).calls.map((c) => c.method)).toEqual([]);
    expect(h.portal(B).calls.map((c) => c.method)).toEqual([]);
    expect([qbWrites(h.qb(A)), qbWrites(h.qb(B))]).toEqual(qbWritesBefore);
  }, 180_000);

  it('a contact added in portal B becomes a customer of QuickBooks company B only', async () => {
    const before = h.qb(A).ids('Customer').length;
    h.portal(B).ui.add('contact', { NAME: 'Ada', LAST_NAME: 'Lovelace', EMAIL: [{ VALUE: 'ada@beta-books.example', VALUE_TYPE: 'WORK' }] });
    await h.portal(B).idle();
    expect(h.portal(B).sentEvents.at(-1)?.outcome).toBe('delivered');
    expect((await h.session(A)).outcome).toBe('completed');
    expect((await h.session(B)).outcome).toBe('completed');
    const found = customersNamed(h.qb(B), 'Ada Lovelace');
    expect(found).toHaveLength(1);
    expect(s(found[0]?.['Email'])).toBe('ada@beta-books.example');
    expect(customersNamed(h.qb(A), 'Ada Lovelace')).toEqual([]);
    expect(h.qb(A).ids('Customer')).toHaveLength(before);
    expect(
      h
        .portal(A)
        .list('contact')
        .filter((c) => s(c['LAST_NAME']) === 'Lovelace'),
    ).toEqual([]);
  }, 120_000);

  describe('cross-over attempts change nothing and are answered clearly', () => {
    it('A’s credentials at B’s AppURL: nvu', async () => {
      const before = await snapshots(h);
      const r = await h.session(A, { appUrl: h.identity(B).appUrl });
      expect(r.outcome).toBe('nvu');
      expect(await login(h, qbwcPath(B), A)).toEqual(['', 'nvu']);
      // and B's password with A's user name is no better
      const mixed = await call(h, qbwcPath(B), 'authenticate', { strUserName: h.identity(A).username, strPassword: h.identity(B).password });
      expect(mixed).toEqual(['', 'nvu']);
      expect(await snapshots(h)).toEqual(before);
    });

    it('A’s valid ticket at B’s AppURL is an unknown ticket there', async () => {
      const [ticket = '', status] = await login(h, qbwcPath(A), A);
      expect(status).toBe(h.config(A).qbwc.companyFile);
      try {
        const before = await snapshots(h);
        const asB = async (t: string): Promise<unknown[]> => [
          await call(h, qbwcPath(B), 'sendRequestXML', {
            ticket: t,
            strHCPResponse: h.qb(A).hcpResponse(h.identity(A).ownerId, h.identity(A).fileId),
            strCompanyFileName: h.config(A).qbwc.companyFile,
            qbXMLCountry: 'US',
            qbXMLMajorVers: 13,
            qbXMLMinorVers: 0,
          }),
          await call(h, qbwcPath(B), 'receiveResponseXML', {
            ticket: t,
            response: '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs/></QBXML>',
            hresult: '',
            message: '',
          }),
          await call(h, qbwcPath(B), 'getLastError', { ticket: t }),
          await call(h, qbwcPath(B), 'closeConnection', { ticket: t }),
        ];
        const answers = await asB(ticket);
        expect(answers[0]).toBe('');
        expect(Number(answers[1])).toBeLessThan(0);
        expect(answers[2]).toMatch(/Unknown or expired/);
        expect(answers).toEqual(await asB('00000000-0000-4000-8000-000000000000'));
        expect(await snapshots(h)).toEqual(before);
      } finally {
        await call(h, qbwcPath(A), 'closeConnection', { ticket });
      }
    });

    it('A’s application token posted to B’s webhook: 401, nothing stored in either company', async () => {
      const contactId = s(h.portal(B).list('contact')[0]?.['ID']);
      expect(contactId).not.toBe('');
      const before = await snapshots(h);
      const post = (token: string): Promise<Response> =>
        fetch(`${h.url}/companies/${B}/bitrix24/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `event=ONCRMCONTACTUPDATE&data%5BFIELDS%5D%5BID%5D=${contactId}&ts=1&auth%5Bapplication_token%5D=${encodeURIComponent(token)}`,
        });
      const res = await post(h.identity(A).applicationToken);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ statusCode: 401 });
      expect(await snapshots(h)).toEqual(before);
      // the same event with B's own token is taken: the token alone made the difference
      expect((await post(h.identity(B).applicationToken)).status).toBe(200);
    });

    it('unknown companies and encoded tricks in the company segment reach no company', async () => {
      const before = await snapshots(h);
      const me = h.identity(A);
      const auth = soapEnvelope('authenticate', { strUserName: me.username, strPassword: me.password });
      // On a Web Connector path the answer is a SOAP fault (QBWC shows its text; STYLE §2.5: never JSON there).
      for (const path of [
        '/companies/gamma/qbwc',
        '/companies/..%2Facme/qbwc',
        '/companies/ACME/qbwc',
        '/companies/acme%00/qbwc',
        '/companies/acme%20/qbwc',
        '/companies/gamma/soap',
        '/companies/%E0%A4%A/qbwc',
      ]) {
        const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: soapHeaders('authenticate'), body: auth });
        const body = await res.text();
        expect(res.status, `${path}: ${body.slice(0, 200)}`).toBe(500);
        expect(readFault(body), path).toEqual({ code: 'soap:Client', text: 'No such company in this service' });
      }
      // Everywhere else: 404.
      for (const path of [
        '/companies/acme%2Fqbwc',
        '/companies//qbwc',
        '/companies/..%2Fbeta/bitrix24/webhook',
        '/companies/BETA/bitrix24/webhook',
        '/companies/beta%00/bitrix24/webhook',
      ]) {
        const res = await fetch(`${h.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `event=ONCRMCONTACTADD&data%5BFIELDS%5D%5BID%5D=1&ts=1&auth%5Bapplication_token%5D=${h.identity(B).applicationToken}`,
        });
        expect(res.status, path).toBe(404);
        expect(await res.json()).toMatchObject({ statusCode: 404, message: 'No such company in this service' });
      }
      for (const path of ['/companies/beta%00/status', '/companies/Beta/health', '/companies/gamma/', '/companies/gamma']) {
        expect((await fetch(`${h.url}${path}`)).status, path).toBe(404);
      }
      // A segment that does not even decode: a plain 400 off the Web Connector paths.
      expect((await fetch(`${h.url}/companies/%E0%A4%A/status`)).status).toBe(400);
      expect(await snapshots(h)).toEqual(before);
    });

    it('POST /qbwc at the root: a SOAP fault saying to use /companies/<id>/', async () => {
      const before = await snapshots(h);
      for (const path of ['/qbwc', '/soap']) {
        const res = await soap(h, path, 'authenticate', { strUserName: h.identity(A).username, strPassword: h.identity(A).password });
        expect(res.status).toBe(500);
        const fault = readFault(res.body);
        expect(fault?.code).toBe('soap:Client');
        expect(fault?.text).toContain('/companies/<id>/');
      }
      expect(await snapshots(h)).toEqual(before);
    });
  });

  it('one company’s second session at the same time is busy while the other company syncs', async () => {
    const [held = '', status] = await login(h, qbwcPath(A), A);
    expect(status).toBe(h.config(A).qbwc.companyFile);
    try {
      h.qb(B).userAddList('Customer', { Name: 'Concurrent, Carla', FirstName: 'Carla', LastName: 'Concurrent' });
      const [a, b] = await Promise.all([h.session(A), h.session(B)]);
      expect(a.outcome).toBe('busy');
      expect(b.outcome).toBe('completed');
      expect(
        h
          .portal(B)
          .list('contact')
          .filter((c) => s(c['LAST_NAME']) === 'Concurrent'),
      ).toHaveLength(1);
    } finally {
      expect(await call(h, qbwcPath(A), 'closeConnection', { ticket: held })).toMatch(/^No QuickBooks changes\. Bitrix24 is up to date\.$/);
    }
    expect((await h.session(A)).outcome).toBe('completed');
  }, 120_000);

  it('each company has a database of its own (a schema each on PostgreSQL)', async () => {
    const [a, b] = [h.config(A).database, h.config(B).database];
    if (a.type === 'postgres' && b.type === 'postgres') {
      expect([a.schema, b.schema]).toEqual([`company_${A}`, `company_${B}`]);
      expect(a.url).toBe(b.url);
    } else {
      expect(process.env['TEST_DATABASE_URL'] ?? '').toBe('');
    }
    const count = async (id: string): Promise<number> => {
      const rows: { n: string | number }[] = await h.db(id).query('SELECT COUNT(*) AS n FROM id_mapping');
      return Number(rows[0]?.n);
    };
    expect(await count(A)).toBeGreaterThan(await count(B));
    expect(await count(B)).toBeGreaterThan(0);
  });

  describe('the service as a whole', () => {
    it('/health and /status list both companies and sum their counts', async () => {
      const health = await fetch(`${h.url}/health`);
      const hb = (await health.json()) as { status: string; checks: Record<string, unknown>; companies: Record<string, { status: string }> };
      expect(Object.keys(hb.companies).sort()).toEqual([A, B]);
      expect(Object.keys(hb.checks)).toEqual(expect.arrayContaining([`company:${A}`, `company:${B}`]));
      expect(health.status).toBe(hb.status === 'error' ? 503 : 200);

      const own = await Promise.all([A, B].map(async (id) => (await (await fetch(`${h.url}/companies/${id}/status`)).json()) as Record<string, unknown>));
      const root = (await (await fetch(`${h.url}/status`)).json()) as Record<string, unknown> & { companies: Record<string, Record<string, unknown>> };
      expect(Object.keys(root.companies).sort()).toEqual([A, B]);
      const [ownA = {}, ownB = {}] = own;
      expect(ownA['id_mappings']).not.toBe(ownB['id_mappings']);
      expect(Number(ownB['id_mappings'])).toBeGreaterThan(0);
      for (const key of ['id_mappings', 'syncs_last_24h', 'pending_queue', 'active_sessions']) {
        expect(root[key], key).toBe(Number(ownA[key]) + Number(ownB[key]));
      }
      expect(root.companies[A]?.['id_mappings']).toBe(ownA['id_mappings']);
    });

    it('/metrics carries each company’s series under its company label', async () => {
      const res = await fetch(`${h.url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(new RegExp(`^\\w+\\{[^}]*company="${A}"[^}]*\\} `, 'm'));
      expect(text).toMatch(new RegExp(`^\\w+\\{[^}]*company="${B}"[^}]*\\} `, 'm'));
      expect(text).not.toMatch(/company="default"/);
    });

    it('/ lists the companies, and each company’s dashboard loads its assets and API under its own prefix', async () => {
      const index = await (await fetch(`${h.url}/`)).text();
      for (const id of [A, B]) expect(index).toContain(`<a href="/companies/${id}/">${id}</a>`);
      const page = await (await fetch(`${h.url}/companies/${B}/`)).text();
      expect(page).toContain(`data-base="/companies/${B}"`);
      expect(page).toContain(`src="/companies/${B}/dashboard/dashboard.js"`);
      expect((await fetch(`${h.url}/companies/${B}/dashboard/dashboard.js`)).status).toBe(200);
    });

    it('a company’s WSDL points at its own AppURL under PUBLIC_URL', async () => {
      for (const id of [A, B]) {
        const wsdl = await (await fetch(`${h.url}${qbwcPath(id)}?wsdl`)).text();
        expect(wsdl).toContain(`location="${h.config(id).http.publicUrl}/qbwc"`);
        expect(wsdl).toContain(`location="http://localhost:8080${qbwcPath(id)}"`);
      }
    });
  });
});

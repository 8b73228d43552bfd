import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { generateSampleCompany, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { findSyncProblems } from '../crash/support/invariants.js';
import { CRASH_PASSWORD, type ConnectorProcess } from '../crash/support/connector-process.js';
import { createClusterDatabase, ProcessCluster, readOwnership } from '../support/process-cluster.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { testDatabaseBaseUrl } from '../support/test-database.js';

/**
 * Several connector processes on one PostgreSQL database (issue 17): real processes of the built service
 * (`npx tsc -b` first), three of them, each on its own port, sharing DATABASE_URL. Web Connector calls go
 * round-robin over them, as behind a load balancer; the company's background work runs in the one process that
 * holds its advisory lock, and moves to another when that process is killed with SIGKILL.
 * Skipped only when the suite does not run on PostgreSQL (test/pg/with-postgres.sh sets TEST_DATABASE_URL).
 */
const onPostgres = testDatabaseBaseUrl() !== undefined;
const STANDARD_LIMIT = { enabled: true, capacity: 50, drainPerSecond: 2 } as const;

const open: { cluster?: ProcessCluster; portal?: Bitrix24Portal }[] = [];

async function world(processes: number, opts: { rateLimited?: boolean } = {}): Promise<{ cluster: ProcessCluster; portal: Bitrix24Portal }> {
  const portal = await startBitrix24Portal(opts.rateLimited ? { rateLimit: STANDARD_LIMIT } : {});
  const entry: { cluster?: ProcessCluster; portal?: Bitrix24Portal } = { portal };
  open.push(entry);
  const cluster = await ProcessCluster.start(processes, portal, await createClusterDatabase());
  entry.cluster = cluster;
  return { cluster, portal };
}

afterAll(async () => {
  for (const w of open) {
    await w.cluster?.dispose();
    await w.portal?.close();
  }
});

/** One SOAP call to one process, as a Web Connector behind a load balancer would make it. */
async function call(p: ConnectorProcess, op: string, params: Record<string, string>): Promise<string | string[]> {
  const res = await fetch(`${p.url}/qbwc`, { method: 'POST', headers: soapHeaders(op), body: soapEnvelope(op, params) });
  return readResult(op, await res.text());
}

/** GET on a connection of its own (no keep-alive), so node:cluster may hand it to another process. */
function getFresh(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
  });
}

const limited = (portal: Bitrix24Portal): number => portal.calls.filter((c) => c.error === 'QUERY_LIMIT_EXCEEDED').length;

describe.skipIf(!onPostgres)('three connector processes on one PostgreSQL', () => {
  it('one session whose calls go round-robin over three processes imports every record once', { timeout: 240_000 }, async () => {
    const { cluster, portal } = await world(3);
    const qb = generateSampleCompany({ seed: 17, scale: { customers: 6, vendors: 2, items: 3, invoices: 4, estimates: 2 } });
    const owner = await cluster.waitForOwner();
    cluster.sendEventsTo(owner);

    const { result, servedBy } = await cluster.runSession(qb);
    expect(result.outcome, result.statusText).toBe('completed');
    expect(new Set(servedBy), 'every process answered calls of the one session').toEqual(new Set([0, 1, 2]));
    await cluster.settle(qb);
    expect(findSyncProblems(qb, portal, [])).toEqual([]);

    // Every process tells the same story: exactly one of them runs the company's background work.
    const views = await Promise.all(cluster.procs.map((p) => readOwnership(p)));
    expect(views.filter((v) => v.owner.process === 'this')).toHaveLength(1);
    for (const v of views.filter((x) => x.owner.process !== 'this'))
      expect(v.owner).toMatchObject({ process: 'other', pid: (await readOwnership(owner)).servedBy });
  });

  it('a second run while one is under way in another live process is told "busy"; the ticket works in every process', { timeout: 240_000 }, async () => {
    const { cluster } = await world(3);
    const [a, b, c] = cluster.procs;
    if (!a || !b || !c) throw new Error('three processes expected');
    const running = await call(a, 'authenticate', { strUserName: 'qbconnector', strPassword: CRASH_PASSWORD });
    expect(running[1], 'the first run got a session').not.toMatch(/^(busy|none|nvu)$/);
    const ticket = String(running[0]);
    // Asked of another process: the session belongs to a live process, so it is not taken for abandoned.
    const second = await call(b, 'authenticate', { strUserName: 'qbconnector', strPassword: CRASH_PASSWORD });
    expect(second[1]).toBe('busy');
    // The first run's ticket, issued by one process, is valid in a third one.
    const request = await call(c, 'sendRequestXML', {
      ticket,
      strHCPResponse: '',
      strCompanyFileName: '',
      qbXMLCountry: 'US',
      qbXMLMajorVers: '13',
      qbXMLMinorVers: '0',
    });
    expect(String(request)).toContain('<QBXML>');
    expect(await call(b, 'closeConnection', { ticket })).not.toBe('');
  });

  it('WORKERS=2 serves one port from two processes, and exactly one of them owns the company', { timeout: 240_000 }, async () => {
    const { cluster } = await world(0);
    const service = await cluster.startExtra({ WORKERS: '2' });
    const seen = new Set<number>();
    const owners = new Set<number>();
    // A new connection per request: node:cluster hands connections to its processes in turn.
    for (let i = 0; i < 20 && seen.size < 2; i += 1) {
      const status = JSON.parse(await getFresh(`${service.url}/status`)) as { served_by: { pid: number }; background_owner: { process: string; pid: number } };
      seen.add(status.served_by.pid);
      owners.add(status.background_owner.pid);
    }
    expect(seen.size, 'two processes answered on the one port').toBe(2);
    expect(owners.size, 'both name the same owner').toBe(1);
    // Every /metrics series names the process that answered the scrape, so a scrape through the port is never mixed up.
    const metrics = await getFresh(`${service.url}/metrics`);
    const build = metrics.split('\n').find((l) => l.startsWith('qbb24_build_info{'));
    expect(build).toMatch(new RegExp(`process="[^"]+/(${[...seen].join('|')})"`));
  });

  it('kill -9 of the owner in the middle of an import: another process takes over, nothing lost or duplicated on either side', {
    timeout: 300_000,
  }, async () => {
    const { cluster, portal } = await world(3);
    const qb = generateSampleCompany({ seed: 1717, scale: { customers: 30, vendors: 4, items: 8, invoices: 16, estimates: 4 } });
    const owner = await cluster.waitForOwner();
    const ownerIndex = cluster.procs.indexOf(owner);
    const other = cluster.procs.find((p) => p !== owner);
    if (!other) throw new Error('no second process');
    cluster.sendEventsTo(other);
    const proxy = cluster.proxies[ownerIndex];
    if (!proxy) throw new Error('no proxy for the owner');
    // The owner dies after the portal applied its third Bitrix24 write and before it reads the answer.
    proxy.arm({ nth: 3, flavour: 'applied', kill: () => owner.kill() });

    const first = await cluster.runSession(qb);
    await cluster.waitIdle();
    await proxy.settled();
    expect(proxy.firedAt, `the owner was killed at a Bitrix24 write (session ${first.result.outcome})`).toBeDefined();
    expect(owner.running).toBe(false);

    const successor = await cluster.waitForOwner();
    expect(successor).not.toBe(owner);
    if (first.result.outcome !== 'completed') {
      // The kill broke a call of that run, so the Web Connector stopped it without closeConnection; its session, opened
      // by a process that is still alive, is taken over after 2 minutes of silence (QBWC_TAKEOVER_MINUTES' default).
      // A real Web Connector's next run comes on its schedule, minutes later; here the run waits for that window.
      await new Promise((r) => setTimeout(r, 125_000));
    }
    await cluster.settle(qb);
    expect(findSyncProblems(qb, portal, [])).toEqual([]);
  });

  it('no portal sees more 503 QUERY_LIMIT_EXCEEDED with three processes than with one', { timeout: 300_000 }, async () => {
    const company = (): QuickBooksCompany => generateSampleCompany({ seed: 4242, scale: { customers: 30, vendors: 4, items: 8, invoices: 16, estimates: 4 } });
    const one = await world(1, { rateLimited: true });
    const qbOne = company();
    {
      const owner = await one.cluster.waitForOwner();
      one.cluster.sendEventsTo(owner);
      await one.cluster.settle(qbOne);
    }
    const three = await world(3, { rateLimited: true });
    const qbThree = company();
    const owner = await three.cluster.waitForOwner();
    three.cluster.sendEventsTo(owner);
    await three.cluster.settle(qbThree);

    expect(findSyncProblems(qbOne, one.portal, [])).toEqual([]);
    expect(findSyncProblems(qbThree, three.portal, [])).toEqual([]);
    expect(limited(three.portal), `503s with one process: ${limited(one.portal)}`).toBeLessThanOrEqual(limited(one.portal));
  });
});

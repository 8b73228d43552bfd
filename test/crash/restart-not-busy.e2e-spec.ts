import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArmedSession, type CrashWorld } from './support/armed-session.js';
import { B24KillProxy } from './support/b24-kill-proxy.js';
import { ConnectorProcess, CRASH_APPLICATION_TOKEN } from './support/connector-process.js';
import { findSyncProblems } from './support/invariants.js';

/**
 * A connector killed in the middle of a Web Connector session and started again at once (a crash, an update,
 * a service restart) must serve the very next run. The killed process's session is still "open" in the
 * database and was seen seconds ago, well inside the idle timeout; only the boot that served it tells it is over.
 */
let portal: Bitrix24Portal;
let proxy: B24KillProxy;
let child: ConnectorProcess;
let world: CrashWorld;

beforeAll(async () => {
  portal = await startBitrix24Portal();
  proxy = await B24KillProxy.start(portal.webhookUrl);
  child = await ConnectorProcess.create({ webhookUrl: proxy.webhookUrl });
  await child.start();
  portal.setEvents({ handlerUrl: `${child.url}/bitrix24/webhook`, applicationToken: CRASH_APPLICATION_TOKEN });
  const qb = generateSampleCompany({ seed: 11, scale: { customers: 4, vendors: 1, items: 2, invoices: 3, estimates: 1 } });
  world = { child, qb, portal, proxy, idleStats: { waits: 0, ms: 0 } };
});

afterAll(async () => {
  await child?.dispose();
  await proxy?.close();
  await portal?.close();
});

describe('restart during a Web Connector session', () => {
  it('the first run after a SIGKILL mid-session gets the company file, not "busy", and completes', async () => {
    // serverVersion, clientVersion, authenticate, sendRequestXML: the connector handed out its first qbXML
    // request, then dies before Web Connector reads it; closeConnection never comes.
    const killed = await runArmedSession(world, { kind: 'soap', nth: 4 });
    expect(killed.fired).toBe(true);
    expect(killed.firedAt).toBe('sendRequestXML');
    expect(authenticateStatus(killed.result.transcript), 'the killed run had a real session').not.toMatch(/^(busy|none|nvu)$/i);

    // Started again on the same database with the clock where it was: the old session is neither idle-expired
    // (1 minute) nor old enough to be taken over (2 minutes).
    await child.restart(0);
    expect(child.offsetMs).toBe(0);
    const next = await runArmedSession(world);

    const status = authenticateStatus(next.result.transcript);
    expect(status, 'authenticate answered a company file (a real session)').not.toMatch(/^(busy|none|nvu)$/i);
    expect(next.result.outcome, `the session completed (${next.result.statusText})`).toBe('completed');
    expect(next.qbRequests, 'the session exchanged qbXML with QuickBooks').toBeGreaterThan(0);
    expect(findSyncProblems(world.qb, portal, []), 'the import it ran reached Bitrix24').toEqual([]);
  });
});

/** authRet[1] of the run's authenticate call: a company file path ('' = the open one), or none / busy / nvu. */
function authenticateStatus(transcript: readonly { readonly op: string; readonly answer?: unknown }[]): string | undefined {
  const answer = transcript.find((e) => e.op === 'authenticate')?.answer;
  return Array.isArray(answer) && typeof answer[1] === 'string' ? answer[1] : undefined;
}

import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER_QUERY, FakeCompany } from '../__tests__/fake-company.js';
import { scriptedService, startScriptedServer, type ScriptedServer } from '../__tests__/scripted-qbwc-server.js';
import { formatCall, progressBar, runSimulation, type SimulationDeps } from './run-simulation.js';

const PASSWORD = 'env-only-Pa55!';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
});

function deps(files: Record<string, string>, lines: string[], written: Record<string, string>): SimulationDeps<FakeCompany> {
  return {
    loadCompany: (path) => {
      if (files[path] === undefined) throw new Error(`no file ${path}`);
      return new FakeCompany();
    },
    saveCompany: (company, path) => {
      written[path] = JSON.stringify({ requestsSeen: company.requests.length });
    },
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
    print: (line) => lines.push(line),
    env: { QBWC_PASSWORD: PASSWORD },
    sleep: async () => undefined,
  };
}

describe('qbwc:simulate CLI', () => {
  it('runs the sessions, prints each call and a progress bar, saves the company, and never prints the password', async () => {
    server = await startScriptedServer(scriptedService({ requests: [CUSTOMER_QUERY, CUSTOMER_QUERY], percents: [50, 100] }));
    const lines: string[] = [];
    const written: Record<string, string> = {};
    const code = await runSimulation(
      ['--url', server.url, '--user', 'qbconnector', '--company', 'company.json', '--sessions', '2', '--save'],
      deps({ 'company.json': '{}' }, lines, written),
    );
    expect(code).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain('=== session 1/2');
    expect(out).toContain('=== session 2/2');
    expect(out).toContain('#3 authenticate(strUserName="qbconnector", strPassword="***") → ["T-1", ""]');
    expect(out).toContain(progressBar(50));
    expect(out).toContain('=== completed: OK (rounds 2)');
    expect(out).not.toContain(PASSWORD);
    expect(server.calls.find((c) => c.op === 'authenticate')?.params.strPassword).toBe(PASSWORD);
    expect(JSON.parse(written['company.json'] ?? 'null')).toEqual({ requestsSeen: 2 });
  });

  it('exits 1 when a run fails and 2 on bad usage', async () => {
    server = await startScriptedServer(scriptedService({ script: { clientVersion: () => ({ status: 500, contentType: 'text/plain', body: 'down' }) } }));
    const lines: string[] = [];
    expect(await runSimulation(['--url', server.url, '--user', 'u', '--company', 'c.json'], deps({ 'c.json': '{}' }, lines, {}))).toBe(1);
    expect(lines.join('\n')).toContain('QBWC1036');
    expect(await runSimulation(['--user', 'u'], deps({}, lines, {}))).toBe(2);
    expect(lines.join('\n')).toContain('--url (or --qwc) is required');
  });

  it("without --user signs in as the service's default user, so the README form '--url … --password … --company …' runs", async () => {
    server = await startScriptedServer(scriptedService({ requests: [CUSTOMER_QUERY], percents: [100] }));
    const lines: string[] = [];
    const code = await runSimulation(['--url', server.url, '--password', PASSWORD, '--company', 'c.json'], deps({ 'c.json': '{}' }, lines, {}));
    expect(lines.join('\n')).not.toContain('required');
    expect(code).toBe(0);
    expect(server.calls.find((c) => c.op === 'authenticate')?.params.strUserName).toBe('qbconnector');
  });

  it('without --user takes QBWC_USERNAME from the environment, like the service', async () => {
    server = await startScriptedServer(scriptedService({ requests: [CUSTOMER_QUERY], percents: [100] }));
    const base = deps({ 'c.json': '{}' }, [], {});
    const code = await runSimulation(['--url', server.url, '--company', 'c.json'], { ...base, env: { ...base.env, QBWC_USERNAME: 'books-pc' } });
    expect(code).toBe(0);
    expect(server.calls.find((c) => c.op === 'authenticate')?.params.strUserName).toBe('books-pc');
  });

  it('shortens tickets and long qbXML in the call log', () => {
    const line = formatCall({ seq: 4, op: 'sendRequestXML', params: { ticket: '0123456789abcdef', strHCPResponse: '' }, answer: CUSTOMER_QUERY });
    expect(line).toMatch(/^#4 sendRequestXML\(ticket=01234567…, strHCPResponse=""\) → "<\?xml.*…\(\d+ chars\)$/);
  });

  it('draws the progress bar from the receiveResponseXML percentage', () => {
    expect(progressBar(0)).toBe(`   [${'-'.repeat(30)}]   0%`);
    expect(progressBar(100)).toBe(`   [${'#'.repeat(30)}] 100%`);
    expect(progressBar(-1)).toContain('error -1');
  });
});

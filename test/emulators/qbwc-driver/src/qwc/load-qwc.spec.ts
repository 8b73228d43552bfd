import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../__tests__/scripted-qbwc-server.js';
import { QbwcDriverError } from '../qbwc-driver.error.js';
import { loadQwc } from './load-qwc.js';
import { parseQwc } from './parse-qwc.js';

// Intuit SDK sample data/qbwc/HTTPWebService.qwc (shared/reference), verbatim.
const INTUIT_SAMPLE = `<?xml version="1.0"?>
<QBWCXML>
<AppName>HTTPWebService</AppName>
<AppID></AppID>
<AppURL>http://localhost/WCWebService/WCWebService.asmx</AppURL>
<AppDescription>A short description for WCWebService1</AppDescription>
<AppSupport>http://localhost/WCWebService/WCWebService.asmx?wsdl</AppSupport>
<OwnerID>{87EDAAF8-637E-4203-867F-4BA79C2F8998}</OwnerID>
<FileID>{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}</FileID>
<UserName>username</UserName>
<QBType>QBFS</QBType>
<Style>Document</Style>
<AuthFlags>0xF</AuthFlags>
</QBWCXML>`;

function qwc(appUrl: string, appSupport: string, drop?: string): string {
  return INTUIT_SAMPLE.replace('http://localhost/WCWebService/WCWebService.asmx<', `${appUrl}<`)
    .replace('http://localhost/WCWebService/WCWebService.asmx?wsdl', appSupport)
    .split('\n')
    .filter((line) => drop === undefined || !line.startsWith(`<${drop}>`))
    .join('\n');
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof QbwcDriverError ? err.code : `not a QbwcDriverError: ${String(err)}`;
  }
  return undefined;
}

describe('parseQwc (checklist 27)', () => {
  it('accepts the Intuit sample and reads its elements', () => {
    expect(parseQwc(INTUIT_SAMPLE)).toEqual({
      appName: 'HTTPWebService',
      appId: '',
      appUrl: 'http://localhost/WCWebService/WCWebService.asmx',
      appDescription: 'A short description for WCWebService1',
      appSupport: 'http://localhost/WCWebService/WCWebService.asmx?wsdl',
      userName: 'username',
      ownerId: '{87EDAAF8-637E-4203-867F-4BA79C2F8998}',
      fileId: '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}',
      qbType: 'QBFS',
      style: 'Document',
      authFlags: '0xF',
    });
  });

  it('accepts an https AppURL with an http AppSupport on the same host, and takes the first scheduler interval', () => {
    const text = qwc('https://sync.example.com/qbwc', 'http://sync.example.com/support').replace(
      '</QBWCXML>',
      '<Scheduler><RunEveryNMinutes>2</RunEveryNMinutes><RunEveryNSeconds>30</RunEveryNSeconds></Scheduler></QBWCXML>',
    );
    expect(parseQwc(text)).toMatchObject({ appUrl: 'https://sync.example.com/qbwc', runEverySeconds: 120 });
  });

  it.each([
    ['http:// AppURL off localhost', qwc('http://sync.example.com/qbwc', 'https://sync.example.com/s'), 'QBWC1010'],
    ['different AppURL and AppSupport hosts', qwc('https://sync.example.com/qbwc', 'https://help.example.org/'), 'QBWC1000'],
    ['IP literal AppURL', qwc('https://10.0.0.5/qbwc', 'https://10.0.0.5/s'), 'QBWC1001'],
    ['IP literal AppSupport', qwc('https://sync.example.com/qbwc', 'https://[::1]/s'), 'QBWC1002'],
    ['missing OwnerID', qwc('https://sync.example.com/qbwc', 'https://sync.example.com/s', 'OwnerID'), 'QBWC1039'],
    ['missing AppID element (empty is fine, absent is not)', qwc('https://sync.example.com/qbwc', 'https://sync.example.com/s', 'AppID'), 'QBWC1039'],
    ['FileID without braces', INTUIT_SAMPLE.replace('{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}', 'CA1C3EB8-1B61-4747-A743-8D5B438B83AC'), 'QBWC1039'],
    ['unknown QBType', INTUIT_SAMPLE.replace('QBFS', 'QBO'), 'QBWC1039'],
    ['wrong root element', '<QBWC><AppName>x</AppName></QBWC>', 'QBWC1039'],
    ['not XML', 'AppName=x', 'QBWC1039'],
  ])('refuses a QWC with %s', (_name, text, code) => {
    expect(codeOf(() => parseQwc(text))).toBe(code);
  });
});

describe('loadQwc AppSupport check (checklist 28)', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  async function supportAnswering(status: number): Promise<string> {
    server = await startScriptedServer(() => ({ status, contentType: 'text/plain', body: 'help' }));
    const base = server.url.replace('/qbwc', '');
    return qwc(`${base}/qbwc`, `${base}/support`);
  }

  it.each([200, 202])('loads when AppSupport answers %i', async (status) => {
    const text = await supportAnswering(status);
    await expect(loadQwc(text, { verifyAppSupport: true })).resolves.toMatchObject({ appName: 'HTTPWebService' });
    expect(server?.calls.map((c) => [c.method, c.url])).toEqual([['GET', '/support']]);
  });

  it.each([404, 500, 302])('fails with QBWC1003 when AppSupport answers %i', async (status) => {
    const text = await supportAnswering(status);
    await expect(loadQwc(text, { verifyAppSupport: true })).rejects.toMatchObject({ code: 'QBWC1003' });
  });

  it('fails with QBWC1004 when AppSupport cannot be reached', async () => {
    const text = await supportAnswering(200);
    await server?.close();
    await expect(loadQwc(text, { verifyAppSupport: true })).rejects.toMatchObject({ code: 'QBWC1004' });
  });

  it('does not GET AppSupport unless asked', async () => {
    const text = await supportAnswering(500);
    await expect(loadQwc(text)).resolves.toMatchObject({ qbType: 'QBFS' });
    expect(server?.calls).toEqual([]);
  });
});

/** Shared fixture of the WebConnectorDriver specs: a driver wired to a scripted server and a fake company, and its cleanup. */
import { startScriptedServer, type Handler, type ScriptedServer } from './scripted-qbwc-server.js';
import { FakeCompany } from './fake-company.js';
import { WebConnectorDriver, type WebConnectorDriverOptions } from '../web-connector-driver.js';

export const OWNER_ID = '{87EDAAF8-637E-4203-867F-4BA79C2F8998}';
export const FILE_ID = '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}';
export const PASSWORD = 'S3cret-Pa55word!';

let server: ScriptedServer | undefined;

/** Closes the server the last setup started, if any; each spec file runs it in `afterEach`. */
export async function closeServer(): Promise<void> {
  await server?.close();
  server = undefined;
}

export async function setup(handler: Handler, overrides: Partial<WebConnectorDriverOptions> = {}) {
  server = await startScriptedServer(handler);
  const company = new FakeCompany();
  const sleeps: number[] = [];
  const driver = new WebConnectorDriver({
    appUrl: server.url,
    username: 'qbconnector',
    password: PASSWORD,
    processor: company,
    ownerId: OWNER_ID,
    fileId: FILE_ID,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { server, company, driver, sleeps, ops: () => server?.calls.filter((c) => c.method === 'POST').map((c) => c.op) ?? [] };
}

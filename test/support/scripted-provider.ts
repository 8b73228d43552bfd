import type { QbwcRequestProvider, QbwcResponseInput, QbwcResponseOutcome, QbwcSessionContext } from '../../apps/connector/src/qbwc/qbwc-request-provider.js';

/** A hand-written fake of the QBWC plug-in point: hands out fixed requests and records what came back. */
export class ScriptedProvider implements QbwcRequestProvider {
  readonly responses: QbwcResponseInput[] = [];
  readonly ended: string[] = [];
  readonly hostResponses: string[] = [];
  private sent = 0;

  constructor(
    private readonly requests: readonly string[],
    public work = true,
  ) {}

  async hasWork(): Promise<boolean> {
    return this.work;
  }
  async startSession(_ctx: QbwcSessionContext): Promise<void> {
    this.sent = 0;
  }
  async noteHostResponse(_ctx: QbwcSessionContext, hcp: string): Promise<void> {
    this.hostResponses.push(hcp);
  }
  async nextRequest(_ctx: QbwcSessionContext): Promise<string | null> {
    return this.requests[this.sent] ?? null;
  }
  async handleResponse(_ctx: QbwcSessionContext, input: QbwcResponseInput): Promise<QbwcResponseOutcome> {
    this.responses.push(input);
    if (input.hresult !== '') return { progress: 0, error: `QuickBooks could not run the request (${input.hresult})` };
    this.sent += 1;
    return { progress: Math.round((this.sent / this.requests.length) * 100) };
  }
  /** A scripted session has nothing to report beyond its script. */
  async describe(_ctx: QbwcSessionContext): Promise<string | null> {
    return '';
  }

  async describeIdle(): Promise<string> {
    return 'OK';
  }

  async endSession(_ctx: QbwcSessionContext, outcome: string): Promise<string | null> {
    this.ended.push(outcome);
    return null;
  }
}

export const CUSTOMER_QUERY =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><CustomerQueryRq requestID="1"><MaxReturned>10</MaxReturned></CustomerQueryRq></QBXMLMsgsRq></QBXML>';

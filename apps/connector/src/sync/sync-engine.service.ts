import { Injectable } from '@nestjs/common';
import type { QbwcRequestProvider, QbwcResponseInput, QbwcResponseOutcome, QbwcSessionContext } from '../qbwc/qbwc-request-provider.js';

/** Placeholder until the sync strategies land: never has work, so authenticate answers "none". */
@Injectable()
export class SyncEngineService implements QbwcRequestProvider {
  async hasWork(): Promise<boolean> {
    return false;
  }
  async startSession(_ctx: QbwcSessionContext): Promise<void> {}
  async noteHostResponse(_ctx: QbwcSessionContext, _hcp: string): Promise<void> {}
  async nextRequest(_ctx: QbwcSessionContext): Promise<string | null> {
    return null;
  }
  async handleResponse(_ctx: QbwcSessionContext, _input: QbwcResponseInput): Promise<QbwcResponseOutcome> {
    return { progress: 100 };
  }
  async endSession(_ctx: QbwcSessionContext, _outcome: 'closed' | 'connection-error' | 'expired'): Promise<void> {}
}

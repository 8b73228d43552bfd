import { Injectable } from '@nestjs/common';
import type { QbWriteDispatcher, WriteBatch } from './qb-write-dispatcher.js';

/** Placeholder until the Bitrix24 → QuickBooks queue is wired: never has anything to write. */
@Injectable()
export class NullWriteDispatcher implements QbWriteDispatcher {
  async prepare(_runId: number): Promise<void> {}
  async hasPending(): Promise<boolean> {
    return false;
  }
  async nextBatch(_ticketHash: string, _prefix: string): Promise<WriteBatch | null> {
    return null;
  }
  async applyResponses(): Promise<void> {}
  async releaseInFlight(): Promise<void> {}
}

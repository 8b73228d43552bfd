import { Injectable } from '@nestjs/common';
import { B24EventInboxRepository, type B24EventOutcome, type NewB24Event } from './b24-event-inbox.repository.js';
import type { B24Event } from './b24-event.type.js';

/** The inbox as the sync engine works it: the poller adds what webhooks missed, the processor drains it. */
@Injectable()
export class B24EventInboxService {
  constructor(private readonly repo: B24EventInboxRepository) {}

  /** Stores the event unless the same (event, id, ts) is still waiting (see the repository for why that is safe). */
  store(e: NewB24Event): Promise<'queued' | 'duplicate'> {
    return this.repo.store(e);
  }

  /** Unprocessed events, oldest first. */
  pending(limit: number): Promise<B24Event[]> {
    return this.repo.pending(limit);
  }

  /** Marks a batch of handled events at once (one commit). */
  markEachProcessed(outcomes: readonly B24EventOutcome[]): Promise<void> {
    return this.repo.markEachProcessed(outcomes);
  }
}

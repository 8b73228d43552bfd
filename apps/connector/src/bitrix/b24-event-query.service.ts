import { Injectable } from '@nestjs/common';
import { B24EventInboxRepository } from './b24-event-inbox.repository.js';
import type { B24Event, B24EventCount } from './b24-event.type.js';

/** Read-only view of the Bitrix24 event inbox for admin (a record's history) and metrics. */
@Injectable()
export class B24EventQueryService {
  constructor(private readonly repo: B24EventInboxRepository) {}

  /** Every event received for one Bitrix24 record, newest first. */
  forRecord(b24Entity: string, b24Id: string): Promise<B24Event[]> {
    return this.repo.forRecord(b24Entity, b24Id);
  }

  /** Bitrix24 records the mapping's toQuickBooks filter kept out of QuickBooks, per entity. */
  skippedByFilter(): Promise<Record<string, number>> {
    return this.repo.skippedRecordsByEntity();
  }

  /** When Bitrix24 last delivered an outbound event (null: never), for the setup checklist. */
  lastDeliveredAt(): Promise<Date | null> {
    return this.repo.lastDeliveredAt();
  }

  countsByStatusAndEntity(): Promise<B24EventCount[]> {
    return this.repo.countsByStatusAndEntity();
  }
}

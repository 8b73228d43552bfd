import { Module } from '@nestjs/common';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { QBWC_REQUEST_PROVIDER } from '../qbwc/qbwc-request-provider.js';
import { B24UpsertService } from './b24-upsert.service.js';
import { mappingOptionsProvider } from './mapping-options.provider.js';
import { B24EventProcessorService } from './b24-event-processor.service.js';
import { B24PollerService } from './b24-poller.service.js';
import { OutboxDispatcherService } from './outbox-dispatcher.service.js';
import { OutboxCommandService } from './outbox-command.service.js';
import { OutboxQueryRepository } from './outbox-query.repository.js';
import { OutboxQueryService } from './outbox-query.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { QB_READ_STRATEGIES, type QbReadStrategy } from './qb-read-strategy.js';
import { QB_WRITE_DISPATCHER } from './qb-write-dispatcher.js';
import { CustomerSyncStrategy } from './strategies/customer.sync-strategy.js';
import { EstimateSyncStrategy } from './strategies/estimate.sync-strategy.js';
import { InvoiceSyncStrategy } from './strategies/invoice.sync-strategy.js';
import { ItemSyncStrategy } from './strategies/item.sync-strategy.js';
import { VendorSyncStrategy } from './strategies/vendor.sync-strategy.js';
import { SyncEngineService } from './sync-engine.service.js';
import { SyncHistoryQueryService } from './sync-history-query.service.js';
import { SyncHistoryRepository } from './sync-history.repository.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { SyncSessionRepository } from './sync-session.repository.js';
import { WatermarkCommandService } from './watermark-command.service.js';
import { WatermarkRepository } from './watermark.repository.js';

/** Adding an entity: one strategy class, and one entry here. The engine orders them by dependency. */
const STRATEGIES = [CustomerSyncStrategy, VendorSyncStrategy, ItemSyncStrategy, InvoiceSyncStrategy, EstimateSyncStrategy];

@Module({
  imports: [MappingModule, BitrixModule],
  providers: [
    mappingOptionsProvider,
    ...STRATEGIES,
    { provide: QB_READ_STRATEGIES, inject: STRATEGIES, useFactory: (...s: QbReadStrategy[]) => s },
    OutboxRepository,
    B24EventProcessorService,
    B24PollerService,
    OutboxDispatcherService,
    { provide: QB_WRITE_DISPATCHER, useExisting: OutboxDispatcherService },
    B24UpsertService,
    SyncJournalRepository,
    SyncSessionRepository,
    WatermarkRepository,
    SyncEngineService,
    { provide: QBWC_REQUEST_PROVIDER, useExisting: SyncEngineService },
    OutboxQueryRepository,
    SyncHistoryRepository,
    OutboxQueryService,
    OutboxCommandService,
    SyncHistoryQueryService,
    WatermarkCommandService,
  ],
  // Read-only query services for operators' views, and the commands the admin API needs; repositories stay private.
  exports: [
    QBWC_REQUEST_PROVIDER,
    B24PollerService,
    B24EventProcessorService,
    OutboxQueryService,
    OutboxCommandService,
    SyncHistoryQueryService,
    WatermarkCommandService,
  ],
})
export class SyncModule {}

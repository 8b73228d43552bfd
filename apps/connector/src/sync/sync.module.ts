import { QbxmlParsePool } from './qbxml-parse-pool.js';
import { Module } from '@nestjs/common';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { QBWC_REQUEST_PROVIDER } from '../qbwc/qbwc-request-provider.js';
import { B24UpsertService } from './b24-upsert.service.js';
import { B24RemovalService } from './b24-removal.service.js';
import { UserFieldCatalog } from './user-field-catalog.service.js';
import { UserFieldContextService } from './user-field-context.service.js';
import { mappingOptionsProvider } from './mapping-options.provider.js';
import { B24EventProcessorService } from './b24-event-processor.service.js';
import { B24PollerService } from './b24-poller.service.js';
import { B24SyncWorkerService } from './b24-sync-worker.service.js';
import { QbPageStager } from './qb-page-stager.js';
import { RereadRepository } from './reread.repository.js';
import { ReceivedPaymentRepository } from './payments/received-payment.repository.js';
import { UnappliedCreditService } from './payments/unapplied-credit.service.js';
import { SessionSummaryService } from './session-summary.service.js';
import { StagedPageRepository } from './staged-page.repository.js';
import { OutboxDispatcherService } from './outbox-dispatcher.service.js';
import { OutboxCommandService } from './outbox-command.service.js';
import { OutboxQueryRepository } from './outbox-query.repository.js';
import { OutboxQueryService } from './outbox-query.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { QB_READ_STRATEGIES } from './qb-read-strategy.js';
import { QB_WRITE_DISPATCHER } from './qb-write-dispatcher.js';
import { STRATEGY_CLASSES } from './strategies/index.js';
import { StrategyRegistry, SYNC_STRATEGIES, type SyncStrategy } from './strategy-registry.js';
import { TxnDealServices } from './strategies/txn-deal-services.js';
import { SyncEngineService } from './sync-engine.service.js';
import { SyncHistoryQueryService } from './sync-history-query.service.js';
import { SyncHistoryRepository } from './sync-history.repository.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { SyncSessionRepository } from './sync-session.repository.js';
import { WatermarkCommandService } from './watermark-command.service.js';
import { WatermarkRepository } from './watermark.repository.js';

import { DryRunService } from './dry-run/dry-run.service.js';
import { ToBitrix24PreviewService } from './dry-run/to-bitrix24-preview.service.js';
import { ToQuickBooksPreviewService } from './dry-run/to-quickbooks-preview.service.js';
/** Strategies come from the one list in strategies/index.ts; StrategyRegistry validates them at boot. */
@Module({
  imports: [MappingModule, BitrixModule],
  providers: [
    mappingOptionsProvider,
    TxnDealServices,
    ...STRATEGY_CLASSES,
    { provide: SYNC_STRATEGIES, inject: [...STRATEGY_CLASSES], useFactory: (...all: SyncStrategy[]) => all },
    StrategyRegistry,
    // The engine reads QuickBooks through the validated registry, in dependency order.
    { provide: QB_READ_STRATEGIES, inject: [StrategyRegistry], useFactory: (r: StrategyRegistry) => [...r.ordered] },
    OutboxRepository,
    // Large QuickBooks pages are parsed off the event loop (the engine's receiveResponseXML path).
    QbxmlParsePool,
    B24EventProcessorService,
    B24PollerService,
    OutboxDispatcherService,
    { provide: QB_WRITE_DISPATCHER, useExisting: OutboxDispatcherService },
    B24UpsertService,
    B24RemovalService,
    UserFieldCatalog,
    UserFieldContextService,
    StagedPageRepository,
    ReceivedPaymentRepository,
    RereadRepository,
    UnappliedCreditService,
    QbPageStager,
    B24SyncWorkerService,
    SessionSummaryService,
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
    ToBitrix24PreviewService,
    ToQuickBooksPreviewService,
    DryRunService,
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
    B24SyncWorkerService,
    SessionSummaryService,
    DryRunService,
    StrategyRegistry,
  ],
})
export class SyncModule {}

import { Module } from '@nestjs/common';
import { QBWC_REQUEST_PROVIDER } from '../qbwc/qbwc-request-provider.js';
import { SyncEngineService } from './sync-engine.service.js';

@Module({
  providers: [SyncEngineService, { provide: QBWC_REQUEST_PROVIDER, useExisting: SyncEngineService }],
  exports: [QBWC_REQUEST_PROVIDER],
})
export class SyncModule {}

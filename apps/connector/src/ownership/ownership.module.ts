import { Global, Module } from '@nestjs/common';
import { OwnershipService } from './ownership.service.js';

/** Which process runs each company's background work; global because the worker, poller, QBWC and /status ask it. */
@Global()
@Module({
  providers: [OwnershipService],
  exports: [OwnershipService],
})
export class OwnershipModule {}

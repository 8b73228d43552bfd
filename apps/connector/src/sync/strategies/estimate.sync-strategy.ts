import { Injectable } from '@nestjs/common';
import type { EstimateRet, QbxmlResponse } from '@qb-b24/qbxml';
import { estimateToDeal, type DealLinks, type DealPlan, type MappingOptions } from '@qb-b24/sync-core';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import { estimatesStillOwningTheirDeal } from './deal-sharing.js';
import { TxnDealServices } from './txn-deal-services.js';
import { TxnDealStrategy } from './txn-deal-strategy.base.js';

/** QuickBooks estimates → Bitrix24 deals in the estimate stage (default PREPARATION), lines as product rows. */
@Injectable()
export class EstimateSyncStrategy extends TxnDealStrategy<EstimateRet> {
  static readonly descriptor = { kind: 'estimate', b24Entities: ['deal'] } as const satisfies StrategyDescriptor;
  readonly descriptor = EstimateSyncStrategy.descriptor;
  readonly entity = EstimateSyncStrategy.descriptor.kind;
  readonly retType = 'estimate' as const;
  readonly deletedTypes = { kind: 'txn', types: ['Estimate'] } as const;

  constructor(services: TxnDealServices) {
    super(services);
  }

  protected queryKind(): 'EstimateQuery' {
    return 'EstimateQuery';
  }
  protected rets(response: QbxmlResponse): readonly EstimateRet[] | undefined {
    return response.retType === 'estimate' ? response.rets : undefined;
  }
  protected override async prepare(txns: readonly EstimateRet[]): Promise<{ txns: readonly EstimateRet[]; adopt: readonly [] }> {
    return { txns: await estimatesStillOwningTheirDeal(this.mappings, txns), adopt: [] };
  }

  protected toDeal(txn: EstimateRet, links: DealLinks, options: MappingOptions): DealPlan {
    return estimateToDeal(txn, options, links);
  }
}

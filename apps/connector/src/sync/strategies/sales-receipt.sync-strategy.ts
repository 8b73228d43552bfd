import { Injectable } from '@nestjs/common';
import type { QbxmlResponse, SalesReceiptRet } from '@qb-b24/qbxml';
import { isVoided, salesReceiptToDeal, type DealLinks, type DealPlan, type MappingOptions } from '@qb-b24/sync-core';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import { TxnDealServices } from './txn-deal-services.js';
import { TxnDealStrategy } from './txn-deal-strategy.base.js';

/**
 * QuickBooks sales receipts (cash sales) → Bitrix24 deals in the sales-receipt stage (default WON: paid at once),
 * lines as product rows with their tax, exactly like invoices. A voided receipt is handled like a deleted one.
 */
@Injectable()
export class SalesReceiptSyncStrategy extends TxnDealStrategy<SalesReceiptRet> {
  static readonly descriptor = { kind: 'salesReceipt', b24Entities: ['deal'] } as const satisfies StrategyDescriptor;
  readonly descriptor = SalesReceiptSyncStrategy.descriptor;
  readonly entity = SalesReceiptSyncStrategy.descriptor.kind;
  readonly retType = 'salesReceipt' as const;
  readonly deletedTypes = { kind: 'txn', types: ['SalesReceipt'] } as const;

  constructor(services: TxnDealServices) {
    super(services);
  }

  protected queryKind(): 'SalesReceiptQuery' {
    return 'SalesReceiptQuery';
  }
  protected rets(response: QbxmlResponse): readonly SalesReceiptRet[] | undefined {
    return response.retType === 'salesReceipt' ? response.rets : undefined;
  }
  protected override isVoided(txn: SalesReceiptRet): boolean {
    return isVoided(txn);
  }

  protected toDeal(txn: SalesReceiptRet, links: DealLinks, options: MappingOptions): DealPlan {
    return salesReceiptToDeal(txn, options, links);
  }
}

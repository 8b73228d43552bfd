import { Injectable } from '@nestjs/common';
import type { CreditMemoRet, QbxmlResponse } from '@qb-b24/qbxml';
import { creditMemoToDeal, isVoided, type DealLinks, type DealPlan, type MappingOptions } from '@qb-b24/sync-core';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import { TxnDealServices } from './txn-deal-services.js';
import { TxnDealStrategy } from './txn-deal-strategy.base.js';

/**
 * QuickBooks credit memos → Bitrix24 deals in the credit-memo stage (default APOLOGY), lines as product rows with
 * their tax, and the credit still available (CreditRemaining) in the deal field the mapping names. A voided credit
 * memo is handled like a deleted one.
 */
@Injectable()
export class CreditMemoSyncStrategy extends TxnDealStrategy<CreditMemoRet> {
  static readonly descriptor = { kind: 'creditMemo', b24Entities: ['deal'] } as const satisfies StrategyDescriptor;
  readonly descriptor = CreditMemoSyncStrategy.descriptor;
  readonly entity = CreditMemoSyncStrategy.descriptor.kind;
  readonly retType = 'creditMemo' as const;
  readonly deletedTypes = { kind: 'txn', types: ['CreditMemo'] } as const;

  constructor(services: TxnDealServices) {
    super(services);
  }

  protected queryKind(): 'CreditMemoQuery' {
    return 'CreditMemoQuery';
  }
  protected rets(response: QbxmlResponse): readonly CreditMemoRet[] | undefined {
    return response.retType === 'creditMemo' ? response.rets : undefined;
  }
  protected override isVoided(txn: CreditMemoRet): boolean {
    return isVoided(txn);
  }
  /**
   * CreditRemaining drops when a payment uses the credit, and whether that gives the memo a new EditSequence is not
   * documented (qbxml.md §5.6; the emulator's default does not): with a remaining-credit field only the fingerprint
   * says whether the deal is current.
   */
  protected override versionOf(txn: CreditMemoRet, options: MappingOptions): string | undefined {
    return options.creditRemainingField === null ? txn.EditSequence : undefined;
  }

  protected toDeal(txn: CreditMemoRet, links: DealLinks, options: MappingOptions): DealPlan {
    return creditMemoToDeal(txn, options, links);
  }
}

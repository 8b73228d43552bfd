import { Inject, Injectable } from '@nestjs/common';
import type { InvoiceRet, QbxmlResponse } from '@qb-b24/qbxml';
import { invoiceToDeal, type DealLinks, type DealPlan, type MappingOptions } from '@qb-b24/sync-core';
import { CLOCK, type Clock } from '../../common/clock.js';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { LinkInput } from '../../mapping/id-mapping.type.js';
import { B24RemovalService } from '../b24-removal.service.js';
import { B24UpsertService } from '../b24-upsert.service.js';
import { UserFieldContextService } from '../user-field-context.service.js';
import { MAPPING_OPTIONS } from '../mapping-options.provider.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import { estimateDealsToAdopt } from './estimate-deal-sharing.js';
import { TxnDealStrategy } from './txn-deal-strategy.base.js';

/**
 * QuickBooks invoices → Bitrix24 deals (stages per mapping: open, partly paid, paid) with their lines as product rows;
 * an invoice made from an estimate takes over the estimate's deal.
 */
@Injectable()
export class InvoiceSyncStrategy extends TxnDealStrategy<InvoiceRet> {
  static readonly descriptor = { kind: 'invoice', b24Entities: ['deal'] } as const satisfies StrategyDescriptor;
  readonly descriptor = InvoiceSyncStrategy.descriptor;
  readonly entity = InvoiceSyncStrategy.descriptor.kind;
  readonly retType = 'invoice' as const;
  readonly deletedTypes = { kind: 'txn', types: ['Invoice'] } as const;

  constructor(
    upserts: B24UpsertService,
    mappings: IdMappingService,
    @Inject(MAPPING_OPTIONS) options: MappingOptions,
    removals: B24RemovalService,
    @Inject(CLOCK) private readonly clock: Clock,
    userFields: UserFieldContextService,
  ) {
    super(upserts, mappings, options, removals, userFields);
  }
  protected override readonly customFieldEntity = 'invoice' as const;

  protected queryKind(): 'InvoiceQuery' {
    return 'InvoiceQuery';
  }
  protected rets(response: QbxmlResponse): readonly InvoiceRet[] | undefined {
    return response.retType === 'invoice' ? response.rets : undefined;
  }
  protected override readonly includeLinkedTxns = true;

  protected override async prepare(txns: readonly InvoiceRet[]): Promise<{ txns: readonly InvoiceRet[]; adopt: readonly LinkInput[] }> {
    return { txns, adopt: await estimateDealsToAdopt(this.mappings, txns) };
  }

  protected override recordAdopted(links: readonly LinkInput[]): Promise<void> {
    return this.mappings.link(links, this.clock.now());
  }

  protected toDeal(txn: InvoiceRet, links: DealLinks, options: MappingOptions): DealPlan {
    return invoiceToDeal(txn, options, links);
  }
}

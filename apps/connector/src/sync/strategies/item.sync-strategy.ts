import { Injectable } from '@nestjs/common';
import type { QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import { DEFAULT_MAPPING_OPTIONS, fingerprint, itemBaseJson, itemToProduct, productProjection } from '@qb-b24/sync-core';
import { B24UpsertService, type UpsertCandidate } from '../b24-upsert.service.js';
import { emptyStats, type ApplyStats } from '../qb-entity.js';
import type { ApplyContext, QbReadStrategy, QueryInput } from '../qb-read-strategy.js';
import { toParams } from '../to-params.js';
import { listChangesQuery } from '../list-query.js';

const O = DEFAULT_MAPPING_OPTIONS;
const SPEC = { qbEntity: 'item', b24Entity: 'product', identity: 'xmlId', originatorId: O.originatorId } as const;

/** Every QuickBooks item type → a Bitrix24 product with XML_ID `QB_{ListID}`. */
@Injectable()
export class ItemSyncStrategy implements QbReadStrategy {
  readonly entity = 'item' as const;
  readonly dependsOn = [] as const;
  readonly retType = 'item' as const;
  readonly deletedTypes = {
    kind: 'list',
    types: ['ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemInventoryAssembly', 'ItemOtherCharge', 'ItemDiscount', 'ItemFixedAsset', 'ItemGroup', 'ItemPayment', 'ItemSalesTax', 'ItemSalesTaxGroup', 'ItemSubtotal'],
  } as const;

  constructor(private readonly upserts: B24UpsertService) {}

  buildQuery(q: QueryInput): QbxmlRequest {
    return listChangesQuery('ItemQuery', q);
  }

  async applyPage(response: QbxmlResponse, ctx: ApplyContext): Promise<ApplyStats> {
    if (response.retType !== 'item') return emptyStats();
    const candidates: UpsertCandidate[] = response.rets.map((i) => {
      const p = itemToProduct(i, O);
      // On a first import a product already named like the item is linked instead of created (products have
      // no e-mail or phone: the name is the only thing people recognise).
      const match = { emails: [], phones: [], name: p.NAME };
      return { qbId: i.ListID, qbEditSequence: i.EditSequence, fields: toParams(p), hash: fingerprint(productProjection(p)), baseJson: itemBaseJson(i), match };
    });
    return (await this.upserts.upsert(SPEC, candidates, ctx)).stats;
  }

  applyDeleted(qbIds: readonly string[], ctx: ApplyContext): Promise<ApplyStats> {
    return this.upserts.remove(SPEC, qbIds, ctx);
  }
}

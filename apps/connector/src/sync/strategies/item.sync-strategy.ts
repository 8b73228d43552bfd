import { Inject, Injectable } from '@nestjs/common';
import type { ItemRet, QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import {
  customFieldOwnerIds,
  DEFAULT_MAPPING_OPTIONS,
  fingerprint,
  itemBaseJson,
  itemToProduct,
  productProjection,
  type MappingRules,
} from '@qb-b24/sync-core';
import { B24RemovalService } from '../b24-removal.service.js';
import { B24UpsertService, type UpsertCandidate } from '../b24-upsert.service.js';
import { emptyStats, type ApplyStats } from '../qb-entity.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { ApplyContext, PlannedGroup, QueryInput } from '../qb-read-strategy.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import type { SyncStrategy } from '../strategy-registry.js';
import { ItemQbWriter, type ItemToBitrix24 } from './item-qb-writer.js';
import { MAPPING_RULES } from '../../config/mapping-rules.tokens.js';
import { StagedPageRepository } from '../staged-page.repository.js';
import { toParams } from '../to-params.js';
import { listChangesQuery } from '../list-query.js';
import { UserFieldContextService } from '../user-field-context.service.js';
import { withUserFields, type UserFieldContext } from '../user-field-values.js';

const O = DEFAULT_MAPPING_OPTIONS;
const SPEC = { qbEntity: 'item', b24Entity: 'product', identity: 'xmlId', originatorId: O.originatorId } as const;

/** Every QuickBooks item type → a Bitrix24 product with XML_ID `QB_{ListID}`. */
@Injectable()
export class ItemSyncStrategy implements SyncStrategy {
  static readonly descriptor = {
    kind: 'item',
    b24Entities: ['product'],
    b24Sources: [{ entity: 'product', dateField: 'TIMESTAMP_X' }],
  } as const satisfies StrategyDescriptor;
  readonly descriptor = ItemSyncStrategy.descriptor;
  readonly entity = ItemSyncStrategy.descriptor.kind;
  readonly dependsOn = [] as const;
  readonly retType = 'item' as const;
  readonly deletedTypes = {
    kind: 'list',
    types: [
      'ItemService',
      'ItemNonInventory',
      'ItemInventory',
      'ItemInventoryAssembly',
      'ItemOtherCharge',
      'ItemDiscount',
      'ItemFixedAsset',
      'ItemGroup',
      'ItemPayment',
      'ItemSalesTax',
      'ItemSalesTaxGroup',
      'ItemSubtotal',
    ],
  } as const;

  /** Bitrix24 products → QuickBooks items (added as ItemService). */
  readonly toQuickBooks: ItemQbWriter;

  constructor(
    private readonly upserts: B24UpsertService,
    mappings: IdMappingService,
    config: AppConfig,
    staged: StagedPageRepository,
    @Inject(CLOCK) clock: Clock,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    private readonly removals: B24RemovalService,
    private readonly userFields: UserFieldContextService,
  ) {
    const stage: ItemToBitrix24 = async (answer, key, runId) => {
      const rets = answer.retType === 'item' ? answer.rets.length : 0;
      await staged.stageOnce({ pageKey: key, runId, entity: 'item', kind: 'records', firstRun: false, payload: answer, recordCount: rets }, clock.now());
    };
    this.toQuickBooks = new ItemQbWriter(mappings, clock, config.qbwc.itemIncomeAccount, stage, rules.toQuickBooks, userFields);
  }

  buildQuery(q: QueryInput): QbxmlRequest {
    return listChangesQuery('ItemQuery', q, customFieldOwnerIds(this.rules, 'item'));
  }

  async applyPage(response: QbxmlResponse, ctx: ApplyContext): Promise<ApplyStats> {
    if (response.retType !== 'item') return emptyStats();
    return this.upsertItems(response.rets, ctx);
  }

  applyDeleted(qbIds: readonly string[], ctx: ApplyContext): Promise<ApplyStats> {
    return this.removals.remove(SPEC, qbIds, ctx);
  }

  private async upsertItems(rets: readonly ItemRet[], ctx: ApplyContext): Promise<ApplyStats> {
    const uf = await this.userFields.toB24('item', 'product');
    const candidates: UpsertCandidate[] = [];
    for (const i of rets) {
      const { candidate, problems } = withUserFields(itemCandidate(i), i.DataExtRet, uf);
      if (problems.length > 0) await this.userFields.report('item', i.ListID, problems, ctx.runId);
      candidates.push(candidate);
    }
    return (await this.upserts.upsert(SPEC, candidates, ctx)).stats;
  }

  async planPage(response: QbxmlResponse): Promise<readonly PlannedGroup[]> {
    if (response.retType !== 'item') return [];
    // The same property values applyPage adds, so the dry run shows what the worker writes.
    const uf: UserFieldContext = await this.userFields.toB24('item', 'product');
    return [{ spec: SPEC, candidates: response.rets.map((i) => withUserFields(itemCandidate(i), i.DataExtRet, uf).candidate) }];
  }
}

/** The product an item becomes, before its mapped custom fields (product properties) are added. Pure. */
function itemCandidate(i: ItemRet): UpsertCandidate {
  const p = itemToProduct(i, O);
  // On a first import a product already named like the item is linked instead of created (products have
  // no e-mail or phone: the name is the only thing people recognise).
  const match = { emails: [], phones: [], name: p.NAME };
  return { qbId: i.ListID, qbEditSequence: i.EditSequence, fields: toParams(p), hash: fingerprint(productProjection(p)), baseJson: itemBaseJson(i), match };
}

import type { ProductRecord } from '@qb-b24/bitrix24-client';
import type { ItemRet, QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import {
  fingerprint,
  isModifiableItemType,
  itemBaseJson,
  itemFieldsToClear,
  itemModInput,
  itemServiceAddInput,
  parseItemBase,
  productProjection,
  productToItem,
  toQuickBooksVerdict,
  type ItemDesired,
  type ToQuickBooksRules,
} from '@qb-b24/sync-core';
import type { Clock } from '../../common/clock.js';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { IdMapping } from '../../mapping/id-mapping.type.js';
import { type B24Record, type DecideContext, matchesSyncedState, type QbWritePart, type QueueDecision, type WriteContext } from '../qb-write-part.js';
import type { UserFieldContextService } from '../user-field-context.service.js';
import { hashWithUserFields } from '../user-field-values.js';

/**
 * Hands QuickBooks' version of an item to the Bitrix24 side: staged as a page for the Bitrix24 worker, keyed so a
 * retry stages it once (a Web Connector call never writes to Bitrix24 itself).
 */
export type ItemToBitrix24 = (answer: QbxmlResponse, key: string, runId: number) => Promise<void>;

/**
 * Bitrix24 products → QuickBooks items: the item strategy's Bitrix24 → QuickBooks part. Unlike customers,
 * an item edited on both sides since the last sync is not merged: the row waits as a conflict for an
 * operator (POST /admin/conflicts/:id/resolve), whose choice is carried in the payload's `resolution`.
 */
export class ItemQbWriter implements QbWritePart {
  readonly queryKind = 'ItemQuery' as const;
  readonly nameMaxLength = 31;
  readonly dataExtType = 'Item' as const;

  constructor(
    private readonly mappings: IdMappingService,
    private readonly clock: Clock,
    private readonly incomeAccount: string,
    private readonly toBitrix24: ItemToBitrix24,
    private readonly filter: ToQuickBooksRules,
    private readonly userFields: UserFieldContextService,
  ) {}

  async decide(entity: string, id: string, raw: B24Record, seen: DecideContext): Promise<QueueDecision> {
    const { fromQuickBooks } = seen;
    const record = raw as B24Record & ProductRecord;
    // Mapped product properties are part of what we wrote, so an echo of our own write hashes alike (user-field-values.ts).
    const hash = hashWithUserFields(fingerprint(productProjection(record)), record, await this.userFields.toB24('item', 'product'));
    const mapping = (await this.mappings.findByB24Id(entity, id)).find((m) => m.qbEntity === 'item' && m.status !== 'deleted');
    if (mapping && matchesSyncedState(mapping.b24Hash, hash, seen)) return { queue: false, note: 'our own write (echo)' };
    if (!mapping && fromQuickBooks) return { queue: false, note: 'created from QuickBooks; its mapping is being written' };
    if (!mapping) {
      const verdict = toQuickBooksVerdict(entity, record, this.filter);
      if (!verdict.pass) return { queue: false, note: verdict.reason, skipped: true };
    }
    const desired = productToItem(record);
    if (desired.name.trim() === '') return { queue: false, note: 'no name to give the QuickBooks item' };
    const { values: customFields, problems } = await this.userFields.toQb('item', 'product', record);
    return {
      queue: true,
      payload: { kind: 'item', desired: { ...desired }, b24Hash: hash, ...(Object.keys(customFields).length > 0 ? { customFields } : {}) },
      customFieldProblems: problems,
    };
  }

  async buildWrite(ctx: WriteContext, requestID: string): Promise<QbxmlRequest | null> {
    const { row, mapping } = ctx;
    const desired = { ...(ctx.payload.desired as unknown as ItemDesired), name: ctx.name };
    if (!mapping) return { kind: 'ItemServiceAdd', requestID, ItemServiceAdd: itemServiceAddInput(desired, this.incomeAccount) };
    const base = parseItemBase(mapping.baseJson);
    const itemType = base.itemType;
    if (!itemType || !isModifiableItemType(itemType)) {
      await ctx.ops.dead(row, 'ITEM_TYPE', `QuickBooks item type "${itemType ?? 'unknown'}" cannot be changed by the connector; edit it in QuickBooks.`);
      return null;
    }
    // A mapping from before the connector remembered the item's section (SalesOrPurchase or SalesAndPurchase):
    // read the item first (applyRead stores it), so the Mod never sends the wrong aggregate.
    if (!base.read) return { kind: 'ItemQuery', requestID, ListID: [mapping.qbId] };
    return itemModInput(itemType, mapping.qbId, mapping.qbEditSequence ?? '', desired, {
      requestID,
      salesAndPurchase: base.section === 'SalesAndPurchase',
      clear: itemFieldsToClear(base.agreed, desired),
    });
  }

  applyWritten(ctx: WriteContext, r: QbxmlResponse): Promise<void> {
    const item = this.retOf(r);
    return ctx.ops.linkDone(
      ctx.row,
      ctx.payload,
      { qbId: item.ListID, qbEditSequence: item.EditSequence, qbHash: null, baseJson: itemBaseJson(item) },
      'written',
    );
  }

  async applyRead(ctx: WriteContext, r: QbxmlResponse): Promise<void> {
    const { row, payload: p, mapping, ops } = ctx;
    const item = this.retOf(r);
    const now = this.clock.now();
    if (mapping && p.resolution === 'qb') return this.keepQuickBooks(ctx, r, item);
    // Whatever the read was for, remember the item's section; its values are the agreed ones only when
    // QuickBooks has not changed the item since the last sync (same EditSequence), else the old ones stay.
    const itemBase = mapping ? itemBaseJson(item, item.EditSequence === mapping.qbEditSequence, parseItemBase(mapping.baseJson)) : undefined;
    if (mapping && row.operation === 'reread' && p.resolution !== 'b24') {
      await ctx.ops.park(
        row,
        `"${item.Name}" was changed in QuickBooks and in Bitrix24 since the last sync. Resolve it: POST /admin/conflicts/${row.id}/resolve with {"winner":"qb"} or {"winner":"b24"}.`,
      );
      await this.mappings.update(mapping.id, { qbEditSequence: item.EditSequence, baseJson: itemBase ?? null, updatedAt: now });
      return;
    }
    const desired = p.desired as unknown as ItemDesired;
    if (!mapping && item.Name.toLowerCase() !== desired.name.toLowerCase())
      return ops.retry(row, 'NAME_TAKEN', 'name taken', 'upsert', true, { nameSuffix: true });
    // An item already linked to another product is not our earlier add but that product's item: linking it
    // here would move the link and orphan the other product (a product of the same name made in Bitrix24).
    const linked = mapping ? undefined : (await this.mappings.findByQbIds('item', 'product', [item.ListID])).get(item.ListID);
    if (linked && linked.status !== 'deleted' && linked.b24Id !== row.b24Id) {
      return ops.retry(row, 'NAME_TAKEN', `QuickBooks item "${item.Name}" belongs to Bitrix24 product ${linked.b24Id}; adding with a suffix`, 'upsert', true, {
        nameSuffix: true,
      });
    }
    if (!mapping)
      return ops.linkDone(
        row,
        p,
        { qbId: item.ListID, qbEditSequence: item.EditSequence, qbHash: null, baseJson: itemBaseJson(item) },
        'found our earlier add',
      );
    await this.mappings.update(mapping.id, { qbEditSequence: item.EditSequence, baseJson: itemBase ?? null, updatedAt: now });
    return ops.again(row);
  }

  /**
   * An operator resolved the conflict for QuickBooks: nothing is written to QuickBooks. Its values become the
   * agreed ones and go to Bitrix24, since the item's QuickBooks change was already read (and held back) when
   * the conflict arose, so no later read would bring it: the answer just read is staged for the Bitrix24 worker
   * first (once per row and version), then the link is stored with no Bitrix24 hash, so the product write is not
   * mistaken for an unchanged record.
   */
  private async keepQuickBooks(ctx: WriteContext, answer: QbxmlResponse, item: ItemRet): Promise<void> {
    await this.toBitrix24(answer, `conflict-${ctx.row.id}-${item.EditSequence}`, ctx.runId);
    const link = { qbId: item.ListID, qbEditSequence: item.EditSequence, qbHash: null, baseJson: itemBaseJson(item) };
    await ctx.ops.linkDone(ctx.row, { ...ctx.payload, merged: true }, link, 'conflict resolved: QuickBooks kept');
  }

  unchangedSinceLink(mapping: IdMapping, r: QbxmlResponse): boolean {
    return mapping.baseJson === itemBaseJson(this.retOf(r));
  }

  private retOf(r: QbxmlResponse): ItemRet {
    const ret = r.retType === 'item' ? r.rets[0] : undefined;
    if (!ret) throw new Error(`expected an item in the ${r.kind} answer, got ${r.retType}`);
    return ret;
  }
}

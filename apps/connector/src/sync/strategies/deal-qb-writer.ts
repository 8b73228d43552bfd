import type { DealToQuickBooksRules } from '@qb-b24/sync-core';
import { fingerprint } from '@qb-b24/sync-core';
import type { QbxmlRequest, QbxmlResponse, SalesLineAdd } from '@qb-b24/qbxml';
import type { Bitrix24Connection } from '../../bitrix/bitrix24-connection.js';
import type { Clock } from '../../common/clock.js';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { B24Record, QbWritePart, QueueDecision, WriteContext } from '../qb-write-part.js';
import type { SyncJournalRepository } from '../sync-journal.repository.js';

/** What a won deal becomes in QuickBooks: kept in the outbox row, so a retry sends the very same document. */
export interface DealDocDesired {
  readonly customerListId: string;
  readonly refNumber: string;
  readonly memo: string;
  readonly lines: readonly SalesLineAdd[];
}

/** The link of a QuickBooks document this connector created from a deal (IdMapping.baseJson). */
export const FROM_DEAL = JSON.stringify({ fromDeal: true });

/**
 * What reading back a document created from a deal writes to that deal: only the TxnID into the mapping's field. The
 * deal keeps its own title, stage and rows (it is the source), and this write is our echo, never sent back (decide:
 * the deal is linked). Undefined for other links. Pure.
 */
export function fromDealFields(baseJson: string | null, txnId: string, txnIdField: string | null): Record<string, string> | undefined {
  if (baseJson !== FROM_DEAL) return undefined;
  return txnIdField === null ? {} : { [txnIdField]: txnId };
}

/**
 * The deal's own lookup key in QuickBooks: RefNumber `B24-<deal ID>` (≤ 11 characters, qbxml.md §4.4). A write whose
 * answer was lost (timeout, crash) is looked up by it before anything is sent again (SalesOrderQuery/InvoiceQuery
 * take RefNumber, qbxml.md §5.5), so a deal never becomes two documents. Pure.
 */
export function dealRefNumber(dealId: string): string {
  return `B24-${dealId}`;
}

const row = (r: unknown): Readonly<Record<string, unknown>> => (typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {});

/**
 * Won deals → QuickBooks sales orders or invoices (mapping file toQuickBooks.deals, off by default). A deal entering
 * one of the configured stages is sent once: its product rows become lines (each product must be linked to a
 * QuickBooks item), its company or contact the customer (which must be in QuickBooks already). Deals that came from
 * QuickBooks, or whose QuickBooks document exists, are never sent.
 */
export class DealQbWriter implements QbWritePart {
  readonly queryKind: 'SalesOrderQuery' | 'InvoiceQuery';
  readonly nameMaxLength = 11;
  readonly qbEntities: readonly string[];

  constructor(
    private readonly mappings: IdMappingService,
    private readonly journal: SyncJournalRepository,
    private readonly clock: Clock,
    private readonly connection: Bitrix24Connection,
    private readonly rules: DealToQuickBooksRules,
  ) {
    this.queryKind = rules.create === 'invoice' ? 'InvoiceQuery' : 'SalesOrderQuery';
    this.qbEntities = [rules.create];
  }

  async decide(b24Entity: string, b24Id: string, record: B24Record, fromQuickBooks: boolean): Promise<QueueDecision> {
    if (!this.rules.enabled) return { queue: false, note: 'deals do not go to QuickBooks (toQuickBooks.deals.enabled is false)' };
    if (fromQuickBooks) return { queue: false, note: 'the deal came from QuickBooks' };
    const links = (await this.mappings.findByB24Id(b24Entity, b24Id)).filter((m) => m.status !== 'deleted');
    const linked = links.find((m) => m.qbEntity !== 'customer');
    if (linked !== undefined) {
      // A QuickBooks document already stands behind this deal (read from QuickBooks, or created from it).
      return { queue: false, note: `the deal is linked to QuickBooks ${linked.qbEntity} ${linked.qbId}` };
    }
    if (!this.rules.stages.includes(String(record['STAGE_ID'] ?? ''))) return { queue: false, note: 'the deal is not in a stage that goes to QuickBooks' };
    const desired = await this.desired(b24Id, record);
    if (typeof desired === 'string') {
      await this.journal.error({ source: 'b24->qb', entity: 'deal', recordId: b24Id, code: 'DEAL_NOT_READY', message: desired }, this.clock.now());
      return { queue: false, note: desired };
    }
    return { queue: true, payload: { kind: this.rules.create, desired: { ...desired }, b24Hash: fingerprint(desired) } };
  }

  /** The document for a deal, or why it cannot be sent (named for the journal). */
  private async desired(dealId: string, record: B24Record): Promise<DealDocDesired | string> {
    const customer = await this.customerOf(record);
    if (customer === undefined)
      return `Deal ${dealId} cannot go to QuickBooks: its company or contact is not linked to a QuickBooks customer yet; sync it first, then move the deal again`;
    const client = this.connection.client;
    if (!client) return 'Bitrix24 is not configured';
    const rows = (await client.call<unknown[]>('crm.deal.productrows.get', { id: dealId })).result;
    const products = (Array.isArray(rows) ? rows : []).map(row);
    const lines: SalesLineAdd[] = [];
    for (const r of products) {
      const productId = String(r['PRODUCT_ID'] ?? '0');
      const item = (await this.mappings.findByB24Id('product', productId)).find((m) => m.qbEntity === 'item' && m.status !== 'deleted')?.qbId;
      if (item === undefined)
        return `Deal ${dealId} cannot go to QuickBooks: its row "${String(r['PRODUCT_NAME'] ?? productId)}" is a product not linked to a QuickBooks item`;
      lines.push({ ItemRef: { ListID: item }, Quantity: String(r['QUANTITY'] ?? '1'), Rate: String(r['PRICE'] ?? '0') });
    }
    if (lines.length === 0) return `Deal ${dealId} cannot go to QuickBooks: it has no product rows`;
    return { customerListId: customer, refNumber: dealRefNumber(dealId), memo: `Bitrix24 deal ${dealId}`, lines };
  }

  private async customerOf(record: B24Record): Promise<string | undefined> {
    for (const [entity, field] of [
      ['company', 'COMPANY_ID'],
      ['contact', 'CONTACT_ID'],
    ] as const) {
      const id = String(record[field] ?? '0');
      if (id === '0' || id === '') continue;
      const link = (await this.mappings.findByB24Id(entity, id)).find((m) => (m.qbEntity === 'customer' || m.qbEntity === 'job') && m.status !== 'deleted');
      if (link !== undefined) return link.qbId;
    }
    return undefined;
  }

  private doc(ctx: WriteContext): DealDocDesired {
    // Written by decide() from DealDocDesired; the outbox keeps it as JSON.
    return ctx.payload.desired as unknown as DealDocDesired;
  }

  /** The lookup after a lost answer: the deal's RefNumber. */
  readRequest(ctx: WriteContext, requestID: string): QbxmlRequest {
    return { kind: this.queryKind, requestID, RefNumber: [this.doc(ctx).refNumber] };
  }

  async buildWrite(ctx: WriteContext, requestID: string): Promise<QbxmlRequest | null> {
    if (ctx.mapping) {
      await ctx.ops.dead(ctx.row, 'DEAL_NOT_READY', `The deal is already QuickBooks ${ctx.mapping.qbEntity} ${ctx.mapping.qbId}; later changes are not sent`);
      return null;
    }
    const d = this.doc(ctx);
    const add = { CustomerRef: { ListID: d.customerListId }, RefNumber: d.refNumber, Memo: d.memo, lines: d.lines };
    return this.rules.create === 'invoice' ? { kind: 'InvoiceAdd', requestID, InvoiceAdd: add } : { kind: 'SalesOrderAdd', requestID, SalesOrderAdd: add };
  }

  async applyWritten(ctx: WriteContext, response: QbxmlResponse): Promise<void> {
    await this.link(ctx, response, 'created');
  }

  async applyRead(ctx: WriteContext, response: QbxmlResponse): Promise<void> {
    // Found by the deal's RefNumber: the earlier write landed, its answer was lost. Linked, never sent again.
    await this.link(ctx, response, 'found by RefNumber');
  }

  private async link(ctx: WriteContext, response: QbxmlResponse, how: string): Promise<void> {
    const ret = response.retType === 'salesOrder' || response.retType === 'invoice' ? response.rets[0] : undefined;
    if (ret === undefined) throw new Error(`QuickBooks answered ${response.kind} without a transaction`);
    await ctx.ops.linkDone(ctx.row, ctx.payload, { qbId: ret.TxnID, qbEditSequence: ret.EditSequence, qbHash: null, baseJson: FROM_DEAL }, how);
  }
}

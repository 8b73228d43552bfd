import type { DealToQuickBooksRules } from '@qb-b24/sync-core';
import { fingerprint } from '@qb-b24/sync-core';
import type { QbxmlRequest, QbxmlResponse, SalesLineAdd } from '@qb-b24/qbxml';
import type { Bitrix24Connection } from '../../bitrix/bitrix24-connection.js';
import type { Clock } from '../../common/clock.js';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { OutboxPayload } from '../outbox.repository.js';
import { type B24Record, type DecideContext, matchesSyncedState, type QbWritePart, type QueueDecision, type WriteContext } from '../qb-write-part.js';
import type { SyncJournalRepository } from '../sync-journal.repository.js';

/** What a won deal becomes in QuickBooks: kept in the outbox row, so a retry sends the very same document. */
export interface DealDocDesired {
  readonly customerListId: string;
  readonly refNumber: string;
  readonly memo: string;
  readonly lines: readonly SalesLineAdd[];
}

/**
 * The link of a QuickBooks document this connector created from a deal (IdMapping.baseJson): the fingerprint of the
 * document last sent, and whether QuickBooks has moved on (invoiced or paid), after which the deal no longer changes it.
 */
export interface FromDealState {
  readonly fromDeal: true;
  readonly sent: string;
  readonly locked: boolean;
}

/** The state of a link created from a deal, or undefined for any other link. Pure. */
export function fromDealState(baseJson: string | null): FromDealState | undefined {
  if (baseJson === null) return undefined;
  // Deal links' baseJson is only ever written by the deal strategies and this writer, as JSON.
  const raw: unknown = JSON.parse(baseJson);
  if (typeof raw !== 'object' || raw === null || !('fromDeal' in raw) || raw.fromDeal !== true) return undefined;
  const sent = 'sent' in raw && typeof raw.sent === 'string' ? raw.sent : '';
  return { fromDeal: true, sent, locked: 'locked' in raw && raw.locked === true };
}

const fromDealJson = (state: FromDealState): string => JSON.stringify(state);

/** Whether QuickBooks has moved a document on so that the deal may no longer change it: invoiced, closed or paid. Pure. */
export function documentLocked(ret: {
  readonly LinkedTxn: readonly unknown[];
  readonly IsFullyInvoiced?: boolean;
  readonly IsManuallyClosed?: boolean;
  readonly IsPaid?: boolean;
  readonly AppliedAmount?: number;
}): boolean {
  return ret.LinkedTxn.length > 0 || ret.IsFullyInvoiced === true || ret.IsManuallyClosed === true || ret.IsPaid === true || (ret.AppliedAmount ?? 0) !== 0;
}

/**
 * What reading back a document created from a deal writes to that deal: only the TxnID into the mapping's field. The
 * deal keeps its own title, stage and rows (it is the source), and this write is our echo, never sent back (decide:
 * the deal is linked). Undefined for other links. Pure.
 */
export function fromDealFields(baseJson: string | null, txnId: string, txnIdField: string | null): Record<string, string> | undefined {
  if (fromDealState(baseJson) === undefined) return undefined;
  return txnIdField === null ? {} : { [txnIdField]: txnId };
}

/** The link state to keep after reading the document back: locked once QuickBooks moved it on. Pure. */
export function readBackState(baseJson: string | null, locked: boolean): string | undefined {
  const state = fromDealState(baseJson);
  return state === undefined ? undefined : fromDealJson({ ...state, locked: state.locked || locked });
}

/**
 * The deal's own lookup key in QuickBooks: RefNumber `B24-<deal ID>` (≤ 11 characters, qbxml.md §4.4). A write whose
 * answer was lost (timeout, crash) is looked up by it before anything is sent again (SalesOrderQuery/InvoiceQuery
 * take RefNumber, qbxml.md §5.5), so a deal never becomes two documents. Pure.
 */
export function dealRefNumber(dealId: string): string {
  return `B24-${dealId}`;
}

type WaitsFor = NonNullable<OutboxPayload['waitsFor']>;

/** The document to send, and the company or contact whose QuickBooks customer it waits for (customerListId ''). */
interface DealDoc {
  readonly doc: DealDocDesired;
  readonly waitsFor?: WaitsFor;
}

const row = (r: unknown): Readonly<Record<string, unknown>> => (typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {});

/**
 * Won deals → QuickBooks sales orders or invoices (mapping file toQuickBooks.deals, off by default). A deal entering
 * one of the configured stages is sent once: its product rows become lines (each product must be linked to a
 * QuickBooks item), its company or contact the customer. A company (else contact) not yet in QuickBooks is queued as a customer Add
 * first (payload.waitsFor, B24EventProcessorService), and the deal's row waits for its link (buildWrite). Deals that came from
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

  /** Off by default: then deals are not polled, and their events are ignored without reading the deal. */
  get active(): boolean {
    return this.rules.enabled;
  }

  async decide(b24Entity: string, b24Id: string, record: B24Record, seen: DecideContext): Promise<QueueDecision> {
    if (!this.rules.enabled) return { queue: false, note: 'deals do not go to QuickBooks (toQuickBooks.deals.enabled is false)' };
    if (seen.fromQuickBooks) return { queue: false, note: 'the deal came from QuickBooks' };
    const links = (await this.mappings.findByB24Id(b24Entity, b24Id)).filter((m) => m.status !== 'deleted');
    const own = links.find((m) => m.qbEntity === this.rules.create && fromDealState(m.baseJson) !== undefined);
    if (own !== undefined) return this.decideChange(b24Id, record, own.baseJson, seen);
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
    return { queue: true, payload: this.payloadOf(desired) };
  }

  private payloadOf({ doc, waitsFor }: DealDoc): OutboxPayload {
    return { kind: this.rules.create, desired: { ...doc }, b24Hash: fingerprint(doc), ...(waitsFor ? { waitsFor } : {}) };
  }

  /**
   * A deal whose document this connector created: a change of what it would send is queued (a Mod while QuickBooks
   * has not moved the document on; buildWrite parks it as a conflict after that); anything else is our own echo.
   */
  private async decideChange(dealId: string, record: B24Record, baseJson: string | null, seen: DecideContext): Promise<QueueDecision> {
    const desired = await this.desired(dealId, record);
    if (typeof desired === 'string') return { queue: false, note: desired };
    const payload = this.payloadOf(desired);
    if (matchesSyncedState(fromDealState(baseJson)?.sent, payload.b24Hash, seen))
      return { queue: false, note: 'the QuickBooks document already has these rows and customer' };
    return { queue: true, payload };
  }

  /** The document for a deal, or why it cannot be sent (named for the journal). */
  private async desired(dealId: string, record: B24Record): Promise<DealDoc | string> {
    const customer = await this.customerOf(record);
    if (customer === undefined) return `Deal ${dealId} cannot go to QuickBooks: it has no company or contact to be its QuickBooks customer`;
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
    const doc = { refNumber: dealRefNumber(dealId), memo: `Bitrix24 deal ${dealId}`, lines };
    if ('listId' in customer) return { doc: { customerListId: customer.listId, ...doc } };
    return { doc: { customerListId: '', ...doc }, waitsFor: customer.waitsFor };
  }

  /**
   * The deal's QuickBooks customer: the one linked to its company, else to its contact; with neither linked, the
   * company (else contact) to add first. Undefined: the deal has neither.
   */
  private async customerOf(record: B24Record): Promise<{ readonly listId: string } | { readonly waitsFor: WaitsFor } | undefined> {
    let first: WaitsFor | undefined;
    for (const [entity, field] of [
      ['company', 'COMPANY_ID'],
      ['contact', 'CONTACT_ID'],
    ] as const) {
      const id = String(record[field] ?? '0');
      if (id === '0' || id === '') continue;
      const listId = await this.linkedCustomer(entity, id);
      if (listId !== undefined) return { listId };
      first ??= { b24Entity: entity, b24Id: id };
    }
    return first === undefined ? undefined : { waitsFor: first };
  }

  private async linkedCustomer(b24Entity: string, b24Id: string): Promise<string | undefined> {
    const links = await this.mappings.findByB24Id(b24Entity, b24Id);
    return links.find((m) => (m.qbEntity === 'customer' || m.qbEntity === 'job') && m.status !== 'deleted')?.qbId;
  }

  private doc(ctx: WriteContext): DealDocDesired {
    // Written by decide() from DealDocDesired; the outbox keeps it as JSON.
    return ctx.payload.desired as unknown as DealDocDesired;
  }

  /**
   * The document with its customer: a row queued while its company or contact was not yet in QuickBooks takes the
   * customer linked since. Undefined while that customer's Add has not been answered.
   */
  private async resolved(ctx: WriteContext): Promise<DealDocDesired | undefined> {
    const d = this.doc(ctx);
    const w = ctx.payload.waitsFor;
    if (d.customerListId !== '' || w === undefined) return d;
    const listId = await this.linkedCustomer(w.b24Entity, w.b24Id);
    return listId === undefined ? undefined : { ...d, customerListId: listId };
  }

  /** The lookup after a lost answer: the deal's RefNumber. */
  readRequest(ctx: WriteContext, requestID: string): QbxmlRequest {
    return { kind: this.queryKind, requestID, RefNumber: [this.doc(ctx).refNumber] };
  }

  async buildWrite(ctx: WriteContext, requestID: string): Promise<QbxmlRequest | null> {
    const d = await this.resolved(ctx);
    if (d === undefined) {
      // The customer's row is queued before this one; once QuickBooks answered its Add (this session or the next),
      // the link exists and this row goes out. Deferred with the outbox's backoff, so a customer that never makes it
      // (its own row dead) ends this row too, with the reason in the journal.
      const w = ctx.payload.waitsFor;
      const message = `waits for its ${w?.b24Entity ?? 'company'} ${w?.b24Id ?? ''} to be added to QuickBooks as a customer`;
      await ctx.ops.retry(ctx.row, 'DEAL_NOT_READY', message, 'upsert');
      return null;
    }
    const add = { CustomerRef: { ListID: d.customerListId }, RefNumber: d.refNumber, Memo: d.memo, lines: d.lines };
    const m = ctx.mapping;
    if (!m)
      return this.rules.create === 'invoice' ? { kind: 'InvoiceAdd', requestID, InvoiceAdd: add } : { kind: 'SalesOrderAdd', requestID, SalesOrderAdd: add };
    if (fromDealState(m.baseJson)?.locked === true) {
      await ctx.ops.park(ctx.row, this.lockedMessage(m.qbId));
      return null;
    }
    const mod = { ...add, TxnID: m.qbId, EditSequence: m.qbEditSequence ?? '' };
    return this.rules.create === 'invoice' ? { kind: 'InvoiceMod', requestID, InvoiceMod: mod } : { kind: 'SalesOrderMod', requestID, SalesOrderMod: mod };
  }

  private lockedMessage(txnId: string): string {
    const what = this.rules.create === 'invoice' ? 'invoice is paid (or partly paid)' : 'sales order is invoiced or closed';
    return `The deal changed after its QuickBooks ${what} (${txnId}); the change is not sent. Change the QuickBooks document by hand, or resolve this conflict.`;
  }

  async applyWritten(ctx: WriteContext, response: QbxmlResponse): Promise<void> {
    await this.link(ctx, response, ctx.mapping ? 'updated' : 'created');
  }

  async applyRead(ctx: WriteContext, response: QbxmlResponse): Promise<void> {
    const m = ctx.mapping;
    if (!m) {
      // Found by the deal's RefNumber: the earlier Add landed, its answer was lost. Linked, never sent again.
      await this.link(ctx, response, 'found by RefNumber');
      return;
    }
    // A Mod's re-read (lost answer, or 3200): QuickBooks' current version decides whether the change may still go.
    const ret = this.retOf(response);
    const locked = documentLocked(ret);
    await this.mappings.update(m.id, {
      qbEditSequence: ret.EditSequence,
      baseJson: readBackState(m.baseJson, locked) ?? m.baseJson,
      updatedAt: this.clock.now(),
    });
    if (locked) await ctx.ops.park(ctx.row, this.lockedMessage(m.qbId));
    else await ctx.ops.again(ctx.row);
  }

  private retOf(response: QbxmlResponse): {
    TxnID: string;
    EditSequence: string;
    LinkedTxn: readonly unknown[];
    IsFullyInvoiced?: boolean;
    IsManuallyClosed?: boolean;
    IsPaid?: boolean;
    AppliedAmount?: number;
  } {
    const ret = response.retType === 'salesOrder' || response.retType === 'invoice' ? response.rets[0] : undefined;
    if (ret === undefined) throw new Error(`QuickBooks answered ${response.kind} without a transaction`);
    return ret;
  }

  private async link(ctx: WriteContext, response: QbxmlResponse, how: string): Promise<void> {
    const ret = this.retOf(response);
    // A row that waited for its customer was hashed without it; the link records the document as sent, customer
    // included, so the deal's next event (our TxnID write) compares equal in decideChange and sends nothing.
    const sentDoc = ctx.payload.waitsFor === undefined ? undefined : await this.resolved(ctx);
    const payload = sentDoc === undefined ? ctx.payload : { ...ctx.payload, b24Hash: fingerprint(sentDoc) };
    const baseJson = fromDealJson({ fromDeal: true, sent: payload.b24Hash, locked: documentLocked(ret) });
    await ctx.ops.linkDone(ctx.row, payload, { qbId: ret.TxnID, qbEditSequence: ret.EditSequence, qbHash: null, baseJson }, how);
  }
}

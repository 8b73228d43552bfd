import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CustomerRet, ItemRet, QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import {
  customerAddInput,
  customerFieldsToClear,
  customerModInput,
  customerProjection,
  customerRetToDesired,
  decideCustomerName,
  DEFAULT_CONFLICT_POLICY,
  fingerprint,
  isModifiableItemType,
  itemBaseJson,
  itemFieldsToClear,
  itemModInput,
  itemServiceAddInput,
  keepUntouchedNames,
  mergeCustomer,
  parseItemBase,
  withCollisionSuffix,
  type CustomerDesired,
  type CustomerNameDecision,
  type CustomerRecordKind,
  type ItemDesired,
  type StoredErrorCode,
} from '@qb-b24/sync-core';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { IdMappingService } from '../mapping/id-mapping.service.js';
import type { IdMapping } from '../mapping/id-mapping.type.js';
import { B24EventProcessorService } from './b24-event-processor.service.js';
import type { OutboxEntity } from './outbox.entity.js';
import { OutboxRepository, type OutboxPayload } from './outbox.repository.js';
import type { QbWriteDispatcher, WriteBatch } from './qb-write-dispatcher.js';
import { SyncJournalRepository } from './sync-journal.repository.js';

const BATCH = 50;
const MAX_ATTEMPTS = 8;

const BASE_TEXT_FIELDS = ['name', 'companyName', 'firstName', 'lastName', 'email', 'phone', 'altPhone', 'fax'] as const;
const BASE_ADDRESS_FIELDS = ['Addr1', 'Addr2', 'City', 'State', 'PostalCode', 'Country'] as const;

/** The customer values last agreed between the systems (IdMapping.baseJson), read defensively; undefined when unknown. */
function agreedCustomer(baseJson: string | null): CustomerDesired | undefined {
  if (!baseJson) return undefined;
  const raw: unknown = JSON.parse(baseJson);
  if (typeof raw !== 'object' || raw === null) return undefined;
  const o: Record<string, unknown> = { ...raw };
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const out: Record<string, unknown> = {};
  for (const f of BASE_TEXT_FIELDS) if (text(o[f]) !== undefined) out[f] = o[f];
  const a: unknown = o['billAddress'];
  if (typeof a === 'object' && a !== null) {
    const addr: Record<string, unknown> = { ...a };
    const lines = Object.fromEntries(BASE_ADDRESS_FIELDS.flatMap((k) => (text(addr[k]) !== undefined ? [[k, addr[k]]] : [])));
    if (Object.keys(lines).length > 0) out['billAddress'] = lines;
  }
  return { ...out, name: text(o['name']) ?? '' };
}

/** A customer write with its Name settled (decideCustomerName): the values to send, and whether Name goes with them. */
interface SettledCustomer {
  readonly desired: CustomerDesired;
  readonly sendName: boolean;
  readonly decision?: CustomerNameDecision;
}

function recordKind(b24Entity: string): CustomerRecordKind {
  return b24Entity === 'company' ? 'company' : 'contact';
}

/** A customer as Bitrix24 shows it: everything but the QuickBooks Name, which no Bitrix24 field holds. */
function b24View(d: CustomerDesired): string {
  return fingerprint(customerProjection({ ...d, name: '' }));
}

/**
 * Hands queued Bitrix24 changes to QuickBooks and applies the answers, following the qbXML library's
 * classification: record in use → retry later with backoff; stale EditSequence (3200) → re-read, merge
 * field by field, retry; name in use (3100) → look the name up (it may be our own earlier Add whose answer
 * was lost) and link, else add with a suffix; anything else → dead letter with QuickBooks' message.
 * One bad record never blocks the others (continueOnError, one row per record).
 */
@Injectable()
export class OutboxDispatcherService implements QbWriteDispatcher {
  private readonly logger = new Logger(OutboxDispatcherService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly mappings: IdMappingService,
    private readonly events: B24EventProcessorService,
    private readonly journal: SyncJournalRepository,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async prepare(_runId: number): Promise<void> {
    await this.events.processPending();
  }

  hasPending(): Promise<boolean> {
    return this.outbox.hasPending(this.clock.now());
  }

  async nextBatch(ticketHash: string, prefix: string): Promise<WriteBatch | null> {
    const now = this.clock.now();
    const rows = await this.outbox.due(now, BATCH);
    const requests: QbxmlRequest[] = [];
    const ids: number[] = [];
    for (const row of rows) {
      try {
        const rq = await this.requestFor(row, `${prefix}-o${row.id}`);
        if (rq) {
          requests.push(rq);
          ids.push(row.id);
        }
      } catch (err) {
        await this.dead(row, 'UNBUILDABLE', `The change cannot be turned into a QuickBooks request: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (requests.length === 0) return rows.length > 0 ? this.nextBatch(ticketHash, prefix) : null;
    await this.outbox.markInFlight(ids, ticketHash, now);
    return { requests, outboxIds: ids };
  }

  async applyResponses(_ticketHash: string, _runId: number, outboxIds: readonly number[], responses: readonly QbxmlResponse[]): Promise<void> {
    // requestIDs end in `-o<outbox id>` (nextBatch), which is how each answer finds its row.
    const byRow = new Map<number, QbxmlResponse>();
    for (const r of responses) {
      const id = /-o(\d+)$/.exec(r.requestID ?? '')?.[1];
      if (id !== undefined) byRow.set(Number(id), r);
    }
    for (const row of await this.outbox.byIds(outboxIds)) {
      const response = byRow.get(row.id);
      if (!response) {
        await this.retry(row, 'NO_ANSWER', 'QuickBooks did not answer this request', 'verify');
        continue;
      }
      try {
        await this.apply(row, response);
      } catch (err) {
        await this.retry(row, 'APPLY_FAILED', err instanceof Error ? err.message : String(err), row.operation);
      }
    }
  }

  async releaseInFlight(ticketHash: string, reason: string): Promise<void> {
    const n = await this.outbox.releaseInFlight(ticketHash, reason, this.clock.now());
    if (n > 0) this.logger.warn({ event: 'outbox.released', rows: n, reason, action: 'each is looked up in QuickBooks before it is written again' });
  }

  private payload(row: OutboxEntity): OutboxPayload {
    return JSON.parse(row.payloadJson) as OutboxPayload;
  }

  private async mappingFor(row: OutboxEntity): Promise<IdMapping | undefined> {
    return (await this.mappings.findByB24Id(row.b24Entity, row.b24Id)).find((m) => m.qbEntity === row.qbEntity && m.status !== 'deleted');
  }

  private desiredName(row: OutboxEntity, p: OutboxPayload): string {
    const name = String(p.desired['name'] ?? '');
    return p.nameSuffix ? withCollisionSuffix(name, `B24 ${row.b24Id}`, p.kind === 'customer' ? 41 : 31) : name;
  }

  private async requestFor(row: OutboxEntity, requestID: string): Promise<QbxmlRequest | null> {
    const p = this.payload(row);
    const mapping = await this.mappingFor(row);
    const name = this.desiredName(row, p);
    const query = (by: { ListID: string } | { FullName: string }): QbxmlRequest =>
      p.kind === 'customer'
        ? { kind: 'CustomerQuery', requestID, ...('ListID' in by ? { ListID: [by.ListID] } : { FullName: [by.FullName] }) }
        : { kind: 'ItemQuery', requestID, ...('ListID' in by ? { ListID: [by.ListID] } : { FullName: [by.FullName] }) };
    const op = row.operation;
    if (op === 'refresh' || op === 'reread' || op === 'verify' || op === 'lookup' || (mapping && !mapping.qbEditSequence)) {
      if (mapping && op !== 'lookup') return query({ ListID: mapping.qbId });
      return query({ FullName: name });
    }
    if (p.kind === 'customer') {
      if (!mapping) return { kind: 'CustomerAdd', requestID, CustomerAdd: customerAddInput({ ...(p.desired as unknown as CustomerDesired), name }) };
      const base = agreedCustomer(mapping.baseJson);
      const settled = this.settledCustomer(row, p, base);
      if (settled.decision?.action === 'keep') await this.journalNameKept(row, mapping.qbId, settled.decision);
      // What Bitrix24 deleted since the last agreed values is sent empty, which clears it in QuickBooks; without
      // it QuickBooks kept the old value and the next read of the customer wrote it back to Bitrix24.
      const clear = customerFieldsToClear(base, settled.desired, DEFAULT_CONFLICT_POLICY);
      return {
        kind: 'CustomerMod',
        requestID,
        CustomerMod: customerModInput(mapping.qbId, mapping.qbEditSequence ?? '', settled.desired, clear, { sendName: settled.sendName }),
      };
    }
    const desired = { ...(p.desired as unknown as ItemDesired), name };
    if (!mapping) return { kind: 'ItemServiceAdd', requestID, ItemServiceAdd: itemServiceAddInput(desired, this.config.qbwc.itemIncomeAccount) };
    const base = parseItemBase(mapping.baseJson);
    const itemType = base.itemType;
    if (!itemType || !isModifiableItemType(itemType)) {
      await this.dead(row, 'ITEM_TYPE', `QuickBooks item type "${itemType ?? 'unknown'}" cannot be changed by the connector; edit it in QuickBooks.`);
      return null;
    }
    // A mapping from before the connector remembered the item's section (SalesOrPurchase or SalesAndPurchase):
    // read the item first (applyQuery stores it), so the Mod never sends the wrong aggregate.
    if (!base.read) return query({ ListID: mapping.qbId });
    return itemModInput(itemType, mapping.qbId, mapping.qbEditSequence ?? '', desired, {
      requestID,
      salesAndPurchase: base.section === 'SalesAndPurchase',
      clear: itemFieldsToClear(base.agreed, desired),
    });
  }

  /**
   * The customer values a Mod sends. Name fields the person did not edit in Bitrix24 keep QuickBooks'
   * values, and Name is sent only when decideCustomerName says rename; a payload settled by a merge
   * (nameDecision set) is sent as it is.
   */
  private settledCustomer(row: OutboxEntity, p: OutboxPayload, base: CustomerDesired | undefined): SettledCustomer {
    const raw = p.desired as unknown as CustomerDesired;
    if (p.nameDecision !== undefined) return { desired: { ...raw }, sendName: p.nameDecision === 'send' };
    const kind = recordKind(row.b24Entity);
    const next = keepUntouchedNames(kind, base, { ...raw, name: this.desiredName(row, p) });
    const decision = decideCustomerName({ kind, b24Id: row.b24Id, base, next });
    // After a 3100 on a rename the new name carries the " (B24 id)" suffix too.
    const name = decision.action === 'rename' && p.nameSuffix === true && !decision.name.endsWith(`(B24 ${row.b24Id})`)
      ? withCollisionSuffix(decision.name, `B24 ${row.b24Id}`, 41)
      : decision.name;
    return { desired: { ...next, name }, sendName: decision.action === 'rename', decision };
  }

  private async journalNameKept(row: OutboxEntity, qbId: string, d: Extract<CustomerNameDecision, { action: 'keep' }>): Promise<void> {
    const detail = JSON.stringify({ qbName: d.name, b24Name: d.wouldBe, reason: d.reason });
    await this.journal.log([{ direction: 'b24->qb', action: 'qb-name-kept', b24Entity: row.b24Entity, b24Id: row.b24Id, qbEntity: 'customer', qbId, detail }], this.clock.now());
    this.logger.log({ event: 'outbox.qb_name_kept', b24Entity: row.b24Entity, b24Id: row.b24Id, qbId, qbName: d.name, b24Name: d.wouldBe, reason: d.reason });
  }

  private async apply(row: OutboxEntity, r: QbxmlResponse): Promise<void> {
    const p = this.payload(row);
    const isQuery = r.kind === 'CustomerQuery' || r.kind === 'ItemQuery';
    const ret = (r.rets[0] ?? undefined) as CustomerRet | ItemRet | undefined;
    if (isQuery) return this.applyQuery(row, p, r, ret);
    if (r.action === 'ok' && ret) return this.linkDone(row, p, ret, 'written');
    switch (r.action) {
      case 'retry-later':
        return this.retry(row, `QB_${r.statusCode}`, r.operatorMessage, row.operation);
      case 're-read-and-retry':
        return this.retry(row, `QB_${r.statusCode}`, r.operatorMessage, 'reread', true);
      case 'fix-data':
        if (r.statusCode === 3100) return this.retry(row, 'QB_3100', r.operatorMessage, 'lookup', true);
        return this.dead(row, `QB_${r.statusCode}`, r.operatorMessage);
      default:
        return this.dead(row, `QB_${r.statusCode}`, r.operatorMessage);
    }
  }

  private async applyQuery(row: OutboxEntity, p: OutboxPayload, r: QbxmlResponse, ret: CustomerRet | ItemRet | undefined): Promise<void> {
    const op = row.operation;
    if (!ret) {
      if (r.action !== 'no-match' && r.action !== 'ok') return this.retry(row, `QB_${r.statusCode}`, r.operatorMessage, op);
      // Not in QuickBooks: the earlier write never landed (verify) or the name is taken by another kind of list.
      if (op === 'lookup') return this.retry(row, 'NAME_TAKEN', 'the name is used by another QuickBooks list; adding with a suffix', 'upsert', true, { nameSuffix: true });
      return this.retry(row, 'NOT_FOUND', 'not found in QuickBooks; writing it', 'upsert', true);
    }
    const mapping = await this.mappingFor(row);
    if (p.kind === 'customer' && 'FullName' in ret && !('itemType' in ret)) {
      const customer = ret as CustomerRet;
      const base = mapping ? agreedCustomer(mapping.baseJson) : undefined;
      // What the Mod sent (or the Add): the same settled values requestFor built.
      const desired = mapping ? this.settledCustomer(row, p, base).desired : { ...(p.desired as unknown as CustomerDesired), name: this.desiredName(row, p) };
      const ours = fingerprint(customerProjection(desired)) === fingerprint(customerProjection(customer));
      if (ours) return this.linkDone(row, p, customer, mapping ? 'already applied' : 'found our earlier add');
      if (!mapping) return this.retry(row, 'NAME_TAKEN', `QuickBooks already has a different "${customer.Name}"; adding with a suffix`, 'upsert', true, { nameSuffix: true });
      // A rename answered 3100 and the lookup found the customer holding that name: another one. Suffix it.
      if (customer.ListID !== mapping.qbId) return this.retry(row, 'NAME_TAKEN', `QuickBooks already has a different "${customer.Name}"; renaming with a suffix`, 'upsert', true, { nameSuffix: true, nameDecision: undefined });
      // 3200 / refresh: merge against the last agreed values, field by field. Name is settled again afterwards
      // against what QuickBooks holds now (it may have been renamed there, or the name fields changed there).
      const kind = recordKind(row.b24Entity);
      const qbSide = customerRetToDesired(customer);
      const next = p.nameDecision !== undefined ? desired : keepUntouchedNames(kind, base, { ...(p.desired as unknown as CustomerDesired), name: this.desiredName(row, p) });
      const mergedRaw = p.resolution === 'b24' ? { merged: next, conflicts: [] } : mergeCustomer(base, next, qbSide, DEFAULT_CONFLICT_POLICY);
      const isJob = customer.ParentRef !== undefined || (customer.Sublevel ?? 0) > 0;
      const decision = decideCustomerName({ kind, b24Id: row.b24Id, base, next: mergedRaw.merged, qbNow: qbSide, isJob });
      if (decision.action === 'keep') await this.journalNameKept(row, customer.ListID, decision);
      const merged = { merged: { ...mergedRaw.merged, name: decision.name }, conflicts: mergedRaw.conflicts.filter((c) => c.field !== 'name') };
      if (merged.conflicts.length > 0) {
        await this.journal.log(
          [{ direction: 'b24->qb', action: 'conflict-merged', b24Entity: row.b24Entity, b24Id: row.b24Id, qbEntity: 'customer', qbId: customer.ListID, detail: JSON.stringify(merged.conflicts) }],
          this.clock.now(),
        );
      }
      await this.mappings.update(mapping.id, { qbEditSequence: customer.EditSequence, updatedAt: this.clock.now() });
      if (fingerprint(customerProjection(merged.merged)) === fingerprint(customerProjection(customer))) {
        return this.linkDone(row, { ...p, merged: true }, customer, 'QuickBooks already holds the merged values');
      }
      // Bitrix24 must be updated afterwards whenever the merge kept anything it does not hold: a conflict won by
      // QuickBooks, and just as much a field only QuickBooks changed (a phone edited there, a city here). The
      // QuickBooks Name is no Bitrix24 field, and untouched name fields are the agreed ones Bitrix24 shows.
      const differsFromBitrix24 = b24View(merged.merged) !== b24View(next);
      const nameDecision = decision.action === 'rename' ? 'send' : 'keep';
      await this.outbox.update(row.id, {
        payloadJson: JSON.stringify({ ...p, desired: { ...merged.merged }, nameDecision, merged: differsFromBitrix24 || p.merged === true }),
        operation: 'upsert',
        status: 'pending',
        ticketHash: null,
        updatedAt: this.clock.now(),
      });
      return;
    }
    const item = ret as ItemRet;
    const desired = p.desired as unknown as ItemDesired;
    // Whatever the read was for, remember the item's section; its values are the agreed ones only when
    // QuickBooks has not changed the item since the last sync (same EditSequence), else the old ones stay.
    const itemBase = mapping ? itemBaseJson(item, item.EditSequence === mapping.qbEditSequence, parseItemBase(mapping.baseJson)) : undefined;
    if (mapping && op === 'reread' && p.resolution !== 'b24') {
      await this.outbox.update(row.id, {
        status: 'conflict',
        ticketHash: null,
        lastErrorCode: 'QB_3200',
        lastError: `"${item.Name}" was changed in QuickBooks and in Bitrix24 since the last sync. Resolve it: POST /admin/conflicts/${row.id}/resolve with {"winner":"qb"} or {"winner":"b24"}.`,
        updatedAt: this.clock.now(),
      });
      await this.mappings.update(mapping.id, { qbEditSequence: item.EditSequence, baseJson: itemBase ?? null, updatedAt: this.clock.now() });
      return;
    }
    if (!mapping && item.Name.toLowerCase() !== desired.name.toLowerCase()) return this.retry(row, 'NAME_TAKEN', 'name taken', 'upsert', true, { nameSuffix: true });
    if (!mapping) return this.linkDone(row, p, item, 'found our earlier add');
    await this.mappings.update(mapping.id, { qbEditSequence: item.EditSequence, baseJson: itemBase ?? null, updatedAt: this.clock.now() });
    await this.outbox.update(row.id, { operation: 'upsert', status: 'pending', ticketHash: null, updatedAt: this.clock.now() });
  }

  private async linkDone(row: OutboxEntity, p: OutboxPayload, ret: CustomerRet | ItemRet, how: string): Promise<void> {
    const now = this.clock.now();
    const isItem = 'itemType' in ret;
    await this.mappings.link(
      [
        {
          qbEntity: row.qbEntity,
          qbId: ret.ListID,
          b24Entity: row.b24Entity,
          b24Id: row.b24Id,
          qbEditSequence: ret.EditSequence,
          // After a merge QuickBooks holds values Bitrix24 does not: no hash, so the next read updates Bitrix24.
          b24Hash: p.merged ? null : p.b24Hash,
          qbHash: isItem ? null : fingerprint(customerProjection(ret)),
          baseJson: isItem ? itemBaseJson(ret) : JSON.stringify(customerRetToDesired(ret)),
        },
      ],
      now,
    );
    await this.outbox.update(row.id, { status: 'done', qbId: ret.ListID, ticketHash: null, lastError: null, lastErrorCode: null, updatedAt: now });
    await this.journal.log([{ direction: 'b24->qb', action: how, b24Entity: row.b24Entity, b24Id: row.b24Id, qbEntity: row.qbEntity, qbId: ret.ListID }], now);
    this.logger.log({ event: 'outbox.done', outboxId: row.id, b24Entity: row.b24Entity, b24Id: row.b24Id, qbId: ret.ListID, how });
  }

  private async retry(row: OutboxEntity, code: StoredErrorCode, message: string, operation: string, immediate = false, patch: Partial<OutboxPayload> = {}): Promise<void> {
    const attempts = row.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) return this.dead(row, code, `${message} (gave up after ${attempts} attempts)`);
    const now = this.clock.now();
    const delayMs = immediate ? 0 : Math.min(3600_000, 30_000 * 2 ** (attempts - 1));
    await this.outbox.update(row.id, {
      status: 'pending',
      operation,
      attempts,
      notBefore: new Date(now.getTime() + delayMs),
      ticketHash: null,
      lastError: message,
      lastErrorCode: code,
      ...(Object.keys(patch).length > 0 ? { payloadJson: JSON.stringify({ ...this.payload(row), ...patch }) } : {}),
      updatedAt: now,
    });
    if (!immediate) this.logger.warn({ event: 'outbox.retry', outboxId: row.id, code, message, retryInMs: delayMs });
  }

  private async dead(row: OutboxEntity, code: StoredErrorCode, message: string): Promise<void> {
    const now = this.clock.now();
    await this.outbox.update(row.id, { status: 'dead', ticketHash: null, lastError: message, lastErrorCode: code, updatedAt: now });
    await this.journal.error({ source: 'b24->qb', entity: row.b24Entity, recordId: row.b24Id, code, message }, now);
    this.logger.error({ event: 'outbox.dead_letter', outboxId: row.id, b24Entity: row.b24Entity, b24Id: row.b24Id, code, message, action: `fix the record, then POST /admin/queue/${row.id}/requeue` });
  }
}

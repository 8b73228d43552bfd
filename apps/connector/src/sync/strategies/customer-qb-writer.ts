import { Logger } from '@nestjs/common';
import type { CompanyRecord, ContactRecord } from '@qb-b24/bitrix24-client';
import type { CustomerRet, QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import {
  companyProjection,
  companyToCustomer,
  contactProjection,
  contactToCustomer,
  customerAddInput,
  customerFieldsToClear,
  customerModInput,
  customerProjection,
  customerRetToDesired,
  decideCustomerName,
  DEFAULT_CONFLICT_POLICY,
  fingerprint,
  keepUntouchedNames,
  mergeCustomer,
  toQuickBooksVerdict,
  withCollisionSuffix,
  type CustomerDesired,
  type CustomerNameDecision,
  type MappingRules,
} from '@qb-b24/sync-core';
import type { Clock } from '../../common/clock.js';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { IdMapping } from '../../mapping/id-mapping.type.js';
import type { OutboxEntity } from '../outbox.entity.js';
import { type B24Record, type DecideContext, matchesSyncedState, type QbWritePart, type QueueDecision, type WriteContext } from '../qb-write-part.js';
import type { SyncJournalRepository } from '../sync-journal.repository.js';
import type { UserFieldContextService } from '../user-field-context.service.js';
import { hashWithUserFields } from '../user-field-values.js';
import { agreedCustomer, b24View, recordKind } from './customer-write.util.js';

/** A customer write with its Name settled (decideCustomerName): the values to send, and whether Name goes with them. */
interface SettledCustomer {
  readonly desired: CustomerDesired;
  readonly sendName: boolean;
  readonly decision?: CustomerNameDecision;
}

/**
 * Bitrix24 contacts and companies → QuickBooks customers: the customer strategy's Bitrix24 → QuickBooks part.
 * A stale EditSequence (3200) is merged field by field against the last agreed values (DEFAULT_CONFLICT_POLICY),
 * and the QuickBooks Name is settled by decideCustomerName rather than overwritten.
 */
export class CustomerQbWriter implements QbWritePart {
  private readonly logger = new Logger(CustomerQbWriter.name);
  readonly queryKind = 'CustomerQuery' as const;
  readonly nameMaxLength = 41;
  readonly dataExtType = 'Customer' as const;

  constructor(
    private readonly mappings: IdMappingService,
    private readonly journal: SyncJournalRepository,
    private readonly clock: Clock,
    private readonly rules: MappingRules,
    private readonly userFields: UserFieldContextService,
  ) {}

  async decide(entity: string, id: string, raw: B24Record, seen: DecideContext): Promise<QueueDecision> {
    const { fromQuickBooks, neededBy } = seen;
    // Legacy CRM records are bags of optional vendor-named fields; the projections read them defensively.
    const record = raw as B24Record & ContactRecord & CompanyRecord;
    // Mapped user fields are part of what we wrote, so an echo of our own write hashes alike (user-field-values.ts).
    const fieldsCtx = await this.userFields.toB24('customer', entity === 'company' ? 'company' : 'contact');
    const hash = hashWithUserFields(fingerprint(entity === 'contact' ? contactProjection(record) : companyProjection(record)), record, fieldsCtx);
    const maps = (await this.mappings.findByB24Id(entity, id)).filter((m) => m.status !== 'deleted');
    if (maps.some((m) => m.qbEntity === 'vendor')) return { queue: false, note: 'vendors sync one way (QuickBooks → Bitrix24)' };
    const customer = maps.find((m) => m.qbEntity === 'customer');
    if (customer && matchesSyncedState(customer.b24Hash, hash, seen)) return { queue: false, note: 'our own write (echo)' };
    if (!customer && fromQuickBooks) return { queue: false, note: 'created from QuickBooks; its mapping is being written' };
    if (entity === 'contact' && customer && (await this.mappings.findByQbIds('customer', 'company', [customer.qbId])).size > 0) {
      return { queue: false, note: "the person of a QuickBooks company customer: edit the company's details instead" };
    }
    if (entity === 'contact' && String(record['TYPE_ID'] ?? '') === this.rules.vendors.contactType) {
      return { queue: false, note: 'supplier contacts are not customers' };
    }
    // A won deal going to QuickBooks needs its company or contact there as the customer, whatever its type: the filter
    // chooses which records are sent for their own sake, not which customers a sales order may have.
    if (!customer && neededBy === undefined) {
      const verdict = toQuickBooksVerdict(entity, record, this.rules.toQuickBooks);
      if (!verdict.pass) return { queue: false, note: verdict.reason, skipped: true };
    }
    const desired = entity === 'contact' ? contactToCustomer(record) : companyToCustomer(record);
    if (desired.name.trim() === '') return { queue: false, note: 'no name to give the QuickBooks customer' };
    const { values: customFields, problems } = await this.userFields.toQb('customer', entity === 'company' ? 'company' : 'contact', record);
    return {
      queue: true,
      payload: { kind: 'customer', desired: { ...desired }, b24Hash: hash, ...(Object.keys(customFields).length > 0 ? { customFields } : {}) },
      customFieldProblems: problems,
    };
  }

  async buildWrite(ctx: WriteContext, requestID: string): Promise<QbxmlRequest> {
    const { row, payload: p, mapping } = ctx;
    if (!mapping) return { kind: 'CustomerAdd', requestID, CustomerAdd: customerAddInput({ ...(p.desired as unknown as CustomerDesired), name: ctx.name }) };
    const base = agreedCustomer(mapping.baseJson);
    const settled = this.settled(ctx, base);
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

  applyWritten(ctx: WriteContext, r: QbxmlResponse): Promise<void> {
    return this.linkDone(ctx, this.retOf(r), 'written');
  }

  async applyRead(ctx: WriteContext, r: QbxmlResponse): Promise<void> {
    const { row, payload: p, mapping, ops } = ctx;
    const customer = this.retOf(r);
    const base = mapping ? agreedCustomer(mapping.baseJson) : undefined;
    // What the Mod sent (or the Add): the same settled values buildWrite built.
    const desired = mapping ? this.settled(ctx, base).desired : { ...(p.desired as unknown as CustomerDesired), name: ctx.name };
    const ours = fingerprint(customerProjection(desired)) === fingerprint(customerProjection(customer));
    if (ours) return this.linkDone(ctx, customer, mapping ? 'already applied' : 'found our earlier add');
    if (!mapping)
      return ops.retry(row, 'NAME_TAKEN', `QuickBooks already has a different "${customer.Name}"; adding with a suffix`, 'upsert', true, { nameSuffix: true });
    // A rename answered 3100 and the lookup found the customer holding that name: another one. Suffix it.
    if (customer.ListID !== mapping.qbId)
      return ops.retry(row, 'NAME_TAKEN', `QuickBooks already has a different "${customer.Name}"; renaming with a suffix`, 'upsert', true, {
        nameSuffix: true,
        nameDecision: undefined,
      });
    // 3200 / refresh: merge against the last agreed values, field by field. Name is settled again afterwards
    // against what QuickBooks holds now (it may have been renamed there, or the name fields changed there).
    const kind = recordKind(row.b24Entity);
    const qbSide = customerRetToDesired(customer);
    const next = p.nameDecision !== undefined ? desired : keepUntouchedNames(kind, base, { ...(p.desired as unknown as CustomerDesired), name: ctx.name });
    const mergedRaw = p.resolution === 'b24' ? { merged: next, conflicts: [] } : mergeCustomer(base, next, qbSide, DEFAULT_CONFLICT_POLICY);
    const isJob = customer.ParentRef !== undefined || (customer.Sublevel ?? 0) > 0;
    const decision = decideCustomerName({ kind, b24Id: row.b24Id, base, next: mergedRaw.merged, qbNow: qbSide, isJob });
    if (decision.action === 'keep') await this.journalNameKept(row, customer.ListID, decision);
    const merged = { merged: { ...mergedRaw.merged, name: decision.name }, conflicts: mergedRaw.conflicts.filter((c) => c.field !== 'name') };
    if (merged.conflicts.length > 0) {
      await this.journal.log(
        [
          {
            direction: 'b24->qb',
            action: 'conflict-merged',
            b24Entity: row.b24Entity,
            b24Id: row.b24Id,
            qbEntity: 'customer',
            qbId: customer.ListID,
            detail: JSON.stringify(merged.conflicts),
          },
        ],
        this.clock.now(),
      );
    }
    await this.mappings.update(mapping.id, { qbEditSequence: customer.EditSequence, updatedAt: this.clock.now() });
    if (fingerprint(customerProjection(merged.merged)) === fingerprint(customerProjection(customer))) {
      return this.linkDone({ ...ctx, payload: { ...p, merged: true } }, customer, 'QuickBooks already holds the merged values');
    }
    // Bitrix24 must be updated afterwards whenever the merge kept anything it does not hold: a conflict won by
    // QuickBooks, and just as much a field only QuickBooks changed (a phone edited there, a city here). The
    // QuickBooks Name is no Bitrix24 field, and untouched name fields are the agreed ones Bitrix24 shows.
    const differsFromBitrix24 = b24View(merged.merged) !== b24View(next);
    const nameDecision = decision.action === 'rename' ? 'send' : 'keep';
    return ops.again(row, { ...p, desired: { ...merged.merged }, nameDecision, merged: differsFromBitrix24 || p.merged === true });
  }

  unchangedSinceLink(mapping: IdMapping, r: QbxmlResponse): boolean {
    return mapping.qbHash !== null && fingerprint(customerProjection(this.retOf(r))) === mapping.qbHash;
  }

  private retOf(r: QbxmlResponse): CustomerRet {
    const ret = r.retType === 'customer' ? r.rets[0] : undefined;
    if (!ret) throw new Error(`expected a customer in the ${r.kind} answer, got ${r.retType}`);
    return ret;
  }

  private linkDone(ctx: WriteContext, ret: CustomerRet, how: string): Promise<void> {
    const link = {
      qbId: ret.ListID,
      qbEditSequence: ret.EditSequence,
      qbHash: fingerprint(customerProjection(ret)),
      baseJson: JSON.stringify(customerRetToDesired(ret)),
    };
    return ctx.ops.linkDone(ctx.row, ctx.payload, link, how);
  }

  /**
   * The customer values a Mod sends. Name fields the person did not edit in Bitrix24 keep QuickBooks'
   * values, and Name is sent only when decideCustomerName says rename; a payload settled by a merge
   * (nameDecision set) is sent as it is.
   */
  private settled(ctx: WriteContext, base: CustomerDesired | undefined): SettledCustomer {
    const { row, payload: p } = ctx;
    const raw = p.desired as unknown as CustomerDesired;
    if (p.nameDecision !== undefined) return { desired: { ...raw }, sendName: p.nameDecision === 'send' };
    const kind = recordKind(row.b24Entity);
    const next = keepUntouchedNames(kind, base, { ...raw, name: ctx.name });
    const decision = decideCustomerName({ kind, b24Id: row.b24Id, base, next });
    // After a 3100 on a rename the new name carries the " (B24 id)" suffix too.
    const name =
      decision.action === 'rename' && p.nameSuffix === true && !decision.name.endsWith(`(B24 ${row.b24Id})`)
        ? withCollisionSuffix(decision.name, `B24 ${row.b24Id}`, this.nameMaxLength)
        : decision.name;
    return { desired: { ...next, name }, sendName: decision.action === 'rename', decision };
  }

  private async journalNameKept(row: OutboxEntity, qbId: string, d: Extract<CustomerNameDecision, { action: 'keep' }>): Promise<void> {
    const detail = JSON.stringify({ qbName: d.name, b24Name: d.wouldBe, reason: d.reason });
    await this.journal.log(
      [{ direction: 'b24->qb', action: 'qb-name-kept', b24Entity: row.b24Entity, b24Id: row.b24Id, qbEntity: 'customer', qbId, detail }],
      this.clock.now(),
    );
    this.logger.log({ event: 'outbox.qb_name_kept', b24Entity: row.b24Entity, b24Id: row.b24Id, qbId, qbName: d.name, b24Name: d.wouldBe, reason: d.reason });
  }
}

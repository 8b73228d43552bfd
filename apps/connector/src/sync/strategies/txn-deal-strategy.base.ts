import type { QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import { dealProjection, fingerprint, type DealLinks, type DealPlan, type DealTxnRet, type MappingOptions } from '@qb-b24/sync-core';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { LinkInput } from '../../mapping/id-mapping.type.js';
import type { B24RemovalService } from '../b24-removal.service.js';
import type { B24UpsertService, UpsertCandidate, UpsertSpec } from '../b24-upsert.service.js';
import { resolveDealLinks } from '../deal-links.js';
import { addStats, emptyStats, type ApplyStats, type QbEntity } from '../qb-entity.js';
import type { ApplyContext, PlannedGroup, QbReadStrategy, QueryInput } from '../qb-read-strategy.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import type { SyncStrategy } from '../strategy-registry.js';
import { toParams } from '../to-params.js';
import type { TxnDealServices } from './txn-deal-services.js';
import type { UserFieldContextService } from '../user-field-context.service.js';
import { withUserFields } from '../user-field-values.js';

/**
 * Shared shape of the transaction strategies: a transaction becomes a deal linked to its customer's
 * Bitrix24 record, with its lines as product rows written in the same batch call.
 */
export abstract class TxnDealStrategy<T extends DealTxnRet> implements SyncStrategy {
  abstract readonly descriptor: StrategyDescriptor;
  abstract readonly entity: QbEntity;
  abstract readonly retType: QbxmlResponse['retType'];
  abstract readonly deletedTypes: QbReadStrategy['deletedTypes'];
  readonly dependsOn = ['customer', 'item'] as const;

  private readonly upserts: B24UpsertService;
  protected readonly mappings: IdMappingService;
  protected readonly options: MappingOptions;
  private readonly removals: B24RemovalService;
  private readonly userFields: UserFieldContextService;

  constructor(services: TxnDealServices) {
    this.upserts = services.upserts;
    this.mappings = services.mappings;
    this.options = services.options;
    this.removals = services.removals;
    this.userFields = services.userFields;
  }
  /** The QuickBooks entity whose custom fields the mapping may carry to the deal (estimates have none in the mapping). */
  protected readonly customFieldEntity: 'invoice' | null = null;

  protected abstract queryKind(): 'InvoiceQuery' | 'EstimateQuery' | 'SalesOrderQuery' | 'SalesReceiptQuery' | 'CreditMemoQuery';
  protected abstract rets(response: QbxmlResponse): readonly T[] | undefined;
  protected abstract toDeal(txn: T, links: DealLinks, options: MappingOptions): DealPlan;
  /**
   * The transactions of a page to write, and the links to record before writing them (an invoice taking over its
   * estimate's deal). Reads only: applyPage records the links (recordAdopted), the dry run only shows them.
   */
  protected prepare(txns: readonly T[]): Promise<{ readonly txns: readonly T[]; readonly adopt: readonly LinkInput[] }> {
    return Promise.resolve({ txns, adopt: [] });
  }
  /** Records the links prepare returned (only invoices adopt, and they know the time). */
  protected recordAdopted(_links: readonly LinkInput[]): Promise<void> {
    return Promise.resolve();
  }
  /**
   * Deals written differently from toDeal, by TxnID: a sales order's shared deal, whose stage depends on the order and
   * every invoice made from it (strategies/shared-deal-state.ts). `adopt` are links prepare returned and applyPage
   * records first (the dry run does not record them). Null: nothing to write for that transaction. Reads only.
   */
  protected overrides(_txns: readonly T[], _adopt: readonly LinkInput[], _options: MappingOptions): Promise<ReadonlyMap<string, UpsertCandidate | null>> {
    return Promise.resolve(new Map());
  }
  /** Whether the query asks for LinkedTxn (invoices: the estimate they were made from). */
  protected readonly includeLinkedTxns: boolean = false;
  /**
   * Whether QuickBooks voided this transaction (TxnVoid keeps it with zero amounts, qbxml.md §5.7): a voided one is
   * never written as a deal; its deal is removed or marked like a deleted transaction's (deletes.fromQuickBooks).
   */
  protected isVoided(_txn: T): boolean {
    return false;
  }
  /**
   * The version that lets the upsert skip an unchanged record without comparing fingerprints; undefined when a
   * field of the deal can change without QuickBooks giving the transaction a new EditSequence.
   */
  protected versionOf(txn: T, _options: MappingOptions): string | undefined {
    return txn.EditSequence;
  }

  private spec(): UpsertSpec {
    return { qbEntity: this.entity, b24Entity: 'deal', identity: 'origin', originatorId: this.options.originatorId };
  }

  buildQuery(q: QueryInput): QbxmlRequest {
    // A re-read asks by TxnID (no iterator, no filter) but for the same content, so its page applies like any other.
    const select =
      q.txnIds !== undefined
        ? { TxnID: q.txnIds }
        : {
            iterator: q.iterator,
            MaxReturned: q.maxReturned,
            ...(q.modifiedSince ? { ModifiedDateRangeFilter: { FromModifiedDate: q.modifiedSince } } : {}),
          };
    return {
      kind: this.queryKind(),
      requestID: q.requestID,
      ...select,
      IncludeLineItems: true,
      ...(this.includeLinkedTxns ? { IncludeLinkedTxns: true } : {}),
      ...(this.customFieldEntity !== null ? this.userFields.ownerIds(this.customFieldEntity) : {}),
    };
  }

  async applyPage(response: QbxmlResponse, ctx: ApplyContext): Promise<ApplyStats> {
    const page = this.rets(response);
    if (!page) return emptyStats();
    const voided = page.filter((t) => this.isVoided(t));
    const { txns, adopt } = await this.prepare(page.filter((t) => !this.isVoided(t)));
    await this.recordAdopted(adopt);
    const stats = (await this.upserts.upsert(this.spec(), await this.withOverrides(txns, adopt, this.options, ctx.runId), ctx)).stats;
    return voided.length === 0
      ? stats
      : addStats(
          stats,
          await this.applyDeleted(
            voided.map((t) => t.TxnID),
            ctx,
          ),
        );
  }

  /** The deals a page would write under `options`, with the estimate deals invoices would take over (not recorded). */
  async planPage(response: QbxmlResponse, options: MappingOptions): Promise<readonly PlannedGroup[]> {
    const page = this.rets(response);
    if (!page) return [];
    const removed = page.filter((t) => this.isVoided(t)).map((t) => t.TxnID);
    const { txns, adopt } = await this.prepare(page.filter((t) => !this.isVoided(t)));
    return [
      {
        spec: this.spec(),
        candidates: await this.withOverrides(txns, adopt, options),
        adopted: new Map(adopt.map((l) => [l.qbId, l.b24Id])),
        ...(removed.length > 0 ? { removed } : {}),
      },
    ];
  }

  private async withOverrides(txns: readonly T[], adopt: readonly LinkInput[], options: MappingOptions, runId?: number): Promise<UpsertCandidate[]> {
    const over = await this.overrides(txns, adopt, options);
    const plain = txns.filter((t) => !over.has(t.TxnID));
    const own = new Map((await this.candidates(plain, options, runId)).map((c) => [c.qbId, c]));
    return txns.map((t) => (over.has(t.TxnID) ? over.get(t.TxnID) : own.get(t.TxnID))).filter((c): c is UpsertCandidate => c !== undefined && c !== null);
  }

  /**
   * The candidate that writes `plan` for `txn` (deal fields and product rows, fingerprinted). Pure. The mapping's deal
   * fields join the fingerprint only when present, so the hash of a deal without them (every invoice and estimate)
   * stays what earlier versions stored, and an upgrade rewrites nothing.
   */
  protected candidateOf(txn: T, plan: DealPlan, baseJson?: string, options: MappingOptions = this.options): UpsertCandidate {
    return {
      qbId: txn.TxnID,
      qbEditSequence: this.versionOf(txn, options),
      fields: { ...toParams(plan.deal), ...plan.userFields },
      rows: plan.rows.map((r) => toParams(r)),
      // A payment changes an invoice's balance and paid state without (perhaps) a new EditSequence (qbxml.md §5.6).
      contentOutrunsVersion: this.retType === 'invoice',
      hash: fingerprint({ deal: dealProjection(plan.deal), rows: plan.rows, ...(plan.userFields ? { userFields: plan.userFields } : {}) }),
      ...(baseJson !== undefined ? { baseJson } : {}),
    };
  }

  /** The deals to write; with `runId` (a real apply) custom-field values that do not convert are journalled. */
  private async candidates(txns: readonly T[], options: MappingOptions, runId?: number): Promise<UpsertCandidate[]> {
    const linksFor = await resolveDealLinks(this.mappings, txns);
    const uf = this.customFieldEntity === null ? undefined : await this.userFields.toB24(this.customFieldEntity, 'deal');
    const out: UpsertCandidate[] = [];
    for (const txn of txns) {
      const candidate = this.candidateOf(txn, this.toDeal(txn, linksFor(txn), options), undefined, options);
      if (uf === undefined) {
        out.push(candidate);
        continue;
      }
      const withFields = withUserFields(candidate, txn.DataExtRet, uf);
      if (runId !== undefined && withFields.problems.length > 0) await this.userFields.report(this.entity, txn.TxnID, withFields.problems, runId);
      out.push(withFields.candidate);
    }
    return out;
  }

  applyDeleted(qbIds: readonly string[], ctx: ApplyContext): Promise<ApplyStats> {
    return this.removals.remove(this.spec(), qbIds, ctx);
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CustomerRet, QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import { customFieldOwnerIds, DEFAULT_MAPPING_OPTIONS, type MappingRules } from '@qb-b24/sync-core';
import { CLOCK, type Clock } from '../../common/clock.js';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { LinkInput } from '../../mapping/id-mapping.type.js';
import { B24RemovalService } from '../b24-removal.service.js';
import { B24UpsertService, type UpsertCandidate, type UpsertResult } from '../b24-upsert.service.js';
import { contactCandidates, customerPagePlan, type JobPlan } from './customer-candidates.js';
import { addStats, emptyStats, type ApplyStats } from '../qb-entity.js';
import { NEW_COMPANY_ID, type ApplyContext, type PlannedGroup, type QueryInput } from '../qb-read-strategy.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import type { SyncStrategy } from '../strategy-registry.js';
import { SyncJournalRepository } from '../sync-journal.repository.js';
import { CustomerQbWriter } from './customer-qb-writer.js';
import { listChangesQuery } from '../list-query.js';
import { MAPPING_RULES } from '../../config/mapping-rules.tokens.js';
import { UserFieldContextService } from '../user-field-context.service.js';
import { withUserFields, type UserFieldContext } from '../user-field-values.js';

const SPEC = { qbEntity: 'customer', identity: 'origin', originatorId: DEFAULT_MAPPING_OPTIONS.originatorId } as const;

/** Jobs share their parent's record, so only a top-level inactive customer marks one. */
const isInactiveCustomer = (r: CustomerRet): boolean => r.IsActive === false && r.ParentRef === undefined;

const liveB24Id = (m: { status: string; b24Id: string } | undefined): string | undefined => (m && m.status !== 'deleted' ? m.b24Id : undefined);

/**
 * QuickBooks customers → Bitrix24: a company when CompanyName is set (plus a linked contact for the person),
 * else a contact; jobs map to their parent's record (INTERFACE.md "Default mapping").
 */
@Injectable()
export class CustomerSyncStrategy implements SyncStrategy {
  static readonly descriptor = {
    kind: 'customer',
    b24Entities: ['contact', 'company'],
    b24Sources: [
      { entity: 'contact', dateField: 'DATE_MODIFY' },
      { entity: 'company', dateField: 'DATE_MODIFY' },
    ],
  } as const satisfies StrategyDescriptor;
  private readonly logger = new Logger(CustomerSyncStrategy.name);
  readonly descriptor = CustomerSyncStrategy.descriptor;
  readonly entity = CustomerSyncStrategy.descriptor.kind;
  readonly dependsOn = [] as const;
  readonly retType = 'customer' as const;
  readonly deletedTypes = { kind: 'list', types: ['Customer'] } as const;
  /** Bitrix24 contacts and companies → QuickBooks customers. */
  readonly toQuickBooks: CustomerQbWriter;

  constructor(
    private readonly upserts: B24UpsertService,
    private readonly mappings: IdMappingService,
    journal: SyncJournalRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    private readonly removals: B24RemovalService,
    private readonly userFields: UserFieldContextService,
  ) {
    this.toQuickBooks = new CustomerQbWriter(mappings, journal, clock, rules, userFields);
  }

  buildQuery(q: QueryInput): QbxmlRequest {
    return listChangesQuery('CustomerQuery', q, customFieldOwnerIds(this.rules, 'customer'));
  }

  async applyPage(response: QbxmlResponse, ctx: ApplyContext): Promise<ApplyStats> {
    if (response.retType !== 'customer') return emptyStats();
    const { companies, people, jobs } = customerPagePlan(response.rets);
    const stats = emptyStats();
    const [companyFields, contactFields] = await Promise.all([this.userFields.toB24('customer', 'company'), this.userFields.toB24('customer', 'contact')]);
    const retById = new Map(response.rets.map((r) => [r.ListID, r]));
    const withFields = async (list: readonly UpsertCandidate[], uf: UserFieldContext): Promise<UpsertCandidate[]> => {
      const out: UpsertCandidate[] = [];
      for (const c of list) {
        const ret = retById.get(c.qbId);
        const { candidate, problems } = withUserFields(c, ret?.DataExtRet ?? [], uf);
        if (problems.length > 0) await this.userFields.report('customer', c.qbId, problems, ctx.runId);
        // A record created for a customer inactive already is marked in its add: no read and update after it.
        const createOnly = ret && isInactiveCustomer(ret) ? this.removals.markOnCreate(candidate.fields) : undefined;
        out.push(createOnly ? { ...candidate, createOnly } : candidate);
      }
      return out;
    };
    // A company's contact person needs the company's id; people without a company do not. The page's creates share
    // batch calls instead of the companies and the contacts each ending in a partly filled call.
    const persons = people.filter((p) => p.ofCompany);
    const [companyResult, contactResult] = await this.upserts.upsertPair(
      { spec: { ...SPEC, b24Entity: 'company' }, items: await withFields(companies, companyFields) },
      {
        spec: { ...SPEC, b24Entity: 'contact' },
        independent: await withFields(
          contactCandidates(
            people.filter((p) => !p.ofCompany),
            new Map(),
          ),
          contactFields,
        ),
        // a contact person carries its company customer's ListID
        dependsOn: new Map(persons.map((p) => [p.ret.ListID, p.ret.ListID])),
        dependent: (companyIds, listIds) =>
          withFields(
            contactCandidates(
              persons.filter((p) => listIds.has(p.ret.ListID)),
              companyIds,
            ),
            contactFields,
          ),
      },
      ctx,
    );
    addStats(stats, companyResult.stats);
    addStats(stats, contactResult.stats);
    await this.linkJobs(jobs, stats);
    await this.markInactive(
      response.rets,
      [
        ['company', companyResult],
        ['contact', contactResult],
      ],
      stats,
    );
    return stats;
  }

  /** Companies and contacts as applyPage would write them; a contact person of a company not yet in Bitrix24 shows NEW_COMPANY_ID. */
  async planPage(response: QbxmlResponse): Promise<readonly PlannedGroup[]> {
    if (response.retType !== 'customer') return [];
    const { companies, people } = customerPagePlan(response.rets);
    const listIds = people.filter((p) => p.ofCompany).map((p) => p.ret.ListID);
    const linked = await this.mappings.findByQbIds('customer', 'company', listIds);
    const companyIds = new Map(listIds.map((id) => [id, liveB24Id(linked.get(id)) ?? NEW_COMPANY_ID]));
    // The same user-field values applyPage adds, so the dry run shows what the worker writes.
    const [companyFields, contactFields] = await Promise.all([this.userFields.toB24('customer', 'company'), this.userFields.toB24('customer', 'contact')]);
    const retById = new Map(response.rets.map((r) => [r.ListID, r]));
    const withFields = (list: readonly UpsertCandidate[], uf: UserFieldContext): UpsertCandidate[] =>
      list.map((c) => withUserFields(c, retById.get(c.qbId)?.DataExtRet ?? [], uf).candidate);
    return [
      { spec: { ...SPEC, b24Entity: 'company' }, candidates: withFields(companies, companyFields) },
      { spec: { ...SPEC, b24Entity: 'contact' }, candidates: withFields(contactCandidates(people, companyIds), contactFields) },
    ];
  }

  /**
   * An inactive QuickBooks customer is kept in Bitrix24 and marked like a deleted one (mapping deletes "mark"), once:
   * only records this page wrote or whose QuickBooks version moved. A mark Bitrix24 refused clears the link's hash,
   * so the page's retry writes the record again and retries the mark.
   */
  private async markInactive(
    rets: readonly CustomerRet[],
    results: readonly (readonly ['company' | 'contact', UpsertResult])[],
    stats: ApplyStats,
  ): Promise<void> {
    const inactive = rets.filter(isInactiveCustomer).map((r) => r.ListID);
    if (inactive.length === 0) return;
    for (const [entity, result] of results) {
      // A record this page created carries its mark from the add already.
      const todo = inactive.filter((listId) => result.changed.has(listId) && result.ids.has(listId) && !result.created.has(listId));
      const errors = await this.removals.markInactive(
        entity,
        todo.flatMap((listId) => result.ids.get(listId) ?? []),
      );
      if (errors.size === 0) continue;
      const maps = await this.mappings.findByQbIds('customer', entity, todo);
      for (const m of maps.values()) {
        const e = errors.get(m.b24Id);
        if (!e) continue;
        stats.failed += 1;
        this.logger.warn({ event: 'b24.mark_inactive_failed', b24Entity: entity, b24Id: m.b24Id, code: e.code, action: 'retried with the page' });
        await this.mappings.update(m.id, { b24Hash: null, updatedAt: this.clock.now() });
      }
    }
  }

  async applyDeleted(qbIds: readonly string[], ctx: ApplyContext): Promise<ApplyStats> {
    const stats = await this.removals.remove({ ...SPEC, b24Entity: 'contact' }, qbIds, ctx);
    return addStats(stats, await this.removals.remove({ ...SPEC, b24Entity: 'company' }, qbIds, ctx));
  }

  /** A job shares its top-level customer's Bitrix24 record; invoices for the job find it through this link. */
  private async linkJobs(jobs: readonly JobPlan[], stats: ApplyStats): Promise<void> {
    const links: LinkInput[] = [];
    for (const { ret, parentListId } of jobs) {
      const parent = await this.rootMappings(parentListId);
      if (parent.length === 0) {
        this.logger.warn({ event: 'sync.job_parent_unmapped', qbId: ret.ListID, parentListId, action: 'linked on a later run once the parent is synced' });
        stats.failed += 1;
        continue;
      }
      for (const p of parent) links.push({ qbEntity: 'job', qbId: ret.ListID, b24Entity: p.b24Entity, b24Id: p.b24Id, qbEditSequence: ret.EditSequence });
      stats.matched += 1;
    }
    await this.mappings.link(links, this.clock.now());
  }

  private async rootMappings(listId: string): Promise<{ b24Entity: string; b24Id: string }[]> {
    const direct = (await this.mappings.findByQbId('customer', listId)).filter((m) => m.status !== 'deleted');
    if (direct.length > 0) return direct;
    // A sub-job's parent is itself a job: follow its link.
    return (await this.mappings.findByQbId('job', listId)).filter((m) => m.status !== 'deleted');
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { QbxmlRequest, QbxmlResponse, VendorRet } from '@qb-b24/qbxml';
import { contactProjection, DEFAULT_MAPPING_OPTIONS, fingerprint, vendorToContact, type MappingOptions } from '@qb-b24/sync-core';
import { B24RemovalService } from '../b24-removal.service.js';
import { B24UpsertService, type UpsertCandidate } from '../b24-upsert.service.js';
import { MAPPING_OPTIONS } from '../mapping-options.provider.js';
import { UserFieldContextService } from '../user-field-context.service.js';
import { withUserFields } from '../user-field-values.js';
import { emptyStats, type ApplyStats } from '../qb-entity.js';
import type { ApplyContext, PlannedGroup, QueryInput } from '../qb-read-strategy.js';
import type { StrategyDescriptor } from '../strategy-descriptor.js';
import type { SyncStrategy } from '../strategy-registry.js';
import { toParams } from '../to-params.js';
import { listChangesQuery } from '../list-query.js';

const O = DEFAULT_MAPPING_OPTIONS;
const SPEC = { qbEntity: 'vendor', b24Entity: 'contact', identity: 'origin', originatorId: O.originatorId } as const;

/** QuickBooks vendors → Bitrix24 contacts of the mapping's vendor type (SUPPLIER by default), one way. */
@Injectable()
export class VendorSyncStrategy implements SyncStrategy {
  static readonly descriptor = { kind: 'vendor', b24Entities: ['contact'] } as const satisfies StrategyDescriptor;
  readonly descriptor = VendorSyncStrategy.descriptor;
  readonly entity = VendorSyncStrategy.descriptor.kind;
  readonly dependsOn = [] as const;
  readonly retType = 'vendor' as const;
  readonly deletedTypes = { kind: 'list', types: ['Vendor'] } as const;

  constructor(
    private readonly upserts: B24UpsertService,
    private readonly removals: B24RemovalService,
    @Inject(MAPPING_OPTIONS) private readonly options: MappingOptions,
    private readonly userFields: UserFieldContextService,
  ) {}

  buildQuery(q: QueryInput): QbxmlRequest {
    return listChangesQuery('VendorQuery', q, this.userFields.ownerIds('vendor'));
  }

  async applyPage(response: QbxmlResponse, ctx: ApplyContext): Promise<ApplyStats> {
    if (response.retType !== 'vendor') return emptyStats();
    return (await this.upserts.upsert(SPEC, await this.candidates(response.rets, this.options, ctx.runId), ctx)).stats;
  }

  async planPage(response: QbxmlResponse, options: MappingOptions): Promise<readonly PlannedGroup[]> {
    return response.retType === 'vendor' ? [{ spec: SPEC, candidates: await this.candidates(response.rets, options) }] : [];
  }

  /** The contacts with the mapped custom fields; with `runId` (a real apply) values that do not convert are journalled. */
  private async candidates(rets: readonly VendorRet[], options: MappingOptions, runId?: number): Promise<UpsertCandidate[]> {
    const uf = await this.userFields.toB24('vendor', 'contact');
    const byId = new Map(rets.map((v) => [v.ListID, v]));
    const out: UpsertCandidate[] = [];
    for (const c of vendorCandidates(rets, options)) {
      const { candidate, problems } = withUserFields(c, byId.get(c.qbId)?.DataExtRet ?? [], uf);
      if (runId !== undefined && problems.length > 0) await this.userFields.report('vendor', c.qbId, problems, runId);
      out.push(candidate);
    }
    return out;
  }

  applyDeleted(qbIds: readonly string[], ctx: ApplyContext): Promise<ApplyStats> {
    return this.removals.remove(SPEC, qbIds, ctx);
  }
}

/** The contacts a page of vendors becomes under `options`. Pure. */
function vendorCandidates(rets: readonly VendorRet[], options: MappingOptions): UpsertCandidate[] {
  return rets.map((v) => {
    const c = vendorToContact(v, options);
    return {
      qbId: v.ListID,
      qbEditSequence: v.EditSequence,
      fields: toParams(c),
      hash: fingerprint(contactProjection(c)),
      match: { emails: c.EMAIL.map((e) => e.VALUE), phones: c.PHONE.map((p) => p.VALUE), name: `${c.NAME} ${c.LAST_NAME}`.trim() },
    };
  });
}

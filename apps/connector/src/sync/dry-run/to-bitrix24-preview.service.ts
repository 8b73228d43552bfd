import { Inject, Injectable } from '@nestjs/common';
import { Bitrix24Error, type Bitrix24Client, type Bitrix24Params } from '@qb-b24/bitrix24-client';
import type { QbxmlResponse } from '@qb-b24/qbxml';
import type { MappingOptions, MappingRules } from '@qb-b24/sync-core';
import { BITRIX24_CLIENT } from '../../bitrix/bitrix.tokens.js';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { ExistingIndex } from '../b24-existing-index.js';
import type { UpsertCandidate } from '../b24-upsert.service.js';
import { needsNoWrite } from '../b24-needs-no-write.js';
import { MAPPING_RULES } from '../../config/mapping-rules.tokens.js';
import { QB_READ_STRATEGIES, type PlannedGroup, type QbReadStrategy } from '../qb-read-strategy.js';
import type { StagedPageEntity } from '../staged-page.entity.js';
import { StagedPageRepository } from '../staged-page.repository.js';
import { B24RecordReader } from './b24-record-reader.js';
import type { B24RecordPreview, B24RemovalPreview, ToBitrix24Preview } from './dry-run.type.js';
import { diffFields, PRODUCT_ROWS, sameValue, shownRows, shownValue, type FieldChange } from './field-diff.util.js';

/** A record as the plan would write it, with what the rules in force would write when a candidate is previewed. */
interface Planned {
  readonly group: PlannedGroup;
  readonly item: UpsertCandidate;
  readonly inForce: UpsertCandidate | undefined;
  readonly firstRun: boolean;
}

/**
 * QuickBooks → Bitrix24 part of the dry run: the staged pages not yet applied, planned by the strategies' own
 * planPage (the code applyPage writes with), decided like B24UpsertService decides (linked and unchanged, linked
 * and changed, found by identity, matched on a first import, created) and diffed against the Bitrix24 record as
 * it is now. Reads only: our database through find methods, Bitrix24 through B24RecordReader.
 */
@Injectable()
export class ToBitrix24PreviewService {
  constructor(
    @Inject(BITRIX24_CLIENT) private readonly client: Bitrix24Client | null,
    @Inject(QB_READ_STRATEGIES) private readonly strategies: QbReadStrategy[],
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    private readonly staged: StagedPageRepository,
    private readonly mappings: IdMappingService,
  ) {}

  async preview(options: { inForce: MappingOptions; candidate: MappingOptions | null }, limit: number): Promise<ToBitrix24Preview> {
    const pages = await this.staged.pending(limit + 1);
    const planned: Planned[] = [];
    const removals: B24RemovalPreview[] = [];
    let truncated = pages.length > limit;
    let read = 0;
    for (const page of pages.slice(0, limit)) {
      if (planned.length >= limit) {
        truncated = true;
        break;
      }
      read += 1;
      const payload: unknown = JSON.parse(page.payloadJson);
      if (page.kind === 'deleted') {
        removals.push({ qbEntity: page.entity, qbIds: Array.isArray(payload) ? payload.map(String) : [], policy: this.rules.deletes.fromQuickBooks });
        continue;
      }
      const rest = await this.planPage(page, payload as QbxmlResponse, options, limit - planned.length);
      planned.push(...rest.planned);
      removals.push(...rest.removals);
      truncated ||= rest.truncated;
    }
    planned.splice(0, planned.length, ...latestOfEach(planned));
    if (!this.client) {
      const unreadable = 'Bitrix24 is not configured (set BITRIX24_WEBHOOK_URL)';
      return { pages: read, records: await this.decide(null, planned), removals, truncated, bitrix24Unreadable: unreadable };
    }
    try {
      return { pages: read, records: await this.decide(new B24RecordReader(this.client), planned), removals, truncated };
    } catch (err) {
      // Unreachable or refusing: the plan is still worth showing, with what Bitrix24 holds now unknown.
      if (!(err instanceof Bitrix24Error)) throw err;
      return { pages: read, records: await this.decide(null, planned), removals, truncated, bitrix24Unreadable: err.message };
    }
  }

  private async planPage(
    page: StagedPageEntity,
    response: QbxmlResponse,
    options: { inForce: MappingOptions; candidate: MappingOptions | null },
    room: number,
  ): Promise<{ planned: Planned[]; truncated: boolean; removals: B24RemovalPreview[] }> {
    const strategy = this.strategies.find((s) => s.entity === page.entity);
    if (!strategy) return { planned: [], truncated: false, removals: [] };
    const inForce = await strategy.planPage(response, options.inForce);
    const chosen = options.candidate ? await strategy.planPage(response, options.candidate) : inForce;
    const planned: Planned[] = [];
    chosen.forEach((group, g) => {
      const before = options.candidate ? new Map((inForce[g]?.candidates ?? []).map((c) => [c.qbId, c])) : undefined;
      for (const item of group.candidates) planned.push({ group, item, inForce: before?.get(item.qbId), firstRun: page.firstRun });
    });
    // Voided transactions: applyPage removes or marks their records as it does deleted ones.
    const removals = chosen.flatMap((g) =>
      (g.removed ?? []).length > 0 ? [{ qbEntity: page.entity, qbIds: g.removed ?? [], policy: this.rules.deletes.fromQuickBooks }] : [],
    );
    return { planned: planned.slice(0, room), truncated: planned.length > room, removals };
  }

  /** The worker's decision for each planned record, with its field changes. A null reader: Bitrix24 is not read. */
  private async decide(reader: B24RecordReader | null, planned: readonly Planned[]): Promise<B24RecordPreview[]> {
    const out: B24RecordPreview[] = [];
    const indexes = new Map<string, ExistingIndex>();
    for (const [key, list] of groupBySpec(planned)) {
      const spec = list[0]?.group.spec;
      if (!spec) continue;
      const maps = await this.mappings.findByQbIds(
        spec.qbEntity,
        spec.b24Entity,
        list.map((p) => p.item.qbId),
      );
      const unlinked = list.filter((p) => {
        const m = maps.get(p.item.qbId);
        return !m || m.status === 'deleted';
      });
      const found =
        reader && unlinked.length > 0
          ? await reader.byIdentity(
              spec,
              unlinked.map((p) => p.item.qbId),
            )
          : new Map<string, string>();
      const targets = new Map<string, { b24Id: string; linkedBy?: string }>();
      for (const p of list) {
        const m = maps.get(p.item.qbId);
        if (m && m.status !== 'deleted') {
          if (!needsNoWrite(m, p.item)) targets.set(p.item.qbId, { b24Id: m.b24Id });
          else out.push(preview(p, m.b24Id, 'unchanged', []));
          continue;
        }
        // Linked with no hash first, so the worker always writes it (strategies/deal-sharing.ts).
        const adopted = p.group.adopted?.get(p.item.qbId);
        if (adopted) {
          targets.set(p.item.qbId, { b24Id: adopted, linkedBy: "the estimate's deal" });
          continue;
        }
        const byIdentity = found.get(p.item.qbId);
        if (byIdentity) {
          targets.set(p.item.qbId, { b24Id: byIdentity, linkedBy: 'identity' });
          continue;
        }
        if (reader && p.firstRun && p.item.match) {
          const index = indexes.get(key) ?? (await reader.existingIndex(spec));
          indexes.set(key, index);
          const outcome = index.match(p.item.match);
          if (outcome.kind === 'unique') {
            targets.set(p.item.qbId, { b24Id: outcome.id, linkedBy: `matched by ${outcome.by}` });
            continue;
          }
        }
        out.push(preview(p, null, 'create', withRules(p, diffFields(null, p.item.fields, p.item.rows ? { current: [], desired: p.item.rows } : undefined))));
      }
      const ids = [...new Set([...targets.values()].map((t) => t.b24Id))];
      const current = reader ? await reader.records(spec.b24Entity, ids) : new Map<string, Record<string, unknown>>();
      const withRows = list.filter((p) => p.item.rows !== undefined).flatMap((p) => targets.get(p.item.qbId)?.b24Id ?? []);
      const rowsNow = reader ? await reader.productRows(withRows.filter((id) => current.has(id))) : new Map<string, Record<string, unknown>[]>();
      for (const p of list) {
        const t = targets.get(p.item.qbId);
        if (!t) continue;
        const record = reader ? (current.get(t.b24Id) ?? null) : {};
        // Deleted in Bitrix24 meanwhile: the worker creates it again (B24UpsertService.update, NOT_FOUND).
        if (record === null) {
          out.push(preview(p, null, 'create', withRules(p, diffFields(null, p.item.fields, p.item.rows ? { current: [], desired: p.item.rows } : undefined))));
          continue;
        }
        const rows = p.item.rows ? { current: rowsNow.get(t.b24Id) ?? [], desired: p.item.rows } : undefined;
        const fields = withRules(p, diffFields(record, p.item.fields, rows));
        out.push({ ...preview(p, t.b24Id, fields.length > 0 || !reader ? 'update' : 'unchanged', fields), ...(t.linkedBy ? { linkedBy: t.linkedBy } : {}) });
      }
    }
    return out;
  }
}

function preview(p: Planned, b24Id: string | null, action: B24RecordPreview['action'], fields: FieldChange[]): B24RecordPreview {
  return { qbEntity: p.group.spec.qbEntity, qbId: p.item.qbId, b24Entity: p.group.spec.b24Entity, b24Id, action, fields };
}

/** Marks the changes a candidate mapping makes: the rules in force would write another value there. */
function withRules(p: Planned, fields: FieldChange[]): FieldChange[] {
  const inForce = p.inForce;
  if (!inForce) return fields;
  return fields.map((f) => {
    const was = f.field === PRODUCT_ROWS ? shownRows(inForce.rows ?? [], p.item.rows ?? []) : shownValue(f.field, fieldOf(inForce.fields, f.field));
    return { ...f, fromRulesChange: !sameValue(was, f.after) };
  });
}

function fieldOf(fields: Bitrix24Params, name: string): unknown {
  return fields[name];
}

function groupBySpec(planned: readonly Planned[]): Map<string, Planned[]> {
  const out = new Map<string, Planned[]>();
  for (const p of planned) {
    const key = `${p.group.spec.qbEntity}:${p.group.spec.b24Entity}`;
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}

/** A record read again by a later page is written twice, the later version last: only that one is shown. */
function latestOfEach(planned: readonly Planned[]): Planned[] {
  const last = new Map<string, number>();
  planned.forEach((p, i) => last.set(`${p.group.spec.qbEntity}:${p.group.spec.b24Entity}:${p.item.qbId}`, i));
  return planned.filter((p, i) => last.get(`${p.group.spec.qbEntity}:${p.group.spec.b24Entity}:${p.item.qbId}`) === i);
}

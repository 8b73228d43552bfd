import type { BatchCommand } from '@qb-b24/bitrix24-client';
import type { LinkInput } from '../mapping/id-mapping.type.js';
import { linkOf, type UpsertOutput, type WriteDeps } from './b24-create-batches.js';
import { multiFieldPatches } from './b24-multi-field-patches.js';
import type { UpsertCandidate, UpsertSpec } from './b24-upsert.service.js';
import { recordB24WriteFailure } from './b24-write-failure.js';
import type { LogInput } from './sync-journal.repository.js';

/** A record to write over its Bitrix24 counterpart: linked, relinked by its identity, or matched. */
export interface PlannedUpdate {
  readonly item: UpsertCandidate;
  readonly b24Id: string;
  readonly how: string;
}

/**
 * Updates the records through one batch (≤ 50 commands per call), after one batch of reads when contacts or
 * companies carry e-mails or phones; links and journals each. Returns the records deleted in Bitrix24 meanwhile,
 * which QuickBooks still has, to be created again.
 */
export async function updateInBatch(
  deps: WriteDeps,
  spec: UpsertSpec,
  list: readonly PlannedUpdate[],
  out: UpsertOutput,
  runId: number,
): Promise<UpsertCandidate[]> {
  if (list.length === 0) return [];
  // Multi-fields are patched against what the record holds now, so a value added in Bitrix24 is kept.
  const patches = await multiFieldPatches(
    deps.client,
    spec.b24Entity,
    list.map((u) => ({ b24Id: u.b24Id, fields: u.item.fields })),
  );
  const cmds: Record<string, BatchCommand> = {};
  list.forEach((u, i) => {
    const fields = patches.get(u.b24Id) ?? { ...u.item.fields };
    cmds[`u${i}`] = { method: `crm.${spec.b24Entity}.update`, params: { id: u.b24Id, fields } };
    if (u.item.rows) cmds[`r${i}`] = { method: 'crm.deal.productrows.set', params: { id: u.b24Id, rows: [...u.item.rows] } };
  });
  const res = await deps.client.batch(cmds);
  const now = deps.now();
  const links: LinkInput[] = [];
  const logs: LogInput[] = [];
  const recreate: UpsertCandidate[] = [];
  for (const [i, u] of list.entries()) {
    const e = res.errors.get(`u${i}`) ?? res.errors.get(`r${i}`);
    if (e) {
      if (e.code === 'NOT_FOUND') {
        // Deleted in Bitrix24 meanwhile: QuickBooks still has it, so it is created again.
        out.ids.delete(u.item.qbId);
        recreate.push(u.item);
        continue;
      }
      out.stats.failed += 1;
      await recordB24WriteFailure({ ...deps, now }, { ...spec, qbId: u.item.qbId, op: 'update', runId }, e);
      continue;
    }
    if (u.how === 'updated') out.stats.updated += 1;
    out.changed.add(u.item.qbId);
    links.push(linkOf(spec, u.item, u.b24Id));
    logs.push({ direction: 'qb->b24', action: u.how, qbEntity: spec.qbEntity, qbId: u.item.qbId, b24Entity: spec.b24Entity, b24Id: u.b24Id });
  }
  await deps.mappings.link(links, now);
  await deps.journal.log(logs, now);
  return recreate;
}

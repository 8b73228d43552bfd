import { Injectable } from '@nestjs/common';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import { OutboxQueryRepository } from '../outbox-query.repository.js';
import type { OutboxPayload } from '../outbox.repository.js';
import type { QbWritePreview, ToQuickBooksPreview } from './dry-run.type.js';
import { sameValue } from './field-diff.util.js';

/**
 * Bitrix24 → QuickBooks part of the dry run: each pending outbox row as the Add or Mod the next Web Connector
 * session sends, field by field against the last values both sides agreed on (the link's baseJson). Reads only.
 */
@Injectable()
export class ToQuickBooksPreviewService {
  constructor(
    private readonly outbox: OutboxQueryRepository,
    private readonly mappings: IdMappingService,
  ) {}

  async preview(limit: number): Promise<ToQuickBooksPreview> {
    const rows = await this.outbox.listByStatus(['pending'], limit + 1);
    const writes: QbWritePreview[] = [];
    for (const row of rows.slice(0, limit)) {
      const payload = parsePayload(row.payloadJson);
      // Add or Mod is settled at hand-out: a link made meanwhile (the record arrived from QuickBooks) makes it a Mod.
      const link = (await this.mappings.findByB24Id(row.b24Entity, row.b24Id)).find((m) => m.qbEntity === row.qbEntity && m.status !== 'deleted');
      const base = link?.baseJson ? parseObject(link.baseJson) : null;
      const fields = Object.entries(payload?.desired ?? {})
        .filter(([k, v]) => base === null || !sameValue(base[k] ?? null, v ?? null))
        .map(([field, after]) => ({ field, before: base === null ? null : (base[field] ?? null), after: after ?? null }));
      writes.push({
        outboxId: row.id,
        qbEntity: row.qbEntity,
        qbId: link?.qbId ?? row.qbId,
        b24Entity: row.b24Entity,
        b24Id: row.b24Id,
        operation: link ? 'mod' : 'add',
        fields,
      });
    }
    return { writes, truncated: rows.length > limit };
  }
}

function parseObject(json: string): Record<string, unknown> | null {
  const v: unknown = JSON.parse(json);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function parsePayload(json: string): Pick<OutboxPayload, 'desired'> | null {
  const v = parseObject(json);
  const desired = v?.['desired'];
  return typeof desired === 'object' && desired !== null && !Array.isArray(desired) ? { desired: desired as Record<string, unknown> } : null;
}

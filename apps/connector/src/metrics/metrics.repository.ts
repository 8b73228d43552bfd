import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CountRow {
  readonly labels: Readonly<Record<string, string | null>>;
  readonly n: number;
}

// Fixed, parameterless GROUP BY queries over our own tables: the label values come from columns whose values
// the code writes (states, entity names, directions), never from free text.
const QUERIES = {
  sessions: 'SELECT state AS state, COUNT(*) AS n FROM qbwc_session GROUP BY state',
  mappings: 'SELECT "qbEntity" AS qb_entity, "b24Entity" AS b24_entity, COUNT(*) AS n FROM id_mapping GROUP BY "qbEntity", "b24Entity"',
  synced: `SELECT direction AS direction, "qbEntity" AS qb_entity, "b24Entity" AS b24_entity, COUNT(*) AS n FROM sync_log WHERE direction <> 'admin' GROUP BY direction, "qbEntity", "b24Entity"`,
  outbox: 'SELECT status AS status, "qbEntity" AS qb_entity, COUNT(*) AS n FROM outbox GROUP BY status, "qbEntity"',
  events: 'SELECT status AS status, "b24Entity" AS b24_entity, COUNT(*) AS n FROM b24_event GROUP BY status, "b24Entity"',
  errors: 'SELECT source AS source, COUNT(*) AS n FROM sync_error GROUP BY source',
  runs: 'SELECT "trigger" AS "trigger", status AS status, COUNT(*) AS n FROM sync_run GROUP BY "trigger", status',
} as const;

export type CountQuery = keyof typeof QUERIES;

/** Grouped counts read at scrape time. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async counts(query: CountQuery): Promise<CountRow[]> {
    const rows: unknown = await this.db.query(QUERIES[query]);
    if (!Array.isArray(rows)) return [];
    return rows.map((row: unknown) => toCountRow(row));
  }
}

function toCountRow(row: unknown): CountRow {
  const out: Record<string, string | null> = {};
  let n = 0;
  if (typeof row === 'object' && row !== null) {
    for (const [k, v] of Object.entries(row)) {
      if (k === 'n') n = Number(v);
      else out[k] = v === null || v === undefined ? null : String(v);
    }
  }
  return { labels: out, n };
}

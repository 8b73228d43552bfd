import type { FieldChange } from './field-diff.util.js';

/** What the next sync does to one Bitrix24 record. */
export type B24RecordAction = 'create' | 'update' | 'unchanged';

export interface B24RecordPreview {
  readonly qbEntity: string;
  readonly qbId: string;
  readonly b24Entity: string;
  /** null: created by the next sync */
  readonly b24Id: string | null;
  readonly action: B24RecordAction;
  /** How an unlinked QuickBooks record finds its Bitrix24 record: by the identity it carries, or matched on a first import. */
  readonly linkedBy?: string;
  /** The fields written that change something (empty when unchanged). */
  readonly fields: readonly FieldChange[];
}

/** QuickBooks records deleted (or voided) that the next sync removes or marks in Bitrix24 (deletes.fromQuickBooks). */
export interface B24RemovalPreview {
  readonly qbEntity: string;
  readonly qbIds: readonly string[];
  readonly policy: 'mark' | 'delete';
}

export interface ToBitrix24Preview {
  /** Staged QuickBooks pages the preview read (the Bitrix24 worker applies them oldest first). */
  readonly pages: number;
  readonly records: readonly B24RecordPreview[];
  readonly removals: readonly B24RemovalPreview[];
  /** More records wait than `limit` allowed. */
  readonly truncated: boolean;
  /** Set when Bitrix24 could not be read: `before` values are then unknown (null) and every field is listed. */
  readonly bitrix24Unreadable?: string;
}

/** One pending outbox row: the Add or Mod the next Web Connector session sends, against the last agreed values. */
export interface QbWritePreview {
  readonly outboxId: number;
  readonly qbEntity: string;
  readonly qbId: string | null;
  readonly b24Entity: string;
  readonly b24Id: string;
  readonly operation: 'add' | 'mod';
  /** Field by field, `before` from the last values both sides agreed on (null for an add). */
  readonly fields: readonly FieldChange[];
}

/** What processing the stored Bitrix24 events of one record would do (B24EventProcessorService), not yet queued. */
export interface B24EventPreview {
  readonly b24Entity: string;
  readonly b24Id: string;
  readonly events: number;
  /** queue: becomes an outbox row (then an Add/Mod); skip: kept out by the toQuickBooks filter; ignore: nothing to send */
  readonly verdict: 'queue' | 'skip' | 'ignore';
  readonly note?: string;
  /** For `queue`: the values to send against the last agreed ones (null: a new QuickBooks record). */
  readonly fields: readonly FieldChange[];
  /** Set when a candidate mapping is previewed and its toQuickBooks filter turns the verdict around. */
  readonly fromRulesChange?: boolean;
}

export interface ToQuickBooksPreview {
  readonly writes: readonly QbWritePreview[];
  /** Bitrix24 changes stored but not yet queued; processed once no QuickBooks page waits for Bitrix24. */
  readonly events: readonly B24EventPreview[];
  readonly truncated: boolean;
}

/** Which mapping rules the preview used. */
export interface RulesPreview {
  readonly source: 'in force' | 'candidate';
  /** Dotted keys where the candidate differs from the rules in force (empty for "in force"). */
  readonly changedKeys: readonly string[];
}

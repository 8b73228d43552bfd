/** One QuickBooks ⇄ Bitrix24 link as other modules see it; the id_mapping table itself is private to mapping/. */
export interface IdMapping {
  readonly id: number;
  readonly qbEntity: string;
  /** ListID or TxnID. */
  readonly qbId: string;
  readonly b24Entity: string;
  readonly b24Id: string;
  readonly qbEditSequence: string | null;
  /** Fingerprint of what we last wrote to / read from each side, for echo suppression. */
  readonly qbHash: string | null;
  readonly b24Hash: string | null;
  /** Field values as last synced (JSON), the base for a three-way merge on conflicts. */
  readonly baseJson: string | null;
  readonly status: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields of a link the sync engine may change after creating it. */
export type IdMappingChanges = Partial<Omit<IdMapping, 'id' | 'createdAt'>>;

export interface LinkInput {
  readonly qbEntity: string;
  readonly qbId: string;
  readonly b24Entity: string;
  readonly b24Id: string;
  readonly qbEditSequence?: string | null;
  readonly qbHash?: string | null;
  readonly b24Hash?: string | null;
  readonly baseJson?: string | null;
  readonly status?: string;
}

/** How many links exist between one QuickBooks entity and one Bitrix24 entity. */
export interface MappingCount {
  readonly qbEntity: string;
  readonly b24Entity: string;
  readonly count: number;
}

/** The ids of one link, without its fingerprints or field values. */
export interface MappedRecord {
  readonly qbEntity: string;
  readonly qbId: string;
  readonly b24Id: string;
}

/** Seed data for `crm.status.list` and `crm.category.list` (bitrix24.md §5.5, §10 item 26). */
export interface StatusRow {
  id: number;
  entityId: string;
  statusId: string;
  name: string;
  sort: number;
  categoryId: number | null;
  color: string | null;
  semantics: 'S' | 'F' | null;
}

export interface DealCategory {
  id: number;
  name: string;
  sort: number;
  isDefault: boolean;
}

const DEAL_STAGES: ReadonlyArray<readonly [string, string, string, 'S' | 'F' | null]> = [
  ['NEW', 'New', '#39A8EF', null],
  ['PREPARATION', 'Preparing documents', '#2FC6F6', null],
  ['PREPAYMENT_INVOICE', 'Prepayment invoice', '#55D0E0', null],
  ['EXECUTING', 'In progress', '#47E4C2', null],
  ['FINAL_INVOICE', 'Final invoice', '#FFA900', null],
  ['WON', 'Deal won', '#7BD500', 'S'],
  ['LOSE', 'Deal lost', '#FF5752', 'F'],
  ['APOLOGY', 'Analyze failure', '#FF5752', 'F'],
];

const DIRECTORIES: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  SOURCE: [
    ['CALL', 'Call'],
    ['EMAIL', 'E-Mail'],
    ['WEB', 'Website'],
    ['ADVERTISING', 'Advertising'],
    ['PARTNER', 'Existing client'],
    ['RECOMMENDATION', 'By recommendation'],
    ['TRADE_SHOW', 'Show/Exhibition'],
    ['WEBFORM', 'CRM form'],
    ['CALLBACK', 'Callback'],
    ['OTHER', 'Other'],
  ],
  CONTACT_TYPE: [
    ['CLIENT', 'Clients'],
    ['SUPPLIER', 'Suppliers'],
    ['PARTNER', 'Partners'],
    ['OTHER', 'Other'],
  ],
  COMPANY_TYPE: [
    ['CUSTOMER', 'Client'],
    ['SUPPLIER', 'Supplier'],
    ['COMPETITOR', 'Competitor'],
    ['PARTNER', 'Partner'],
    ['OTHER', 'Other'],
  ],
  DEAL_TYPE: [
    ['SALE', 'Sales'],
    ['COMPLEX', 'Integrated sale'],
    ['GOODS', 'Merchandise sales'],
    ['SERVICES', 'Service sales'],
    ['SERVICE', 'After-sales service'],
  ],
  HONORIFIC: [
    ['HNR_EN_1', 'Mr.'],
    ['HNR_EN_2', 'Mrs.'],
    ['HNR_EN_3', 'Ms.'],
    ['HNR_EN_4', 'Dr.'],
  ],
  INDUSTRY: [
    ['IT', 'Information Technology'],
    ['TELECOM', 'Telecommunication'],
    ['MANUFACTURING', 'Manufacturing'],
    ['BANKING', 'Banking Services'],
    ['CONSULTING', 'Consulting'],
    ['OTHER', 'Other'],
  ],
  EMPLOYEES: [
    ['EMPLOYEES_1', 'less than 50'],
    ['EMPLOYEES_2', '50-250'],
    ['EMPLOYEES_3', '250-500'],
    ['EMPLOYEES_4', 'over 500'],
  ],
};

/** Stage rows of a deal funnel: category 0 uses `DEAL_STAGE`, others `DEAL_STAGE_{n}` with `C{n}:` codes (§5.5). */
export function dealStages(categoryId: number, firstId: number): StatusRow[] {
  return DEAL_STAGES.map(([code, name, color, semantics], i) => ({
    id: firstId + i,
    entityId: categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`,
    statusId: categoryId === 0 ? code : `C${categoryId}:${code}`,
    name,
    sort: (i + 1) * 10,
    categoryId: categoryId === 0 ? null : categoryId,
    color,
    semantics,
  }));
}

/** The seeded status directory of a fresh portal. Pure. */
export function seedStatuses(): StatusRow[] {
  const rows = dealStages(0, 101);
  let id = 1;
  for (const [entityId, items] of Object.entries(DIRECTORIES)) {
    items.forEach(([statusId, name], i) => {
      rows.push({ id: id++, entityId, statusId, name, sort: (i + 1) * 10, categoryId: null, color: null, semantics: null });
    });
  }
  return rows;
}

/** `crm.status.list` row shape (string-typed, legacy). */
export function renderStatus(r: StatusRow): Record<string, unknown> {
  const isStage = r.entityId.startsWith('DEAL_STAGE');
  const extra = isStage ? { EXTRA: { SEMANTICS: r.semantics === 'S' ? 'success' : r.semantics === 'F' ? 'failure' : 'process', COLOR: r.color } } : {};
  return {
    ID: String(r.id),
    ENTITY_ID: r.entityId,
    STATUS_ID: r.statusId,
    NAME: r.name,
    NAME_INIT: r.name,
    SORT: String(r.sort),
    SYSTEM: 'Y',
    CATEGORY_ID: r.categoryId === null ? null : String(r.categoryId),
    COLOR: r.color,
    SEMANTICS: r.semantics,
    ...extra,
  };
}

/** The Bitrix24 record types the dashboard's search looks in; the timeline API knows them by these names. */
export type SearchEntity = 'contact' | 'company' | 'deal' | 'product';

export interface SearchPlan {
  readonly entity: SearchEntity;
  readonly filter: Readonly<Record<string, string>>;
  readonly select: readonly string[];
}

export interface SearchHit {
  readonly b24Entity: SearchEntity;
  readonly b24Id: string;
  readonly label: string;
}

/** A search text a person typed: trimmed, 2-100 characters; null otherwise. Pure. */
export function parseSearchQuery(q: unknown): string | null {
  if (typeof q !== 'string') return null;
  const t = q.trim();
  return t.length >= 2 && t.length <= 100 ? t : null;
}

/**
 * Which Bitrix24 lists to ask for a search text. Pure. An e-mail is matched exactly on contacts and companies (the
 * multifield filter is exact, bitrix24.md §4); anything else is a substring (`%`) of names and titles, and deal
 * titles carry the QuickBooks RefNumber ("Invoice 1042"), so a RefNumber finds its deal.
 */
export function planSearch(q: string): SearchPlan[] {
  if (q.includes('@')) {
    return [
      { entity: 'contact', filter: { EMAIL: q }, select: ['ID', 'NAME', 'LAST_NAME', 'EMAIL'] },
      { entity: 'company', filter: { EMAIL: q }, select: ['ID', 'TITLE', 'EMAIL'] },
    ];
  }
  return [
    { entity: 'contact', filter: { '%NAME': q }, select: ['ID', 'NAME', 'LAST_NAME'] },
    { entity: 'contact', filter: { '%LAST_NAME': q }, select: ['ID', 'NAME', 'LAST_NAME'] },
    { entity: 'company', filter: { '%TITLE': q }, select: ['ID', 'TITLE'] },
    { entity: 'deal', filter: { '%TITLE': q }, select: ['ID', 'TITLE'] },
    { entity: 'product', filter: { '%NAME': q }, select: ['ID', 'NAME'] },
  ];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function firstEmail(v: unknown): string {
  if (!Array.isArray(v)) return '';
  const first: unknown = v[0];
  return typeof first === 'object' && first !== null ? text((first as Record<string, unknown>)['VALUE']) : '';
}

/** A Bitrix24 list row as a search hit (label for a person). Pure. */
export function toSearchHit(entity: SearchEntity, row: Readonly<Record<string, unknown>>): SearchHit {
  const name =
    entity === 'contact'
      ? [text(row['NAME']), text(row['LAST_NAME'])].filter((s) => s !== '').join(' ')
      : entity === 'product'
        ? text(row['NAME'])
        : text(row['TITLE']);
  const email = firstEmail(row['EMAIL']);
  return { b24Entity: entity, b24Id: text(row['ID']), label: email ? `${name} <${email}>` : name };
}

/** A Bitrix24 record as read for matching: identity plus the values people recognise. */
export interface ExistingRecord {
  readonly id: string;
  readonly originatorId: string;
  readonly originId: string;
  readonly xmlId: string;
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
}

export interface MatchKeys {
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly name?: string;
}

export type MatchOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'unique'; readonly id: string; readonly by: string }
  | { readonly kind: 'ambiguous'; readonly ids: readonly string[] };

/** The XML_ID the connector gives products (productXmlId in sync-core: `QB_{ListID}`). */
const QB_XML_ID = /^QB_/;

export const normEmail = (v: string): string => v.trim().toLowerCase();
export const normPhone = (v: string): string => v.replace(/\D+/g, '').replace(/^00/, '');
export const normName = (v: string): string => v.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Index of the records already in Bitrix24 before the first import, so existing contacts are linked
 * (by e-mail, phone or exact name) instead of duplicated. Pure.
 */
export class ExistingIndex {
  private readonly byOrigin = new Map<string, string>();
  private readonly byXmlId = new Map<string, string>();
  private readonly byEmail = new Map<string, Set<string>>();
  private readonly byPhone = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly records = new Map<string, ExistingRecord>();
  private readonly claimed = new Set<string>();

  constructor(records: readonly ExistingRecord[], originatorId: string) {
    for (const r of records) {
      this.records.set(r.id, r);
      if (r.originId !== '' && r.originatorId === originatorId) this.byOrigin.set(r.originId, r.id);
      if (r.xmlId !== '') this.byXmlId.set(r.xmlId, r.id);
      for (const e of r.emails) add(this.byEmail, normEmail(e), r.id);
      for (const p of r.phones) if (normPhone(p).length >= 5) add(this.byPhone, normPhone(p), r.id);
      if (r.name.trim() !== '') add(this.byName, normName(r.name), r.id);
    }
  }

  get size(): number {
    return this.records.size;
  }

  byIdentity(originId: string | undefined, xmlId: string | undefined): string | undefined {
    if (xmlId !== undefined) return this.byXmlId.get(xmlId);
    return originId !== undefined ? this.byOrigin.get(originId) : undefined;
  }

  /**
   * Records that carry another system's identity (any ORIGIN_ID; a product's XML_ID `QB_…`, which is another
   * QuickBooks item's), or were matched already this run, are not candidates. Other XML_IDs do not exclude a
   * product: Bitrix24 and catalog imports fill that field with their own codes.
   */
  match(keys: MatchKeys): MatchOutcome {
    const found = new Map<string, string>();
    const collect = (ids: Set<string> | undefined, by: string): void => {
      for (const id of ids ?? []) {
        const rec = this.records.get(id);
        if (!rec || rec.originId !== '' || QB_XML_ID.test(rec.xmlId) || this.claimed.has(id)) continue;
        if (!found.has(id)) found.set(id, by);
      }
    };
    for (const e of keys.emails) collect(this.byEmail.get(normEmail(e)), 'email');
    for (const p of keys.phones) if (normPhone(p).length >= 5) collect(this.byPhone.get(normPhone(p)), 'phone');
    if (found.size === 0 && keys.name) collect(this.byName.get(normName(keys.name)), 'name');
    if (found.size === 0) return { kind: 'none' };
    if (found.size > 1) return { kind: 'ambiguous', ids: [...found.keys()] };
    const [id, by] = [...found.entries()][0] ?? ['', ''];
    this.claimed.add(id);
    return { kind: 'unique', id, by };
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  if (key === '') return;
  const set = map.get(key) ?? new Set<string>();
  set.add(id);
  map.set(key, set);
}

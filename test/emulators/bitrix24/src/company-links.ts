/** Contact↔company links (§5.2): their SORT order, the single IS_PRIMARY company, and how contact/company writes and deletes change them. */
import type { EntityName } from './entity-fields.js';
import { asList, asPositiveInt, isRecord } from './params.js';
import type { CompanyLink } from './store-types.js';

export class CompanyLinks {
  private links: CompanyLink[] = [];

  /** `exists` tells whether a contact or company record is in the store. */
  constructor(private readonly exists: (entity: EntityName, id: number) => boolean) {}

  /** A deleted contact loses all its links. */
  removeContact(contactId: number): void {
    this.setLinks(this.links.filter((l) => l.contactId !== contactId));
  }

  /** A deleted company leaves its contacts, each of which may need a new primary company. */
  removeCompany(companyId: number): void {
    const touched = new Set(this.links.filter((l) => l.companyId === companyId).map((l) => l.contactId));
    this.setLinks(this.links.filter((l) => l.companyId !== companyId));
    for (const c of touched) this.fixPrimary(c);
  }

  /** COMPANY_IDS / COMPANY_ID written on a contact. */
  applyContactFields(contactId: number, fields: Record<string, unknown>): void {
    const hasIds = 'COMPANY_IDS' in fields;
    const hasPrimary = 'COMPANY_ID' in fields;
    if (!hasIds && !hasPrimary) return;
    const primary = hasPrimary ? asPositiveInt(fields['COMPANY_ID']) : undefined;
    let mine = this.links.filter((l) => l.contactId === contactId);
    if (hasIds) {
      const ids = (asList(fields['COMPANY_IDS']) ?? []).map(asPositiveInt).filter((n): n is number => n !== undefined);
      mine = ids.map((companyId, i) => ({ contactId, companyId, sort: (i + 1) * 10, isPrimary: false }));
    }
    if (hasPrimary) {
      if (primary === undefined) mine = mine.filter((l) => !l.isPrimary);
      else if (!mine.some((l) => l.companyId === primary)) mine.unshift({ contactId, companyId: primary, sort: 10, isPrimary: false });
      for (const l of mine) l.isPrimary = l.companyId === primary;
    }
    mine = mine.filter((l) => this.exists('company', l.companyId));
    this.setLinks([...this.links.filter((l) => l.contactId !== contactId), ...mine]);
    this.fixPrimary(contactId);
  }

  /** CONTACT_ID written on a company: replaces the company's contacts. */
  applyCompanyContacts(companyId: number, raw: unknown): void {
    const ids = (asList(raw) ?? [raw]).map(asPositiveInt).filter((n): n is number => n !== undefined);
    const kept = this.links.filter((l) => l.companyId !== companyId);
    const added = ids
      .filter((c) => this.exists('contact', c))
      .map((contactId) => ({
        contactId,
        companyId,
        sort: 10 * (kept.filter((l) => l.contactId === contactId).length + 1),
        isPrimary: false,
      }));
    this.setLinks([...kept, ...added]);
    for (const c of ids) this.fixPrimary(c);
  }

  /** Replaces a contact's whole set from `crm.contact.company.items.set` items; at most one stays primary. */
  replaceForContact(contactId: number, list: readonly unknown[]): void {
    const mine: CompanyLink[] = [];
    list.forEach((it, i) => {
      if (!isRecord(it)) return;
      const companyId = asPositiveInt(it['COMPANY_ID']);
      if (companyId === undefined || !this.exists('company', companyId)) return;
      const sort = asPositiveInt(it['SORT']) ?? (i + 1) * 10;
      mine.push({ contactId, companyId, sort, isPrimary: String(it['IS_PRIMARY'] ?? 'N').toUpperCase() === 'Y' });
    });
    let seenPrimary = false;
    for (const l of mine) {
      if (l.isPrimary && seenPrimary) l.isPrimary = false;
      if (l.isPrimary) seenPrimary = true;
    }
    this.setLinks([...this.links.filter((l) => l.contactId !== contactId), ...mine]);
    this.fixPrimary(contactId);
  }

  /** A contact's links as `crm.contact.company.items.get` rows, by SORT. */
  itemsOf(contactId: number): Record<string, unknown>[] {
    return this.links
      .filter((l) => l.contactId === contactId)
      .sort((a, b) => a.sort - b.sort)
      .map((l) => ({ COMPANY_ID: l.companyId, SORT: l.sort, ROLE_ID: 0, IS_PRIMARY: l.isPrimary ? 'Y' : 'N' }));
  }

  /** The contact's primary company, if it has any company. */
  primaryCompanyOf(contactId: number): number | undefined {
    const primary = this.links.find((l) => l.contactId === contactId && l.isPrimary);
    return primary?.companyId;
  }

  /** If no IS_PRIMARY=Y remains, the first (by SORT) company becomes primary (§5.2). */
  private fixPrimary(contactId: number): void {
    const mine = this.links.filter((l) => l.contactId === contactId).sort((a, b) => a.sort - b.sort);
    if (mine.length > 0 && !mine.some((l) => l.isPrimary)) {
      const first = mine[0];
      if (first) first.isPrimary = true;
    }
  }

  private setLinks(next: CompanyLink[]): void {
    this.links = next;
  }
}

import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { Tally } from './support-load-stats.js';
import { digits, type SmallCompany } from './support-small-company.js';

export interface PortalCheck {
  /** Portals holding exactly their company's customers: none foreign, none missing, no duplicate. */
  exactPortals: number;
  phonesOk: number;
  phonesExpected: number;
  dealsOk: number;
  readonly problems: Tally;
}

/** Checks each company's portal against its QuickBooks company and the latest phone the bench gave each customer. */
export function checkPortals(
  tenants: readonly { readonly id: string; readonly portal: Bitrix24Portal; readonly company: SmallCompany; readonly phones: ReadonlyMap<number, string> }[],
  invoices: number,
): PortalCheck {
  const r: PortalCheck = { exactPortals: 0, phonesOk: 0, phonesExpected: 0, dealsOk: 0, problems: new Tally() };
  for (const t of tenants) {
    const contacts = t.portal.list('contact');
    const names = contacts.map((c) => `${String(c['NAME'] ?? '')} ${String(c['LAST_NAME'] ?? '')}`);
    const foreign = names.filter((n) => !t.company.contactNames.has(n));
    if (foreign.length === 0 && names.length === t.company.contactNames.size && new Set(names).size === names.length) r.exactPortals += 1;
    else r.problems.add(`${t.id}: ${names.length} contacts, ${foreign.length} not its own (e.g. ${foreign[0] ?? '-'})`);
    for (const [c, phone] of t.phones) {
      r.phonesExpected += 1;
      const name = `Pat${String(c + 1).padStart(2, '0')} ${t.id.toUpperCase()} Load`;
      const contact = contacts.find((x) => `${String(x['NAME'] ?? '')} ${String(x['LAST_NAME'] ?? '')}` === name);
      const phoneField: unknown = contact?.['PHONE'];
      const values: readonly unknown[] = Array.isArray(phoneField) ? phoneField : [];
      if (values.some((v) => typeof v === 'object' && v !== null && 'VALUE' in v && digits(String(v.VALUE)) === digits(phone))) r.phonesOk += 1;
    }
    if (t.portal.list('deal').length === invoices) r.dealsOk += 1;
    else r.problems.add(`${t.id}: ${t.portal.list('deal').length} deals for ${invoices} invoices`);
  }
  return r;
}

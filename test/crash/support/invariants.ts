import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { LIST_KINDS, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';

type Rec = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A contact created "by a person" in Bitrix24 during the run, with the values it must have in QuickBooks. */
export interface B24Origin {
  readonly b24ContactId: number;
  readonly first: string;
  readonly last: string;
  readonly email: string;
  city?: string;
  /** Set in QuickBooks while the city changed in Bitrix24: both sides must end with both values. */
  phone?: string;
}

function group(records: readonly Rec[], key: string): Map<string, Rec[]> {
  const out = new Map<string, Rec[]>();
  for (const r of records) {
    const k = s(r[key]);
    if (k === '') continue;
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

function emails(rec: Rec | undefined): string[] {
  const list = rec?.['EMAIL'];
  return Array.isArray(list) ? list.map((e: unknown) => (typeof e === 'object' && e !== null && 'VALUE' in e ? s(e.VALUE) : '')) : [];
}

function phonesOf(rec: Rec | undefined): string[] {
  const list = rec?.['PHONE'];
  return Array.isArray(list) ? list.map((e: unknown) => (typeof e === 'object' && e !== null && 'VALUE' in e ? s(e.VALUE) : '')) : [];
}

/**
 * Everything the crash suite promises after a run settles, as a list of human-readable problems (empty = fine):
 * every QuickBooks record exactly once in Bitrix24 (ORIGIN_ID, product XML_ID) with equal fields, no ORIGIN_ID
 * twice, and every Bitrix24-created contact exactly once in QuickBooks (and still once in Bitrix24) with equal fields.
 */
export function findSyncProblems(qb: QuickBooksCompany, portal: Bitrix24Portal, b24Origins: readonly B24Origin[]): string[] {
  const problems: string[] = [];
  const companies = group(portal.list('company'), 'ORIGIN_ID');
  const contacts = group(portal.list('contact'), 'ORIGIN_ID');
  const deals = group(portal.list('deal'), 'ORIGIN_ID');
  const products = group(portal.list('product'), 'XML_ID');
  for (const [entity, groups] of [
    ['company', companies],
    ['contact', contacts],
    ['deal', deals],
    ['product', products],
  ] as const) {
    for (const [key, recs] of groups)
      if (recs.length > 1)
        problems.push(`duplicate: ${recs.length} Bitrix24 ${entity} records with origin ${key} (ids ${recs.map((r) => s(r['ID'])).join(', ')})`);
  }

  for (const listId of qb.ids('Customer')) {
    const c = qb.getRet(listId) as Rec;
    if (s(c['Sublevel']) !== '' && s(c['Sublevel']) !== '0') continue;
    if (s(c['IsActive']) === 'false') continue;
    const companyName = s(c['CompanyName']);
    const name = s(c['Name']);
    if (companyName) {
      const cos = companies.get(listId) ?? [];
      if (cos.length !== 1) problems.push(`customer ${listId} (${name}): ${cos.length} Bitrix24 companies, expected 1`);
      else if (s(cos[0]?.['TITLE']) !== companyName)
        problems.push(`customer ${listId}: company TITLE ${JSON.stringify(cos[0]?.['TITLE'])} ≠ ${JSON.stringify(companyName)}`);
      continue;
    }
    const person = contacts.get(listId) ?? [];
    // A customer that came from Bitrix24 may be linked to its original contact without an ORIGIN_ID.
    const linkedOrigin = person.length === 0 && b24Origins.some((o) => `${o.first} ${o.last}` === name || name.includes(`(B24 ${o.b24ContactId})`));
    if (linkedOrigin) continue;
    if (person.length !== 1) {
      problems.push(`customer ${listId} (${name}): ${person.length} Bitrix24 contacts, expected 1`);
      continue;
    }
    const p = person[0];
    if (s(c['LastName']) && s(p?.['LAST_NAME']) !== s(c['LastName']))
      problems.push(`customer ${listId}: LAST_NAME ${s(p?.['LAST_NAME'])} ≠ ${s(c['LastName'])}`);
    if (s(c['FirstName']) && s(p?.['NAME']) !== s(c['FirstName'])) problems.push(`customer ${listId}: NAME ${s(p?.['NAME'])} ≠ ${s(c['FirstName'])}`);
    const email = s(c['Email']).split(/[;,]/)[0]?.trim() ?? '';
    if (email && !emails(p).includes(email)) problems.push(`customer ${listId}: e-mail ${email} missing in Bitrix24 (${emails(p).join(', ')})`);
  }
  for (const listId of qb.ids('Vendor')) {
    const n = (contacts.get(listId) ?? []).length;
    if (n !== 1) problems.push(`vendor ${listId}: ${n} Bitrix24 contacts, expected 1`);
  }
  for (const listId of LIST_KINDS.filter((k) => k.startsWith('Item')).flatMap((k) => qb.ids(k))) {
    const item = qb.getRet(listId) as Rec;
    const p = products.get(`QB_${listId}`) ?? [];
    if (p.length !== 1) problems.push(`item ${listId} (${s(item['Name'])}): ${p.length} Bitrix24 products, expected 1`);
    else if (s(p[0]?.['NAME']) !== s(item['Name'])) problems.push(`item ${listId}: product NAME ${s(p[0]?.['NAME'])} ≠ ${s(item['Name'])}`);
  }
  for (const txnId of [...qb.ids('Invoice'), ...qb.ids('Estimate')]) {
    const t = qb.getRet(txnId) as Rec;
    const d = deals.get(txnId) ?? [];
    if (d.length !== 1) {
      problems.push(`transaction ${txnId} (${s(t['RefNumber'])}): ${d.length} Bitrix24 deals, expected 1`);
      continue;
    }
    const amount = s(t['Subtotal']);
    if (amount && Math.abs(Number(s(d[0]?.['OPPORTUNITY'])) - Number(amount)) > 0.005) {
      problems.push(`transaction ${txnId}: OPPORTUNITY ${s(d[0]?.['OPPORTUNITY'])} ≠ Subtotal ${amount}`);
    }
  }

  const customers = qb.ids('Customer').map((id) => qb.getRet(id) as Rec);
  for (const o of b24Origins) {
    const full = `${o.first} ${o.last}`;
    const inQb = customers.filter((c) => s(c['Name']) === full || s(c['Name']).includes(`(B24 ${o.b24ContactId})`));
    if (inQb.length !== 1) {
      problems.push(
        `Bitrix24 contact ${o.b24ContactId} (${full}): ${inQb.length} QuickBooks customers, expected 1 (${inQb.map((c) => s(c['ListID'])).join(', ')})`,
      );
      continue;
    }
    const c = inQb[0] ?? {};
    if (s(c['FirstName']) !== o.first || s(c['LastName']) !== o.last)
      problems.push(`Bitrix24 contact ${o.b24ContactId}: QuickBooks name ${s(c['FirstName'])} ${s(c['LastName'])} ≠ ${full}`);
    if (s(c['Email']) !== o.email) problems.push(`Bitrix24 contact ${o.b24ContactId}: QuickBooks Email ${JSON.stringify(c['Email'])} ≠ ${o.email}`);
    const bill = c['BillAddress'];
    const city = typeof bill === 'object' && bill !== null && 'City' in bill ? s(bill.City) : '';
    if (o.city !== undefined && city !== o.city) problems.push(`Bitrix24 contact ${o.b24ContactId}: QuickBooks City ${JSON.stringify(city)} ≠ ${o.city}`);
    if (o.phone !== undefined) {
      if (s(c['Phone']) !== o.phone) problems.push(`Bitrix24 contact ${o.b24ContactId}: QuickBooks Phone ${JSON.stringify(c['Phone'])} ≠ ${o.phone}`);
      const phones = phonesOf(portal.get('contact', o.b24ContactId));
      if (!phones.includes(o.phone)) problems.push(`Bitrix24 contact ${o.b24ContactId}: phone ${o.phone} missing in Bitrix24 (${phones.join(', ')})`);
    }
    const twins = portal.list('contact').filter((r) => s(r['NAME']) === o.first && s(r['LAST_NAME']) === o.last);
    if (twins.length !== 1)
      problems.push(
        `Bitrix24 contact ${o.b24ContactId} (${full}): ${twins.length} contacts with that name in Bitrix24, expected 1 (ids ${twins.map((r) => s(r['ID'])).join(', ')})`,
      );
  }
  return problems;
}

/** Writes a session caused on either side: Bitrix24 write calls and QuickBooks Add/Mod/Del requests. */
export function writeCounts(qb: QuickBooksCompany, portal: Bitrix24Portal): { b24: number; qb: number } {
  const b24 = portal.calls.filter((c) => c.method === 'batch' || /\.(add|update|delete|set)$/.test(c.method)).length;
  const qbWrites = qb.requestLog.flatMap((e) => e.answers).filter((a) => /(Add|Mod|Del)Rq$/.test(a.rq)).length;
  return { b24, qb: qbWrites };
}

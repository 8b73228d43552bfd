import { customerProjection, fingerprint, type CustomerDesired, type CustomerRecordKind } from '@qb-b24/sync-core';

const BASE_TEXT_FIELDS = ['name', 'companyName', 'firstName', 'lastName', 'email', 'phone', 'altPhone', 'fax'] as const;
const BASE_ADDRESS_FIELDS = ['Addr1', 'Addr2', 'City', 'State', 'PostalCode', 'Country'] as const;

/** The customer values last agreed between the systems (IdMapping.baseJson), read defensively; undefined when unknown. Pure. */
export function agreedCustomer(baseJson: string | null): CustomerDesired | undefined {
  if (!baseJson) return undefined;
  const raw: unknown = JSON.parse(baseJson);
  if (typeof raw !== 'object' || raw === null) return undefined;
  const o: Record<string, unknown> = { ...raw };
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const out: Record<string, unknown> = {};
  for (const f of BASE_TEXT_FIELDS) if (text(o[f]) !== undefined) out[f] = o[f];
  const a: unknown = o['billAddress'];
  if (typeof a === 'object' && a !== null) {
    const addr: Record<string, unknown> = { ...a };
    const lines = Object.fromEntries(BASE_ADDRESS_FIELDS.flatMap((k) => (text(addr[k]) !== undefined ? [[k, addr[k]]] : [])));
    if (Object.keys(lines).length > 0) out['billAddress'] = lines;
  }
  return { ...out, name: text(o['name']) ?? '' };
}

/** Which Bitrix24 record a customer came from; a company's name fields follow other rules than a person's. Pure. */
export function recordKind(b24Entity: string): CustomerRecordKind {
  return b24Entity === 'company' ? 'company' : 'contact';
}

/** A customer as Bitrix24 shows it: everything but the QuickBooks Name, which no Bitrix24 field holds. Pure. */
export function b24View(d: CustomerDesired): string {
  return fingerprint(customerProjection({ ...d, name: '' }));
}

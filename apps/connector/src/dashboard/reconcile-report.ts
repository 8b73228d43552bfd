import type { MappedRecord } from '../mapping/id-mapping.type.js';

/** What one scan of a Bitrix24 entity found (ids only, plus the money total of the records we made). */
export interface B24Scan {
  readonly b24Entity: string;
  readonly ids: ReadonlySet<string>;
  /** Records carrying our identity: ORIGINATOR_ID QUICKBOOKS, or a product XML_ID `QB_…`. */
  readonly fromQuickBooks: number;
  /** Σ OPPORTUNITY in cents over our deals; null for entities without an amount. */
  readonly amountCents: number | null;
}

export interface ReconcileEntity {
  readonly b24Entity: string;
  /** Links per QuickBooks entity (customer, job, vendor…) that point at this Bitrix24 entity. */
  readonly linkedBy: Readonly<Record<string, number>>;
  /** Distinct Bitrix24 records we link to (a job shares its parent's record, so links ≥ linked). */
  readonly linked: number;
  readonly b24Total: number;
  readonly b24FromQuickBooks: number;
  /** Distinct linked Bitrix24 records that no longer exist there. */
  readonly missingInB24: number;
  /** Bitrix24 amount total as a decimal string (e.g. "2509.50"), or null. */
  readonly b24AmountTotal: string | null;
}

export interface ReconcileReport {
  readonly at: string;
  readonly entities: readonly ReconcileEntity[];
  readonly missing: readonly (MappedRecord & { readonly b24Entity: string })[];
}

/** Decimal money text ("2509.5", "-3.10") → integer cents; refuses anything else. Pure. */
export function moneyToCents(text: string): number {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not an amount: ${JSON.stringify(text)}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export function centsToMoney(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Compares our links with what a Bitrix24 scan found. Pure. */
export function buildReconcileReport(at: Date, mapped: ReadonlyMap<string, readonly MappedRecord[]>, scans: readonly B24Scan[]): ReconcileReport {
  const missing: (MappedRecord & { b24Entity: string })[] = [];
  const entities = scans.map((scan): ReconcileEntity => {
    const links = mapped.get(scan.b24Entity) ?? [];
    const linkedBy: Record<string, number> = {};
    const linkedIds = new Set<string>();
    const goneIds = new Set<string>();
    for (const link of links) {
      linkedBy[link.qbEntity] = (linkedBy[link.qbEntity] ?? 0) + 1;
      linkedIds.add(link.b24Id);
      if (!scan.ids.has(link.b24Id)) {
        goneIds.add(link.b24Id);
        missing.push({ ...link, b24Entity: scan.b24Entity });
      }
    }
    return {
      b24Entity: scan.b24Entity,
      linkedBy,
      linked: linkedIds.size,
      b24Total: scan.ids.size,
      b24FromQuickBooks: scan.fromQuickBooks,
      missingInB24: goneIds.size,
      b24AmountTotal: scan.amountCents === null ? null : centsToMoney(scan.amountCents),
    };
  });
  return { at: at.toISOString(), entities, missing };
}

import type { ListRecord } from './company-data.type.js';

/**
 * List records grouped by their own Name, lower-cased: the only records a name check (3100) has to look at.
 * Scanning every record instead made each add O(n), so generating a 100k-record company took minutes.
 */
export class ListNameBuckets {
  private readonly byName = new Map<string, ListRecord[]>();

  static of(records: Iterable<ListRecord>): ListNameBuckets {
    const buckets = new ListNameBuckets();
    for (const r of records) buckets.add(r);
    return buckets;
  }

  add(rec: ListRecord): void {
    const key = nameKey(rec);
    const bucket = this.byName.get(key);
    if (bucket) bucket.push(rec);
    else this.byName.set(key, [rec]);
  }

  /** The records whose Name equals `lowerName` case-insensitively (none: an empty list). */
  named(lowerName: string): readonly ListRecord[] {
    return this.byName.get(lowerName) ?? [];
  }
}

function nameKey(rec: ListRecord): string {
  const name = rec.fields['Name'];
  return (typeof name === 'string' ? name : '').toLowerCase();
}

/**
 * Rows written together once per turn of the event loop instead of one commit each: added rows are kept in memory
 * and written by one `write` call from a setImmediate callback, which runs before the next network read, so no
 * request that arrives after an add can miss its row. Readers call flush() first, so they see every row added
 * before them. A failed write is reported to `failed` and its rows are dropped (they are for people to read).
 */
export class DeferredRows<Row> {
  private rows = new Map<string, Row>();
  private scheduled = false;

  constructor(
    private readonly write: (rows: readonly Row[]) => Promise<unknown>,
    private readonly failed: (err: unknown, lost: number) => void,
  ) {}

  add(key: string, row: Row): void {
    this.rows.set(key, row);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Writes every row added so far (nothing when none waits). */
  async flush(): Promise<void> {
    if (this.rows.size === 0) return;
    const batch = [...this.rows.values()];
    this.rows = new Map();
    try {
      await this.write(batch);
    } catch (err) {
      this.failed(err, batch.length);
    }
  }
}

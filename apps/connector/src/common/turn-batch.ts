interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Group commit: the items added during one turn of the event loop are written by one `writeAll` call from a
 * setImmediate callback, and each caller gets its own result once that write is done (so an answer that waits for
 * its row still waits for it to be on disk). If the batch fails as a whole, each item is written alone by `writeOne`,
 * so a bad item fails its own caller only. Items added while a batch is written go to the next one.
 *
 * Why: on SQLite every synced commit holds the event loop, and the Web Connector calls waiting on it, for as long as
 * the disk takes (0.2 ms at the median on this machine, up to 12 ms; a Windows disk may take longer). Measured
 * 2026-12-07 (issue 14): after a first import the portal delivered its events as a flood, 37 in one burst held the
 * loop 63 ms (half of it in SQLite, CPU profile), and the 50 Web Connector runs beside them had a p99 of 100–141 ms;
 * with one commit per turn, 17–34 ms. One commit per turn costs about what one for a single row does.
 */
export class TurnBatch<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];

  constructor(
    private readonly writeAll: (items: readonly Item[]) => Promise<readonly Result[]>,
    private readonly writeOne: (item: Item) => Promise<Result>,
  ) {}

  add(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    let results: readonly Result[];
    try {
      results = await this.writeAll(batch.map((w) => w.item));
    } catch {
      // Nothing of the batch was written (one transaction): each item alone, so only a bad one fails.
      for (const w of batch) await this.writeOne(w.item).then(w.resolve, w.reject);
      return;
    }
    batch.forEach((w, i) => {
      const result = results[i];
      if (result === undefined) w.reject(new Error(`the batch write returned ${results.length} results for ${batch.length} items`));
      else w.resolve(result);
    });
  }
}

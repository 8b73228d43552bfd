/**
 * What a read of the Web Connector sessions may skip on SQLite, where one process owns the database and every write
 * to `qbwc_session` goes through QbwcSessionRepository (which drops these on each write). With 50 Web Connectors at
 * once, each authenticate read the open sessions and each closeConnection read its run back: 20 µs each on the
 * event loop the 50 wait on (issue 14).
 */

/** A value kept until the end of this turn of the event loop, or until dropped. */
export class ThisTurn<T> {
  private value: T | undefined;
  private scheduled = false;

  get(): T | undefined {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.value = undefined;
    });
  }

  drop(): void {
    this.value = undefined;
  }
}

/** The most recent `capacity` entries, oldest forgotten first. */
export class RecentEntries<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

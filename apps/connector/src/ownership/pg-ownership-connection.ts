import { Logger } from '@nestjs/common';
import pg from 'pg';
import { BOOT_LOCK_NAMESPACE, bootLockKey, type LockKey } from './ownership-lock-key.js';
import type { RoundsDatabase } from './ownership-rounds.js';
import { applicationName, THIS_PROCESS } from './process-identity.js';

/** The channel a process that cannot do a company's background work uses to wake the owner (payload: the lock key). */
export const NUDGE_CHANNEL = 'qbb24_nudge';
/** A health check of the connection that takes longer than this counts as a lost connection. */
const PING_TIMEOUT_MS = 5_000;

type Listener = (key: LockKey) => void;

const keyText = (k: LockKey): string => `${k.namespace}:${k.key}`;

const LIVE_BOOTS = `SELECT COUNT(*) AS n FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = $1::oid
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/**
 * One dedicated PostgreSQL connection per process and database, held open for the process's life: the advisory
 * locks that make this process the owner of companies' background work are session locks on it, so they are
 * released by the server the moment the process dies or the connection breaks. It also holds this boot's own
 * lock (other processes read it to tell a live boot from a dead one) and listens for nudges. Never from the pool:
 * a pooled connection would hand the locks to whatever query borrows it next.
 */
export class PgOwnershipConnection implements RoundsDatabase {
  private static readonly byUrl = new Map<string, PgOwnershipConnection>();
  private readonly logger = new Logger('Ownership');
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<string>();
  private readonly lostListeners = new Set<() => void>();
  private readonly nudgeListeners = new Set<Listener>();
  private users = 0;

  private constructor(private readonly url: string) {}

  /** The process's connection to this database (companies in one database share it, whatever their schema). */
  static for(url: string): PgOwnershipConnection {
    let c = PgOwnershipConnection.byUrl.get(url);
    if (!c) {
      c = new PgOwnershipConnection(url);
      PgOwnershipConnection.byUrl.set(url, c);
    }
    c.users += 1;
    return c;
  }

  onLost(fn: () => void): () => void {
    this.lostListeners.add(fn);
    return () => this.lostListeners.delete(fn);
  }

  onNudge(fn: Listener): () => void {
    this.nudgeListeners.add(fn);
    return () => this.nudgeListeners.delete(fn);
  }

  holds(key: LockKey): boolean {
    return this.client !== null && this.held.has(keyText(key));
  }

  /** Takes the lock unless another session holds it; connects (again) first when needed. */
  async tryLock(key: LockKey): Promise<boolean> {
    const client = await this.connect();
    if (this.held.has(keyText(key))) return true;
    const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [key.namespace, key.key]);
    const ok = res.rows[0]?.ok === true;
    if (ok) this.held.add(keyText(key));
    return ok;
  }

  async unlock(key: LockKey): Promise<void> {
    const client = this.client;
    if (!client || !this.held.delete(keyText(key))) return;
    await client.query('SELECT pg_advisory_unlock($1, $2)', [key.namespace, key.key]);
  }

  /** True when the connection answers within PING_TIMEOUT_MS; a silent or broken one is dropped (its locks are gone). */
  async ping(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      timer.unref();
    });
    const answered = client.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const ok = await Promise.race([answered, timeout]);
    clearTimeout(timer);
    if (!ok) this.dropped(client, 'no answer to a health check');
    return ok;
  }

  /** Live process boots on this database: each holds its boot lock for as long as its connection lives. */
  async liveProcesses(): Promise<number> {
    const client = await this.connect();
    const res = await client.query<{ n: string | number }>(LIVE_BOOTS, [BOOT_LOCK_NAMESPACE]);
    return Number(res.rows[0]?.n ?? 1);
  }

  /** Wakes the owner of `key`, whichever process it is (PostgreSQL NOTIFY reaches every listening connection). */
  async nudge(key: LockKey): Promise<void> {
    const client = await this.connect();
    await client.query('SELECT pg_notify($1, $2)', [NUDGE_CHANNEL, keyText(key)]);
  }

  /** Called once per user at shutdown; the last one closes the connection, which releases every lock at once. */
  async release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0) return;
    PgOwnershipConnection.byUrl.delete(this.url);
    const client = this.client;
    this.client = null;
    this.held.clear();
    if (client) await client.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    // keepAlive lets the kernel notice a peer that vanished without closing the socket (a machine lost).
    const client = new pg.Client({ connectionString: this.url, application_name: applicationName(THIS_PROCESS), keepAlive: true });
    client.on('error', (err) => this.dropped(client, err.message));
    client.on('end', () => this.dropped(client, 'connection closed'));
    client.on('notification', (msg) => {
      if (msg.channel !== NUDGE_CHANNEL || !msg.payload) return;
      const [namespace, key] = msg.payload.split(':').map(Number);
      if (namespace === undefined || key === undefined || Number.isNaN(namespace) || Number.isNaN(key)) return;
      for (const fn of this.nudgeListeners) fn({ namespace, key });
    });
    await client.connect();
    const boot = bootLockKey(THIS_PROCESS.bootId);
    // This boot's liveness: held for as long as this connection lives, read by other processes' takeover rule.
    await client.query('SELECT pg_advisory_lock($1, $2)', [boot.namespace, boot.key]);
    await client.query(`LISTEN ${NUDGE_CHANNEL}`);
    this.client = client;
    this.logger.log({ event: 'ownership.connected', pid: THIS_PROCESS.pid, host: THIS_PROCESS.host, bootId: THIS_PROCESS.bootId });
    return client;
  }

  private dropped(client: pg.Client, reason: string): void {
    if (this.client !== client) return;
    this.client = null;
    const had = this.held.size;
    this.held.clear();
    client.end().catch(() => undefined);
    this.logger.warn({
      event: 'ownership.connection_lost',
      reason,
      locksLost: had,
      action: 'background work stops in this process; it reconnects and competes for its companies again at the next retry',
    });
    for (const fn of this.lostListeners) fn();
  }
}

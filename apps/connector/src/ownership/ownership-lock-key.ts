import { createHash } from 'node:crypto';

/**
 * An advisory lock key in PostgreSQL's two-int4 form. pg_locks shows it as classid = namespace, objid = key,
 * objsubid = 2, which is how /status and the takeover rule find a lock's holder.
 */
export interface LockKey {
  readonly namespace: number;
  readonly key: number;
}

/** Locks naming a company's background work ("who owns company X"). */
export const COMPANY_LOCK_NAMESPACE = 0x51_42_42_01;
/** Locks naming a live process boot ("is boot Y still running"): held by each process for its whole life. */
export const BOOT_LOCK_NAMESPACE = 0x51_42_42_02;

/**
 * The lock key of a text in a namespace: the first 31 bits of its SHA-256 (non-negative, so the int4 and the
 * oid pg_locks shows are the same number). Pure. Two companies colliding would only mean one process owns both.
 */
export function lockKey(namespace: number, text: string): LockKey {
  const digest = createHash('sha256').update(text, 'utf8').digest();
  return { namespace, key: digest.readUInt32BE(0) & 0x7f_ff_ff_ff };
}

/** The lock that makes a process the owner of one company's background work (its schema names it in a shared database). */
export function companyLockKey(companyId: string, schema: string | undefined): LockKey {
  return lockKey(COMPANY_LOCK_NAMESPACE, `company:${schema ?? ''}:${companyId}`);
}

export function bootLockKey(bootId: string): LockKey {
  return lockKey(BOOT_LOCK_NAMESPACE, `boot:${bootId}`);
}

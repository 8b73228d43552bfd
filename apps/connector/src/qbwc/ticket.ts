import { hash, randomFillSync } from 'node:crypto';

const TICKET_BYTES = 16;
/** Random bytes for this many tickets are drawn at once (see newTicket). */
const TICKETS_PER_DRAW = 128;
const pool = Buffer.alloc(TICKET_BYTES * TICKETS_PER_DRAW);
let next = pool.length;

/**
 * A 128-bit random session ticket in GUID layout (qbwc.md §10: unguessable, ≥128 bits). The bytes come from the
 * operating system's CSPRNG in draws of 128 tickets, each byte used once and zeroed once read: one draw per ticket
 * cost a busy authenticate about as much as its database row (issue 14, 50 Web Connectors told "busy" at once). Node's
 * own crypto.randomUUID caches its random data the same way ("generates and caches enough random data to generate up
 * to 128 random UUIDs", https://nodejs.org/api/crypto.html#cryptorandomuuidoptions), but a UUID carries only 122
 * random bits.
 */
export function newTicket(): string {
  if (next + TICKET_BYTES > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const hex = pool.toString('hex', next, next + TICKET_BYTES);
  pool.fill(0, next, next + TICKET_BYTES);
  next += TICKET_BYTES;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The ticket as stored: its SHA-256, so the database never holds a usable ticket. One-shot `hash` (Node ≥ 21.7). */
export function hashTicket(ticket: string): string {
  return hash('sha256', ticket, 'hex');
}

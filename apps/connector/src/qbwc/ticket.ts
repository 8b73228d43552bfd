import { createHash, randomBytes } from 'node:crypto';

/** A 128-bit random session ticket in GUID layout (qbwc.md §10: unguessable, ≥128 bits). */
export function newTicket(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket, 'utf8').digest('hex');
}

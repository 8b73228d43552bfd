import { BOOT_ID } from './boot-id.js';
import type { QbwcSessionEntity } from './qbwc-session.entity.js';
import { hashTicket } from './ticket.js';

/**
 * The row of a session authenticate just opened: only the ticket's hash and first 8 characters are kept (a leaked
 * database leaks no live ticket), and the boot that serves it. Pure apart from the process's BOOT_ID.
 */
export function newSessionRow(ticket: string, username: string, companyFile: string, now: Date): QbwcSessionEntity {
  return {
    ticketHash: hashTicket(ticket),
    ticketPrefix: ticket.slice(0, 8),
    username,
    state: 'open',
    companyFile,
    lastCall: 'authenticate',
    rounds: 0,
    progress: 0,
    lastError: null,
    lastHresult: null,
    qbxmlVersion: null,
    bootId: BOOT_ID,
    createdAt: now,
    lastSeenAt: now,
    closedAt: null,
  };
}

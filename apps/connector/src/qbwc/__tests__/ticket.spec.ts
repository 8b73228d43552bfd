import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashTicket, newTicket } from '../ticket.js';

describe('session tickets', () => {
  it('are GUID-shaped, 128 random bits, and never repeat across many draws of the random pool', () => {
    const tickets = Array.from({ length: 1_000 }, () => newTicket());
    for (const t of tickets) expect(t).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(tickets).size).toBe(tickets.length);
    // Every hex digit shows up in every position over 1,000 tickets: the bytes are not reused zeros or a counter.
    const hex = tickets.map((t) => t.replace(/-/g, ''));
    for (let pos = 0; pos < 32; pos += 1) expect(new Set(hex.map((h) => h[pos])).size).toBe(16);
  });

  it('are stored as their SHA-256', () => {
    const t = newTicket();
    expect(hashTicket(t)).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
  });
});

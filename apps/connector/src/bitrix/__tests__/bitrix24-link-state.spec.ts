import { describe, expect, it } from 'vitest';
import { Bitrix24LinkState } from '../bitrix24-link-state.js';

const call = (httpStatus: number | null) => ({ event: 'b24.call' as const, portal: 'https://p/rest/1/***/', method: 'batch', attempt: 1, httpStatus });

describe('Bitrix24LinkState: what the Status column says about the portal', () => {
  it('a call without an HTTP answer marks the portal unreachable from that moment, and the first good answer clears it', () => {
    let now = new Date('2026-12-06T16:02:00Z');
    const link = new Bitrix24LinkState(() => now);
    link.note(call(null));
    now = new Date('2026-12-06T16:05:00Z');
    link.note(call(null));
    expect(link.snapshot()).toMatchObject({ trouble: 'unreachable', since: new Date('2026-12-06T16:02:00Z') });
    link.note(call(200));
    expect(link.snapshot()).toEqual({ trouble: null, since: null, lastOkAt: new Date('2026-12-06T16:05:00Z') });
  });

  it("a refused webhook (401) is named as such, and Bitrix24's rate limit (503) is no trouble", () => {
    const link = new Bitrix24LinkState(() => new Date(0));
    link.note(call(503));
    expect(link.snapshot().trouble).toBeNull();
    link.note(call(401));
    expect(link.snapshot().trouble).toBe('refused');
    link.note(call(502));
    expect(link.snapshot().trouble).toBe('errors');
  });

  it('retries and failures are not calls: only attempts with their HTTP status count', () => {
    const link = new Bitrix24LinkState(() => new Date(0));
    link.note({ event: 'b24.failed', portal: 'x', method: 'batch', attempts: 3, code: 'NETWORK', httpStatus: null, message: 'network error' });
    expect(link.snapshot().trouble).toBeNull();
  });
});

import type { StoredErrorCode } from '@qb-b24/sync-core';
import { describe, expect, it } from 'vitest';
import { explainError } from '../explain-error.js';

/** The code the queue and the session engine store for a QuickBooks statusCode (outbox-dispatcher, sync-engine). */
const qbStatus = (statusCode: number): StoredErrorCode => `QB_${statusCode}`;

describe('explainError', () => {
  it.each<[StoredErrorCode, string, string | null, RegExp]>([
    ['AMBIGUOUS_MATCH', 'qb->b24', 'customer', /Merge the duplicates/],
    ['POLL_FAILED', 'b24-poll', null, /Bitrix24 connection/],
    ['UNBUILDABLE', 'b24->qb', 'company', /fix the record, then requeue/],
    ['QB_HRESULT', 'qbwc', 'invoice', /next Web Connector update retries/],
    ['B24_RATE_LIMITED', 'qb->b24', 'customer', /the next run retries/],
  ])('%s from %s says what to do', (code, source, entity, action) => {
    const e = explainError(code, source, entity);
    expect(e.action).toMatch(action);
    expect(e.what.length).toBeGreaterThan(10);
  });

  it('a QuickBooks "name in use" (3100) dead letter, as the queue stores it, tells the operator to rename and requeue', () => {
    const e = explainError(qbStatus(3100), 'b24->qb', 'contact');
    expect(e.what).toBe('QuickBooks already has a record with the name of a contact.');
    expect(e.action).toBe('Rename one of them, then requeue the dead letter.');
  });

  it('a bad reference (3140) says to sync the referenced record first', () => {
    expect(explainError(qbStatus(3140), 'b24->qb', 'invoice').action).toMatch(/Sync or create the referenced record first/);
  });

  it('a stale EditSequence (3200) needs nothing from the operator', () => {
    expect(explainError(qbStatus(3200), 'b24->qb', 'customer').action).toMatch(/^Nothing: the next session re-reads/);
  });
});

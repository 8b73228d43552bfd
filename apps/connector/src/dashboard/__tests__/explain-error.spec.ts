import { describe, expect, it } from 'vitest';
import { explainError } from '../explain-error.js';

describe('explainError', () => {
  it.each([
    ['AMBIGUOUS_MATCH', 'qb->b24', 'customer', /Merge the duplicates/],
    ['3100', 'b24->qb', 'contact', /Rename one of them/],
    ['POLL_FAILED', 'b24-poll', null, /Bitrix24 connection/],
    ['SOMETHING_NEW', 'b24->qb', 'company', /fix the record, then requeue/],
    ['SOMETHING_NEW', 'qbwc', 'invoice', /next Web Connector update retries/],
  ])('%s from %s says what to do', (code, source, entity, action) => {
    const e = explainError(code, source, entity);
    expect(e.action).toMatch(action);
    expect(e.what.length).toBeGreaterThan(10);
  });
});

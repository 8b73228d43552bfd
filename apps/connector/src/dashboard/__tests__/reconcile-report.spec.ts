import { describe, expect, it } from 'vitest';
import { buildReconcileReport, centsToMoney, moneyToCents } from '../reconcile-report.js';

describe('money conversion', () => {
  it.each([
    ['2509.50', 250950],
    ['2509.5', 250950],
    ['0.07', 7],
    ['12', 1200],
    ['-3.10', -310],
  ])('%s is %i cents', (text, cents) => {
    expect(moneyToCents(text)).toBe(cents);
    expect(moneyToCents(centsToMoney(cents))).toBe(cents);
  });

  it.each(['', '1,5', '1.234', 'abc', '1e3'])('refuses %j', (text) => {
    expect(() => moneyToCents(text)).toThrow(RangeError);
  });

  it('adds many amounts without float drift', () => {
    const total = Array.from({ length: 1000 }, () => moneyToCents('0.10')).reduce((a, b) => a + b, 0);
    expect(centsToMoney(total)).toBe('100.00');
  });
});

describe('buildReconcileReport', () => {
  const at = new Date('2026-03-02T15:00:00Z');

  it('lists links whose Bitrix24 record is gone and counts a record shared by a customer and its job once', () => {
    const mapped = new Map([
      [
        'contact',
        [
          { qbEntity: 'customer', qbId: 'C1', b24Id: '1' },
          { qbEntity: 'job', qbId: 'J1', b24Id: '1' },
          { qbEntity: 'customer', qbId: 'C2', b24Id: '2' },
        ],
      ],
    ]);
    const report = buildReconcileReport(at, mapped, [{ b24Entity: 'contact', ids: new Set(['1', '5']), fromQuickBooks: 1, amountCents: null }]);
    expect(report.entities).toEqual([
      { b24Entity: 'contact', linkedBy: { customer: 2, job: 1 }, linked: 2, b24Total: 2, b24FromQuickBooks: 1, missingInB24: 1, b24AmountTotal: null },
    ]);
    expect(report.missing).toEqual([{ qbEntity: 'customer', qbId: 'C2', b24Id: '2', b24Entity: 'contact' }]);
    expect(report.at).toBe('2026-03-02T15:00:00.000Z');
  });

  it('reports the deal amount total as a decimal string', () => {
    const report = buildReconcileReport(at, new Map(), [{ b24Entity: 'deal', ids: new Set(), fromQuickBooks: 0, amountCents: 111712200 }]);
    expect(report.entities[0]?.b24AmountTotal).toBe('1117122.00');
  });
});

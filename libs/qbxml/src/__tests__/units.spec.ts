import { describe, expect, it } from 'vitest';
import {
  buildCustomerModRq,
  buildCustomerQueryRq,
  buildInvoiceQueryRq,
  buildItemServiceAddRq,
  centsToAmount,
  classifyHresult,
  classifyQbxmlStatus,
  formatQbDate,
  formatQbDateTime,
  HRESULT_TABLE,
  qbLocalToUtc,
  qbWallClock,
  QbxmlError,
  STATUS_ACTIONS,
  STATUS_CODE_TABLE,
  toCents,
  toLatin1,
  toQbDecimal,
} from '../index.js';

describe('money', () => {
  it.each([
    ['0', 0],
    ['0.00', 0],
    ['10', 1000],
    ['10.5', 1050],
    ['10.50', 1050],
    ['-197.02', -19702],
    ['+3.07', 307],
    ['9999999999999.99', 999999999999999],
  ])('toCents(%s) = %d and back', (s, c) => {
    expect(toCents(s)).toBe(c);
    expect(toCents(centsToAmount(c))).toBe(c);
  });
  it('centsToAmount always writes two decimals', () => {
    expect([0, 5, 1050, -5, -19702].map(centsToAmount)).toEqual(['0.00', '0.05', '10.50', '-0.05', '-197.02']);
  });
  it('rejects what is not an amount or not whole cents', () => {
    for (const bad of ['1,000.00', '1.234', 'abc', '', '1e3']) expect(() => toCents(bad)).toThrow(QbxmlError);
    expect(() => centsToAmount(10.5)).toThrow(QbxmlError);
  });
  it('toQbDecimal removes float noise and respects 5 decimals', () => {
    expect(toQbDecimal(0.1 + 0.2)).toBe('0.3');
    expect(toQbDecimal(12.5)).toBe('12.5');
    expect(toQbDecimal('100.00')).toBe('100.00');
    expect(() => toQbDecimal('1.123456')).toThrow(QbxmlError);
  });
});

describe('toLatin1', () => {
  it.each([
    ['Иванов', 'Ivanov'],
    ['Щукин Юрий', 'Shchukin Yuriy'],
    ['Café Zoë', 'Café Zoë'],
    ['Łódź', 'Lódz'],
    ['Ωmega', 'Omega'],
    ['“Smart” — quotes…', '"Smart" - quotes...'],
    ['Acme 😀 Corp', 'Acme Corp'],
    ['東京', ''],
    ['a\u0007b', 'ab'],
    ['Œuvre', 'OEuvre'],
  ])('%s → %s', (input, out) => {
    expect(toLatin1(input).value).toBe(out);
  });
  it('reports whether anything changed', () => {
    expect(toLatin1('Plain & simple').changed).toBe(false);
    expect(toLatin1('Иван').changed).toBe(true);
  });
});

describe('QuickBooks date-times (DST quirk, qbxml.md §2.4)', () => {
  const summer = new Date('2010-04-30T22:08:47Z'); // 15:08:47 PDT
  it('formats local wall-clock time without offset, and with the STANDARD offset QuickBooks prints', () => {
    expect(formatQbDateTime(summer, 'America/Los_Angeles')).toBe('2010-04-30T15:08:47');
    expect(formatQbDateTime(summer, 'America/Los_Angeles', { offset: 'standard' })).toBe('2010-04-30T15:08:47-08:00');
    expect(formatQbDateTime(new Date('2009-01-23T08:00:02Z'), 'America/New_York', { offset: 'standard' })).toBe('2009-01-23T03:00:02-05:00');
    expect(formatQbDateTime(summer, '+03:00')).toBe('2010-05-01T01:08:47');
    expect(formatQbDate(summer, 'Europe/Moscow')).toBe('2010-05-01');
  });
  it('reads the wall clock and the true instant of a recorded TimeModified', () => {
    expect(qbWallClock('2010-04-30T15:08:47-08:00')).toBe('2010-04-30T15:08:47');
    // EditSequence 1272665327 is the real instant of this modification (qbxml.md §2.4 table).
    expect(qbLocalToUtc('2010-04-30T15:08:47-08:00', 'America/Los_Angeles').getTime() / 1000).toBe(1272665327);
    expect(qbLocalToUtc('2009-01-23T03:00:02-05:00', 'America/New_York').getTime() / 1000).toBe(1232697602);
  });
  it('is right every 15 minutes through the days the clocks change, whatever was converted before', () => {
    // The wall clock straight from Intl, as the reference: the conversion keeps each day's offset (qb-date-time.util.ts).
    const wallClockOf = (at: Date, zone: string): string => {
      const f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
      const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
      return `${p['year']}-${p['month']}-${p['day']}T${p['hour']}:${p['minute']}:${p['second']}`;
    };
    const days: [string, string][] = [
      ['America/New_York', '2026-03-07T00:00:00Z'], // spring forward on 2026-03-08
      ['America/New_York', '2026-10-31T00:00:00Z'], // fall back on 2026-11-01
      ['Australia/Lord_Howe', '2026-04-04T00:00:00Z'], // a half-hour change on 2026-04-05
      ['Asia/Kolkata', '2026-03-07T00:00:00Z'], // no change, offset +05:30
    ];
    for (const [zone, from] of days) {
      // Late instants first, then early ones: a day's kept offset must not leak into the next day.
      const instants = Array.from({ length: 3 * 96 }, (_, i) => new Date(Date.parse(from) + i * 15 * 60_000)).reverse();
      for (const at of instants) {
        const wall = formatQbDateTime(at, zone);
        expect(wall, `${zone} ${at.toISOString()}`).toBe(wallClockOf(at, zone));
        // Back to the instant; in the repeated hour after a fall-back the earlier one, which prints the same wall clock.
        expect(formatQbDateTime(qbLocalToUtc(wall, zone), zone), `${zone} ${wall}`).toBe(wall);
      }
    }
    // A wall clock that never happened (2:30 on the spring-forward night) reads as it always has: 06:30Z.
    expect(qbLocalToUtc('2026-03-08T02:30:00', 'America/New_York').toISOString()).toBe('2026-03-08T06:30:00.000Z');
    // The repeated hour on 2026-11-01, and Lord Howe's repeated half hour: the earlier instant.
    expect(qbLocalToUtc('2026-11-01T01:30:00', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(qbLocalToUtc('2026-04-05T01:45:00', 'Australia/Lord_Howe').toISOString()).toBe('2026-04-04T15:15:00.000Z');
  });
  it('rejects unknown zones and malformed values', () => {
    expect(() => formatQbDateTime(summer, 'Mars/Olympus')).toThrow(QbxmlError);
    expect(() => qbWallClock('yesterday')).toThrow(QbxmlError);
  });
});

describe('status classification', () => {
  it('every table code maps to a known action with an operator message', () => {
    for (const [code, rule] of STATUS_CODE_TABLE) {
      expect(STATUS_ACTIONS, String(code)).toContain(classifyQbxmlStatus(code).action);
      expect(rule.operatorMessage.length, String(code)).toBeGreaterThan(20);
    }
    for (const code of [
      0, 1, 500, 501, 510, 530, 531, 550, 560, 570, 600, 1000, 1010, 1030, 1060, 3000, 3010, 3020, 3030, 3031, 3035, 3070, 3100, 3120, 3140, 3150, 3170, 3171,
      3175, 3176, 3180, 3200, 3210, 3231, 3250, 3260, 3261, 9001,
    ]) {
      expect(STATUS_CODE_TABLE.has(code), String(code)).toBe(true);
    }
  });
  it('key decisions', () => {
    expect(classifyQbxmlStatus(1).action).toBe('no-match');
    expect(classifyQbxmlStatus(3200).action).toBe('re-read-and-retry');
    expect(classifyQbxmlStatus(3180, 'QuickBooks error message: This list has been modified by another user.').action).toBe('retry-later');
    expect(classifyQbxmlStatus(3180, 'The credit limit for the name on this transaction has been exceeded.').action).toBe('fix-data');
    expect(classifyQbxmlStatus(777).action).toBe('ok');
    expect(classifyQbxmlStatus(3999).action).toBe('dead-letter');
  });
  it('every HRESULT in the table, in any spelling', () => {
    for (const [key, rule] of HRESULT_TABLE) {
      expect(classifyHresult(key)).toBe(rule);
      expect(classifyHresult(key.toLowerCase())).toBe(rule);
    }
    expect(classifyHresult(-2147220480).action).toBe('dead-letter'); // 0x80040400 as a signed int
    expect(classifyHresult('80040401').action).toBe('retry-later');
    expect(classifyHresult('0x80049999').action).toBe('retry-later');
  });
});

describe('builder rules', () => {
  it('emits elements in XSD order whatever the input key order', () => {
    const { xml } = buildCustomerModRq({
      kind: 'CustomerMod',
      requestID: '1',
      CustomerMod: { Phone: '1', Name: 'N', EditSequence: '2', ListID: '3', IsActive: true },
    });
    expect(xml).toContain('<CustomerMod><ListID>3</ListID><EditSequence>2</EditSequence><Name>N</Name><IsActive>true</IsActive><Phone>1</Phone></CustomerMod>');
  });
  it('converts a UTC watermark to the QuickBooks zone and never sends Z', () => {
    const { xml } = buildCustomerQueryRq({
      kind: 'CustomerQuery',
      requestID: '1',
      FromModifiedDate: { at: new Date('2024-07-01T12:00:00Z'), timeZone: 'America/Los_Angeles' },
    });
    expect(xml).toContain('<FromModifiedDate>2024-07-01T05:00:00</FromModifiedDate>');
    expect(() => buildCustomerQueryRq({ kind: 'CustomerQuery', requestID: '1', FromModifiedDate: '2024-07-01T12:00:00Z' })).toThrow(QbxmlError);
  });
  it('rejects contradictory or invalid requests with a typed error', () => {
    expect(() => buildCustomerQueryRq({ kind: 'CustomerQuery', requestID: '1', ListID: ['1'], MaxReturned: 5 })).toThrow(/ListID, FullName or filters/);
    expect(() => buildCustomerQueryRq({ kind: 'CustomerQuery', requestID: '1', MaxReturned: 0 })).toThrow(QbxmlError);
    expect(() => buildCustomerQueryRq({ kind: 'CustomerQuery', requestID: 'x'.repeat(51) })).toThrow(/requestID/);
    expect(() => buildInvoiceQueryRq({ kind: 'InvoiceQuery', requestID: '1', TxnID: ['1'], PaidStatus: 'All' })).toThrow(QbxmlError);
    expect(() =>
      buildItemServiceAddRq({ kind: 'ItemServiceAdd', requestID: '1', ItemServiceAdd: { Name: '東京', SalesOrPurchase: { AccountRef: { FullName: 'S' } } } }),
    ).toThrow(expect.objectContaining({ code: 'EMPTY_REQUIRED_FIELD' }));
  });
  it('omits optional aggregates that end up empty', () => {
    const { xml } = buildCustomerModRq({ kind: 'CustomerMod', requestID: '1', CustomerMod: { ListID: '3', EditSequence: '2', BillAddress: { Addr1: '😀' } } });
    expect(xml).not.toContain('BillAddress');
  });
});

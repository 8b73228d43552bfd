import { QbxmlError } from '../qbxml.error.js';

// AMTTYPE is [+-]?\d{1,13}(\.\d{2})? (qbxml.md §2.1). 13 integer digits = at most 10^15 cents, below
// Number.MAX_SAFE_INTEGER (~9·10^15), so a JS integer holds every QuickBooks amount exactly.
const AMOUNT = /^([+-]?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Converts a QuickBooks amount string ("1234.5", "-197.02", "10") to integer cents. Pure; throws QbxmlError on anything else. */
export function toCents(amount: string): number {
  const m = AMOUNT.exec(amount.trim());
  if (!m) throw new QbxmlError('INVALID_VALUE', `"${amount}" is not a QuickBooks amount`);
  const whole = Number(m[2] ?? '0');
  const frac = Number((m[3] ?? '').padEnd(2, '0'));
  const cents = whole * 100 + frac;
  return m[1] === '-' && cents !== 0 ? -cents : cents;
}

/** Formats integer cents as an AMTTYPE string with exactly two decimals ("-197.02"). Pure; throws QbxmlError on non-integers or out-of-range values. */
export function centsToAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || Math.abs(cents) >= 1e15) {
    throw new QbxmlError('INVALID_VALUE', `${cents} is not a whole number of cents within the QuickBooks amount range`);
  }
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${cents < 0 ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

// PRICETYPE / QUANTYPE / PERCENTTYPE: [+-]?\d{1,10}(\.\d{1,5})? (qbxml.md §2.1).
const DECIMAL5 = /^[+-]?\d{1,10}(?:\.\d{1,5})?$/;

/** Formats a price, rate, quantity or percent as a PRICETYPE-style decimal string (≤ 5 decimals). Pure; throws QbxmlError when it does not fit. */
export function toQbDecimal(value: number | string, path = ''): string {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new QbxmlError('INVALID_VALUE', `${value} is not a finite number`, path);
    // toFixed(5) rounds binary noise (0.1+0.2) away; trailing zeros are dropped for readability.
    s = value.toFixed(5).replace(/\.?0+$/, '');
    if (s === '-0') s = '0';
  } else {
    s = value.trim();
  }
  if (!DECIMAL5.test(s)) throw new QbxmlError('INVALID_VALUE', `"${String(value)}" does not fit ±10 digits with ≤ 5 decimals`, path);
  return s;
}

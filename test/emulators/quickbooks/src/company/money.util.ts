/** Money helpers: amounts are integer cents in arithmetic, never floats (STYLE §2.12). */

/** Parses an AMTTYPE/PRICETYPE string into integer cents (half-up rounding beyond 2 decimals). Pure; NaN → 0. */
export function toCents(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return 0;
  const frac = (m[3] ?? '').padEnd(3, '0');
  let cents = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  return m[1] === '-' ? -cents : cents;
}

/** Formats cents as AMTTYPE with exactly two decimals (qbxml.md §10 item 27). Pure. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const SCALE = 100_000n;

function toScaled(value: string): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return 0n;
  const v = BigInt(m[2] || '0') * SCALE + BigInt((m[3] ?? '').padEnd(5, '0').slice(0, 5));
  return m[1] === '-' ? -v : v;
}

/** Quantity × Rate rounded half-up to cents (both PRICETYPE/QUANTYPE strings with ≤5 decimals). Pure. */
export function multiplyToCents(quantity: string, rate: string): number {
  const product = toScaled(quantity) * toScaled(rate); // scale 1e10
  const divisor = 100_000_000n; // 1e10 / 100 → cents
  const neg = product < 0n;
  const abs = neg ? -product : product;
  const cents = (abs + divisor / 2n) / divisor;
  return Number(neg ? -cents : cents);
}

/** Percentage (PERCENTTYPE string) of an amount in cents, rounded half-up. Pure. */
export function percentOfCents(cents: number, percent: string): number {
  const product = BigInt(cents) * toScaled(percent); // cents × pct × 1e5
  const divisor = 100n * SCALE;
  const neg = product < 0n;
  const abs = neg ? -product : product;
  const r = (abs + divisor / 2n) / divisor;
  return Number(neg ? -r : r);
}

import { centsToAmount } from '@qb-b24/qbxml';

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string into a scaled integer (value × 10^scale), rounding half away from zero. Pure; undefined when not a decimal. */
export function toScaled(value: string, scale: number): bigint | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const kept = frac.slice(0, scale).padEnd(scale, '0');
  let n = BigInt(`${m[2] ?? '0'}${kept}`);
  const next = frac.charCodeAt(scale);
  if (!Number.isNaN(next) && next >= 53 /* '5' */) n += 1n;
  return m[1] === '-' ? -n : n;
}

/** A number or numeric string as it comes from Bitrix24 ("100.00", 12.5) to integer cents. Pure; undefined when not numeric. */
export function moneyToCents(value: string | number | null | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const s = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(6) : '') : value;
  const scaled = toScaled(s, 2);
  return scaled === undefined ? undefined : Number(scaled);
}

/** Normalises a money value to "12.50" (two decimals, exact via cents). Pure; undefined when not numeric. */
export function normalizeMoney(value: string | number | null | undefined): string | undefined {
  const cents = moneyToCents(value);
  return cents === undefined ? undefined : centsToAmount(cents);
}

/** Integer cents to a JSON number for Bitrix24 (125 → 1.25); exact because it has at most 2 decimals. Pure. */
export function centsToNumber(cents: number): number {
  return Number(centsToAmount(cents));
}

/** A number as an exact decimal string with at most `scale` decimals (0.1+0.2 → "0.3"). Pure. */
export function numberToDecimal(value: number, scale = 5): string {
  return value
    .toFixed(scale)
    .replace(/\.?0+$/, '')
    .replace(/^-0$/, '0');
}

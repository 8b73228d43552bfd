/**
 * Output formatting quirks of the Bitrix24 REST API: PHP-style JSON, portal-timezone datetimes,
 * date-only fields rendered as datetimes, money with two decimals (bitrix24.md §8, §10 items 17-18, 36).
 */

/** Parses a `±hh:mm` offset into minutes. Throws on anything else (a portal misconfiguration). */
export function offsetMinutes(tz: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(tz);
  if (!m) throw new Error(`timeZone must look like +03:00, got ${tz}`);
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DDThh:mm:ss±hh:mm` in the portal timezone. Pure. */
export function formatDateTime(ms: number, tz: string): string {
  const d = new Date(ms + offsetMinutes(tz) * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${tz}`;
}

/** Calendar date `YYYY-MM-DD` of an instant in the portal timezone. Pure. */
export function calendarDate(ms: number, tz: string): string {
  return formatDateTime(ms, tz).slice(0, 10);
}

/** Adds days to a `YYYY-MM-DD` date. Pure. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Date-only fields come back as a datetime at midnight with the portal offset (§8 "date output"). */
export function formatDateOnly(date: string, tz: string): string {
  return `${date}T00:00:00${tz}`;
}

/**
 * Parses the date inputs seen in official examples: ISO-8601 with offset or `Z`, ISO without offset
 * (portal time), `YYYY-MM-DD` and `DD.MM.YYYY` (portal midnight). Returns epoch ms or undefined.
 */
export function parseDateInput(v: unknown, tz: string): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  let m = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return localToMs(`${m[3]}-${m[2]}-${m[1]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`, tz);
  m = /^(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (m) return localToMs(`${m[1]}T00:00:00`, tz);
  m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?$/.exec(s);
  if (m) return localToMs(`${m[1]}T${m[2]?.length === 5 ? `${m[2]}:00` : m[2]}`, tz);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function localToMs(local: string, tz: string): number | undefined {
  const ms = Date.parse(`${local}Z`);
  return Number.isNaN(ms) ? undefined : ms - offsetMinutes(tz) * 60_000;
}

/** Money and doubles in legacy outputs: a string with two decimals (`"1000000.00"`). */
export function money(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2);
}

/** Rounds to 2 decimals as a number (product rows carry real numbers). */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * PHP `json_encode`: `/` is escaped as `\/` (§8 "JSON escaping"). A `/` can only occur inside
 * JSON strings, so a global replace on the serialized text is exact.
 */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('/', '\\/');
}

/**
 * A PHP associative array serialized by json_encode: empty → `[]`, keys `0..n-1` in order → a list,
 * anything else → an object (§3 "PHP-array quirk").
 */
export function phpMap(entries: ReadonlyArray<readonly [string, unknown]>): unknown {
  if (entries.length === 0) return [];
  if (entries.every(([k], i) => k === String(i))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}

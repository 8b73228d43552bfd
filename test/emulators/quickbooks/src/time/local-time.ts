/**
 * Wall-clock helpers for the QuickBooks PC's time zone. QuickBooks prints local wall-clock time with the
 * zone's STANDARD offset even during daylight saving time, and reads offset-less request dates as local
 * wall-clock time (qbxml.md §2.4 "the DST quirk"). "Wall ms" = the wall-clock fields encoded as if UTC,
 * so wall-clock values compare as numbers.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Wall-clock time (as "wall ms") of an instant in a zone. Pure; throws RangeError on an unknown zone. */
export function toWallMs(utcMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  return wall + (((utcMs % 1000) + 1000) % 1000);
}

const standardOffsets = new Map<string, number>();

/** The zone's standard (non-DST) UTC offset in minutes for a year: the smaller of January's and July's. Pure. */
export function standardOffsetMinutes(year: number, zone: string): number {
  const key = `${zone}|${year}`;
  let off = standardOffsets.get(key);
  if (off === undefined) {
    const jan = Date.UTC(year, 0, 1, 12);
    const jul = Date.UTC(year, 6, 1, 12);
    off = Math.min(toWallMs(jan, zone) - jan, toWallMs(jul, zone) - jul) / 60_000;
    standardOffsets.set(key, off);
  }
  return off;
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/** Formats wall ms as `YYYY-MM-DDTHH:mm:ss`. Pure. */
export function formatWall(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Formats an instant as QuickBooks prints TimeCreated/TimeModified: local wall clock + standard offset. Pure. */
export function formatQbDateTime(utcMs: number, zone: string): string {
  const wall = toWallMs(utcMs, zone);
  const off = standardOffsetMinutes(new Date(wall).getUTCFullYear(), zone);
  const sign = off < 0 ? '-' : '+';
  return `${formatWall(wall)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** Local date `YYYY-MM-DD` of an instant. Pure. */
export function formatQbDate(utcMs: number, zone: string): string {
  return formatWall(toWallMs(utcMs, zone)).slice(0, 10);
}

/**
 * Reads a request DATETIMETYPE (`YYYY-M-D[Th[:m[:s[±hh:mm]]]]`) as wall ms. Without an offset it is local wall
 * clock; with one, QuickBooks assumes the (DST-ignoring) standard offset was used, so the value is moved from
 * the given offset to the standard offset (qbxml.md §2.4, [JSG]). `endOfDay` fills a date-only value up to
 * 23:59:59 (used for "To" bounds). Returns null for an unparsable value. Pure.
 */
export function parseRequestDateTime(value: string, zone: string, endOfDay = false): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:([+-])(\d{1,2}):(\d{1,2}))?)?)?)?$/.exec(value.trim());
  if (!m) return null;
  const dateOnly = m[4] === undefined;
  let wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? (endOfDay && dateOnly ? 23 : 0)),
    Number(m[5] ?? (endOfDay && dateOnly ? 59 : 0)),
    Number(m[6] ?? (endOfDay && dateOnly ? 59 : 0)),
  );
  if (m[7] !== undefined) {
    const given = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
    const std = standardOffsetMinutes(Number(m[1]), zone);
    wall += (std - given) * 60_000;
  }
  return wall;
}

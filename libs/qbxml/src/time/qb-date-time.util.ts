import { QbxmlError } from '../qbxml.error.js';

/** An IANA zone ("America/Los_Angeles") or a fixed offset ("+03:00", "-05:00") of the QuickBooks PC. */
export type QbTimeZone = string;

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function fixedOffsetMinutes(zone: QbTimeZone): number | undefined {
  const m = FIXED_OFFSET.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
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
    } catch (cause) {
      throw new QbxmlError('INVALID_INPUT', `unknown time zone "${zone}"`, '', { cause });
    }
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset at `at`, read from Intl (a few µs a call on this machine, and every date of every record pays it). */
function intlOffsetMinutes(at: Date, zone: QbTimeZone): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const DAY_MS = 86_400_000;
/** Zone and UTC day → the offset that day keeps from its first to its last second; days with a transition are not kept. */
const steadyDays = new Map<string, number>();
const STEADY_DAYS_KEPT = 20_000;

/**
 * UTC offset in minutes that `zone` really has at `at` (daylight saving included). A UTC day whose first and last
 * second have the same offset has it throughout (no zone changes its offset twice in a day), so that day's offset is
 * kept: a page of records modified on the same few days reads Intl a few times instead of two or three times per
 * date: qbLocalToUtc went from 12 to 7 µs a value once warm (22 and 11 cold; issue 14, where a page's parse held the
 * Web Connector calls 3–14 ms).
 */
function actualOffsetMinutes(at: Date, zone: QbTimeZone): number {
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== undefined) return fixed;
  const day = Math.floor(at.getTime() / DAY_MS);
  const key = `${zone} ${day}`;
  const kept = steadyDays.get(key);
  if (kept !== undefined) return kept;
  const first = intlOffsetMinutes(new Date(day * DAY_MS), zone);
  const last = intlOffsetMinutes(new Date((day + 1) * DAY_MS - 1000), zone);
  if (first !== last) return intlOffsetMinutes(at, zone);
  if (steadyDays.size >= STEADY_DAYS_KEPT) steadyDays.clear();
  steadyDays.set(key, first);
  return first;
}

/** The zone's standard (winter) offset: the smaller of its January and July offsets. */
function standardOffsetMinutes(at: Date, zone: QbTimeZone): number {
  const y = at.getUTCFullYear();
  return Math.min(actualOffsetMinutes(new Date(Date.UTC(y, 0, 1)), zone), actualOffsetMinutes(new Date(Date.UTC(y, 6, 1)), zone));
}

function wallClockAt(at: Date, offsetMinutes: number): WallClock {
  const d = new Date(Math.floor(at.getTime() / 1000) * 1000 + offsetMinutes * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const formatOffset = (minutes: number): string => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;

/** How a formatted date-time carries its offset. */
export type QbOffsetStyle = 'none' | 'standard';

/**
 * Formats a UTC instant as QuickBooks local wall-clock time `YYYY-MM-DDThh:mm:ss` in the QuickBooks
 * PC's zone; with `offset: 'standard'` it appends the zone's STANDARD offset, because QuickBooks
 * ignores daylight saving in offsets it prints and expects (qbxml.md §2.4). Pure; throws QbxmlError
 * for an unknown zone or an invalid date.
 */
export function formatQbDateTime(at: Date, zone: QbTimeZone, options: { readonly offset?: QbOffsetStyle } = {}): string {
  if (Number.isNaN(at.getTime())) throw new QbxmlError('INVALID_INPUT', 'invalid Date');
  const w = wallClockAt(at, actualOffsetMinutes(at, zone));
  const local = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  return options.offset === 'standard' ? local + formatOffset(standardOffsetMinutes(at, zone)) : local;
}

/** Formats the local calendar date (`YYYY-MM-DD`, DATETYPE) of a UTC instant in the QuickBooks zone. Pure. */
export function formatQbDate(at: Date, zone: QbTimeZone): string {
  return formatQbDateTime(at, zone).slice(0, 10);
}

const QB_DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?)?([+-]\d{2}:\d{2}|Z)?$/;

/**
 * Reads the wall-clock part of a QuickBooks DATETIMETYPE ("2010-04-30T15:08:47-08:00" →
 * "2010-04-30T15:08:47") and DISCARDS the printed offset, which is wrong during daylight saving
 * (qbxml.md §2.4). Pure; throws QbxmlError on a malformed value.
 */
export function qbWallClock(value: string): string {
  const m = QB_DATE_TIME.exec(value.trim());
  if (!m) throw new QbxmlError('INVALID_VALUE', `"${value}" is not a QuickBooks date-time`);
  return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}T${pad(Number(m[4] ?? 0))}:${pad(Number(m[5] ?? 0))}:${pad(Number(m[6] ?? 0))}`;
}

/**
 * Converts a QuickBooks date-time to the true UTC instant by interpreting its wall-clock part in the
 * QuickBooks PC's zone (the printed offset is ignored, see qbWallClock). In the repeated hour after a
 * DST fall-back the earlier instant is chosen. Pure; throws QbxmlError on a malformed value or zone.
 */
export function qbLocalToUtc(value: string, zone: QbTimeZone): Date {
  const wall = qbWallClock(value);
  const asUtc = Date.parse(`${wall}Z`);
  // Two passes converge for every real zone: guess with the offset at the naive instant, then correct.
  const first = actualOffsetMinutes(new Date(asUtc), zone);
  const second = actualOffsetMinutes(new Date(asUtc - first * 60_000), zone);
  const candidate = asUtc - second * 60_000;
  const earlier = asUtc - Math.max(first, second) * 60_000;
  return new Date(formatQbDateTime(new Date(earlier), zone) === wall ? Math.min(earlier, candidate) : candidate);
}

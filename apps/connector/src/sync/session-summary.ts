import type { Bitrix24Trouble } from '../bitrix/bitrix24-link-state.js';

export type Bitrix24Side =
  | { readonly configured: false }
  | {
      readonly configured: true;
      readonly trouble: Bitrix24Trouble | null;
      readonly troubleSince: Date | null;
      /** QuickBooks records staged and not yet in Bitrix24. */
      readonly waitingRecords: number;
      /** Pages set aside after repeated permanent failures. */
      readonly setAsidePages: number;
      /** Set when the mapping does not match the portal: the worker writes nothing until it is fixed. */
      readonly mappingProblem?: string;
    };

export interface SessionSummaryInput {
  /** Records read from QuickBooks this session, per entity, in the order they were read. */
  readonly read: Readonly<Record<string, number>>;
  /** Queued Bitrix24 changes QuickBooks accepted this session. */
  readonly writtenToQb: number;
  readonly failedSteps: number;
  readonly b24: Bitrix24Side;
  /** The QuickBooks PC's time zone: the Status column is read there. */
  readonly timeZone: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** An entity kind as words for the Status column: `salesReceipt` → "sales receipt". */
const words = (kind: string): string => kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

/** Words for entity kinds whose name is not one ("receivePayment"). */
const WORDS: Readonly<Record<string, string>> = { receivePayment: 'payment' };

/**
 * The text Web Connector shows in its Status column after closeConnection: what synced, and the Bitrix24 side's
 * state, so a waiting or failed transfer is never reported as a bare "OK". Pure.
 */
export function summarizeSession(s: SessionSummaryInput): string {
  const read = Object.entries(s.read)
    .filter(([, n]) => n > 0)
    .map(([entity, n]) => plural(n, WORDS[entity] ?? words(entity)));
  const parts: string[] = [];
  parts.push(read.length > 0 ? `Synced ${read.join(', ')} from QuickBooks` : 'No QuickBooks changes');
  if (s.writtenToQb > 0) parts.push(`${plural(s.writtenToQb, 'Bitrix24 change')} written to QuickBooks`);
  if (s.failedSteps > 0) parts.push(`${plural(s.failedSteps, 'step')} failed and will be retried (see /status)`);
  parts.push(bitrix24Text(s.b24, s.timeZone));
  return `${parts.join('. ')}.`;
}

function bitrix24Text(b: Bitrix24Side, timeZone: string): string {
  if (!b.configured) return 'Bitrix24 is not configured (set BITRIX24_WEBHOOK_URL); nothing was sent there';
  const waiting =
    b.waitingRecords > 0 ? `${plural(b.waitingRecords, 'change')} ${b.waitingRecords === 1 ? 'waits' : 'wait'} and will be sent automatically` : '';
  const aside = b.setAsidePages > 0 ? `; ${plural(b.setAsidePages, 'page')} could not be sent and need attention (see /status)` : '';
  if (b.mappingProblem !== undefined) {
    return `Bitrix24 writes are stopped: the mapping file does not match the portal (${b.mappingProblem}); fix it and restart${waiting ? `; ${waiting.replace(' and will be sent automatically', '')}` : ''}`;
  }
  if (b.trouble !== null) {
    const since = b.troubleSince ? ` since ${clockTime(b.troubleSince, timeZone)}` : '';
    const what =
      b.trouble === 'unreachable'
        ? 'Bitrix24 unreachable'
        : b.trouble === 'refused'
          ? 'Bitrix24 refuses the webhook (check BITRIX24_WEBHOOK_URL)'
          : 'Bitrix24 answers with errors';
    return `${what}${since}${waiting ? `; ${waiting}` : ''}${aside}`;
  }
  if (b.waitingRecords > 0) return `Bitrix24: ${waiting}${aside}`;
  return `Bitrix24 is up to date${aside}`;
}

function clockTime(at: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  } catch {
    // An unknown zone name was already refused at start; UTC keeps the message truthful regardless.
    return `${at.toISOString().slice(11, 16)} UTC`;
  }
}

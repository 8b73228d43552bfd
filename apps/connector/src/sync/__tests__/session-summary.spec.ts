import { describe, expect, it } from 'vitest';
import { summarizeSession, type Bitrix24Side, type SessionSummaryInput } from '../session-summary.js';

// The text Web Connector shows in its Status column is all an accountant sees of a run: it must say what
// happened on the Bitrix24 side too, never a bare "OK" while changes wait or the portal is down.
const upToDate: Bitrix24Side = { configured: true, trouble: null, troubleSince: null, waitingRecords: 0, setAsidePages: 0 };
const base: SessionSummaryInput = { read: { customer: 3, invoice: 2 }, writtenToQb: 0, failedSteps: 0, b24: upToDate, timeZone: 'America/New_York' };

const cases: ReadonlyArray<{ name: string; input: Partial<SessionSummaryInput>; expected: string }> = [
  {
    name: 'Bitrix24 not configured: says so and names the variable to set',
    input: { b24: { configured: false } },
    expected: 'Synced 3 customers, 2 invoices from QuickBooks. Bitrix24 is not configured (set BITRIX24_WEBHOOK_URL); nothing was sent there.',
  },
  {
    name: 'sales orders are named in words',
    input: { read: { salesOrder: 2 } },
    expected: 'Synced 2 sales orders from QuickBooks. Bitrix24 is up to date.',
  },
  {
    name: 'everything sent: up to date',
    input: {},
    expected: 'Synced 3 customers, 2 invoices from QuickBooks. Bitrix24 is up to date.',
  },
  {
    name: 'entity kinds of two words read as words: sales receipts, credit memos',
    input: { read: { salesReceipt: 2, creditMemo: 1 } },
    expected: 'Synced 2 sales receipts, 1 credit memo from QuickBooks. Bitrix24 is up to date.',
  },
  {
    name: 'received payments are named as payments',
    input: { read: { invoice: 2, receivePayment: 1 } },
    expected: 'Synced 2 invoices, 1 payment from QuickBooks. Bitrix24 is up to date.',
  },
  {
    name: 'records waiting for the worker (portal fine): says they will be sent automatically',
    input: { read: { customer: 1 }, b24: { ...upToDate, waitingRecords: 5 } },
    expected: 'Synced 1 customer from QuickBooks. Bitrix24: 5 changes wait and will be sent automatically.',
  },
  {
    // 20:02 UTC is 16:02 in New York (EDT in June): the operator reads the QuickBooks PC's clock, not UTC.
    name: 'portal unreachable: since when, in the QuickBooks time zone, and how many changes wait',
    input: { b24: { ...upToDate, trouble: 'unreachable', troubleSince: new Date('2024-06-03T20:02:00Z'), waitingRecords: 5 } },
    expected: 'Synced 3 customers, 2 invoices from QuickBooks. Bitrix24 unreachable since 16:02; 5 changes wait and will be sent automatically.',
  },
  {
    name: 'portal refuses the webhook: points at the URL setting',
    input: { b24: { ...upToDate, trouble: 'refused', troubleSince: new Date('2024-01-10T14:30:00Z'), waitingRecords: 1 } },
    expected:
      'Synced 3 customers, 2 invoices from QuickBooks. Bitrix24 refuses the webhook (check BITRIX24_WEBHOOK_URL) since 09:30; 1 change waits and will be sent automatically.',
  },
  {
    name: 'set-aside pages: need attention, even when the link is fine',
    input: { b24: { ...upToDate, setAsidePages: 2 } },
    expected: 'Synced 3 customers, 2 invoices from QuickBooks. Bitrix24 is up to date; 2 pages could not be sent and need attention (see /status).',
  },
  {
    name: 'failed steps and Bitrix24 changes written to QuickBooks are both reported',
    input: { writtenToQb: 1, failedSteps: 2 },
    expected:
      'Synced 3 customers, 2 invoices from QuickBooks. 1 Bitrix24 change written to QuickBooks. 2 steps failed and will be retried (see /status). Bitrix24 is up to date.',
  },
  {
    name: 'nothing read: says there were no QuickBooks changes (zero counts are not listed)',
    input: { read: { customer: 0, invoice: 0 } },
    expected: 'No QuickBooks changes. Bitrix24 is up to date.',
  },
];

describe('summarizeSession: the Web Connector status text', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(summarizeSession({ ...base, ...input })).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { setupChecklist, type SetupFacts } from '../setup-checklist.js';

const done: SetupFacts = {
  lastContactAt: new Date('2026-03-02T15:00:00Z'),
  lastSession: { progress: 100, failed: false },
  portal: { ok: true, detail: 'answers' },
  lastEventAt: new Date('2026-03-02T15:01:00Z'),
  linkedRecords: 12,
  waitingRecords: 0,
  setAsidePages: 0,
};
const doneOf = (f: SetupFacts): Record<string, boolean> => Object.fromEntries(setupChecklist(f).map((c) => [c.key, c.done]));

describe('setupChecklist', () => {
  it('a fresh install has nothing done', () => {
    expect(doneOf({ lastContactAt: null, lastSession: null, portal: null, lastEventAt: null, linkedRecords: 0, waitingRecords: 0, setAsidePages: 0 })).toEqual({
      qbwc: false,
      portal: false,
      events: false,
      import: false,
    });
  });

  it('everything done once a session finished, records are linked and nothing waits for Bitrix24', () => {
    expect(doneOf(done)).toEqual({ qbwc: true, portal: true, events: true, import: true });
  });

  it.each<[string, Partial<SetupFacts>]>([
    ['a session ran before Bitrix24 was connected (nothing linked)', { linkedRecords: 0 }],
    ['records still on their way to Bitrix24', { waitingRecords: 3 }],
    ['pages set aside after failures', { setAsidePages: 1 }],
    ['the last session failed', { lastSession: { progress: 100, failed: true } }],
    ['the session is still running', { lastSession: { progress: 40, failed: false } }],
  ])('the first import is not done when %s', (_name, change) => {
    expect(doneOf({ ...done, ...change })['import']).toBe(false);
  });

  it('a portal that refuses the webhook is not reachable-and-ready', () => {
    expect(doneOf({ ...done, portal: { ok: false, detail: 'refused' } })['portal']).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { splitLastCall, splitToFill } from '../b24-create-batches.js';

const contacts = (n: number): { qbId: string }[] => Array.from({ length: n }, (_, i) => ({ qbId: `c${i}` }));
const deals = (n: number): { qbId: string; rows: never[] }[] => Array.from({ length: n }, (_, i) => ({ qbId: `d${i}`, rows: [] }));

describe('splitToFill: creates that top up the last batch call of the creates before them', () => {
  it('fills the 7 commands 43 company creates leave free, and keeps the rest for later calls', () => {
    const [fill, later] = splitToFill(43, contacts(10));
    expect(fill.map((c) => c.qbId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(later.map((c) => c.qbId)).toEqual(['c7', 'c8', 'c9']);
  });

  it('fills the last of several calls, and takes fewer than the room when fewer are waiting', () => {
    expect(splitToFill(120, contacts(40))[0]).toHaveLength(30);
    expect(splitToFill(120, contacts(5))).toEqual([contacts(5), []]);
  });

  it('adds nothing to full calls, nor opens a call when nothing came before', () => {
    expect(splitToFill(100, contacts(3))).toEqual([[], contacts(3)]);
    expect(splitToFill(0, contacts(3))).toEqual([[], contacts(3)]);
  });

  it('never parts a deal from its product rows: one free command is no room for a deal', () => {
    const [fill, later] = splitToFill(47, deals(3));
    expect(fill.map((d) => d.qbId)).toEqual(['d0']);
    expect(later.map((d) => d.qbId)).toEqual(['d1', 'd2']);
  });
});

describe('splitLastCall: the creates of the last, partly filled batch call', () => {
  it('keeps the 3 creates past 400 apart, and nothing when the last call is full', () => {
    const [full, tail] = splitLastCall(contacts(403));
    expect(full).toHaveLength(400);
    expect(tail.map((c) => c.qbId)).toEqual(['c400', 'c401', 'c402']);
    expect(splitLastCall(contacts(100))).toEqual([contacts(100), []]);
    expect(splitLastCall(contacts(7))).toEqual([[], contacts(7)]);
  });

  it('cuts where createInBatches cuts: a deal with rows that does not fit opens the next call', () => {
    // 24 deals fill 48 commands, the 25th makes 50; 26 deals: the 26th opens a call of its own
    expect(splitLastCall(deals(25))[1]).toEqual([]);
    expect(splitLastCall(deals(26))[1].map((d) => d.qbId)).toEqual(['d25']);
  });
});

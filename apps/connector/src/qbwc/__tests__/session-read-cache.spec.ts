import { describe, expect, it } from 'vitest';
import { RecentEntries, ThisTurn } from '../session-read-cache.js';

describe('session read caches', () => {
  it('ThisTurn keeps a value until the end of the turn or until dropped', async () => {
    const kept = new ThisTurn<number>();
    kept.set(1);
    expect(kept.get()).toBe(1);
    kept.drop();
    expect(kept.get()).toBeUndefined();
    kept.set(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(kept.get()).toBeUndefined();
  });

  it('RecentEntries forgets the oldest entry past its capacity', () => {
    const recent = new RecentEntries<number>(2);
    recent.set('a', 1);
    recent.set('b', 2);
    recent.set('a', 3);
    recent.set('c', 4);
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([3, undefined, 4]);
    recent.delete('a');
    expect(recent.get('a')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { secretsEqual } from '../secrets-equal.js';

describe('secretsEqual', () => {
  it('accepts the same secret only, whatever the lengths', () => {
    expect(secretsEqual('correct-horse', 'correct-horse')).toBe(true);
    expect(secretsEqual('correct-hors', 'correct-horse')).toBe(false);
    expect(secretsEqual('correct-horse!', 'correct-horse')).toBe(false);
    expect(secretsEqual('', 'correct-horse')).toBe(false);
    expect(secretsEqual('x'.repeat(100_000), 'correct-horse')).toBe(false);
  });

  it('stays right for every expected value when more are checked than it keeps digests for', () => {
    const expected = Array.from({ length: 100 }, (_, i) => `secret-${i}`);
    for (let round = 0; round < 2; round += 1)
      for (const [i, e] of expected.entries()) {
        expect(secretsEqual(e, e)).toBe(true);
        expect(secretsEqual(expected[(i + 1) % expected.length] ?? '', e)).toBe(false);
      }
  });
});

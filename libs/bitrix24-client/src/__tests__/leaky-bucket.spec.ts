import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { ENTERPRISE_RATE_LIMIT, LeakyBucket, STANDARD_RATE_LIMIT } from '../leaky-bucket.js';

describe('LeakyBucket', () => {
  it('standard: 50 free, then one slot every 500 ms', () => {
    const clock = new VirtualClock();
    const b = new LeakyBucket({ ...STANDARD_RATE_LIMIT, clock });
    const waits = Array.from({ length: 53 }, () => b.reserve());
    expect(waits.slice(0, 50).every((w) => w === 0)).toBe(true);
    expect(waits.slice(50)).toEqual([500, 1000, 1500]);
  });

  it('enterprise: 250 free, then one slot every 200 ms', () => {
    const clock = new VirtualClock();
    const b = new LeakyBucket({ ...ENTERPRISE_RATE_LIMIT, clock });
    const waits = Array.from({ length: 251 }, () => b.reserve());
    expect(waits[249]).toBe(0);
    expect(waits[250]).toBe(200);
  });

  it('drains with time', () => {
    const clock = new VirtualClock();
    const b = new LeakyBucket({ capacity: 2, drainPerSecond: 2, clock });
    b.reserve();
    b.reserve();
    clock.advance(1000);
    expect(b.currentLevel()).toBe(0);
    expect(b.reserve()).toBe(0);
  });

  it('saturate() makes the next request wait a drain interval', () => {
    const clock = new VirtualClock();
    const b = new LeakyBucket({ capacity: 50, drainPerSecond: 2, clock });
    b.saturate();
    expect(b.reserve()).toBe(500);
  });

  it('rejects nonsense settings', () => {
    expect(() => new LeakyBucket({ capacity: 0, drainPerSecond: 2 })).toThrow(RangeError);
    expect(() => new LeakyBucket({ capacity: 5, drainPerSecond: 0 })).toThrow(RangeError);
  });
});

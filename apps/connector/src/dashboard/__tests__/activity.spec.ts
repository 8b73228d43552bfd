import { describe, expect, it } from 'vitest';
import { activitySince, buildActivity } from '../activity.js';

const HOUR = 3600_000;
const now = new Date('2026-03-02T15:20:00.000Z');
const hourOf = (iso: string): number => Math.floor(Date.parse(iso) / HOUR);

describe('buildActivity', () => {
  it('gives 24 hours ending with the current one, counting each direction and errors in their hour', () => {
    const hours = buildActivity({
      now,
      synced: [
        { hour: hourOf('2026-03-02T15:05:00Z'), direction: 'qb->b24', count: 7 },
        { hour: hourOf('2026-03-02T15:05:00Z'), direction: 'b24->qb', count: 2 },
        { hour: hourOf('2026-03-01T16:59:00Z'), direction: 'qb->b24', count: 3 },
        // older than the window: not shown
        { hour: hourOf('2026-03-01T15:59:00Z'), direction: 'qb->b24', count: 99 },
      ],
      errors: [{ hour: hourOf('2026-03-02T14:10:00Z'), count: 1 }],
      queue: [],
    });
    expect(hours).toHaveLength(24);
    expect(hours[0]?.at).toBe('2026-03-01T16:00:00.000Z');
    expect(hours[0]?.qbToB24).toBe(3);
    expect(hours[23]).toMatchObject({ at: '2026-03-02T15:00:00.000Z', qbToB24: 7, b24ToQb: 2, errors: 0 });
    expect(hours[22]?.errors).toBe(1);
    expect(hours.reduce((n, h) => n + h.qbToB24, 0)).toBe(10);
    expect(activitySince(now).toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('queue depth at the end of each hour counts rows that entered and had not yet left', () => {
    const hours = buildActivity({
      now,
      synced: [],
      errors: [],
      queue: [
        { from: new Date('2026-03-02T12:30:00Z'), to: new Date('2026-03-02T14:10:00Z') },
        { from: new Date('2026-03-02T13:30:00Z'), to: null },
      ],
    });
    const depth = (iso: string): number | undefined => hours.find((h) => h.at === iso)?.queueDepth;
    expect(depth('2026-03-02T11:00:00.000Z')).toBe(0);
    expect(depth('2026-03-02T12:00:00.000Z')).toBe(1);
    expect(depth('2026-03-02T13:00:00.000Z')).toBe(2);
    expect(depth('2026-03-02T14:00:00.000Z')).toBe(1);
    expect(depth('2026-03-02T15:00:00.000Z')).toBe(1);
  });
});

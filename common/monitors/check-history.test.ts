import { describe, expect, it } from 'vitest';
import { CheckHistory } from './check-history';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-06-04T00:00:00Z');

describe('CheckHistory', () => {
  it('keeps only the last checks, oldest first', () => {
    const history = new CheckHistory(3);
    for (let index = 0; index < 5; index += 1) {
      history.push({
        at: T0 + index,
        outcome: index === 3 ? 'failure' : 'success',
        latencyMs: index === 3 ? null : index,
      });
    }
    expect(history.samples()).toEqual([
      { at: T0 + 2, outcome: 'success', latencyMs: 2 },
      { at: T0 + 3, outcome: 'failure', latencyMs: null },
      { at: T0 + 4, outcome: 'success', latencyMs: 4 },
    ]);
  });

  it('computes uptime over windows longer than the ring remembers', () => {
    const history = new CheckHistory(10);
    // 48 hours, one check a minute; hour 30 fails entirely.
    for (let minute = 0; minute < 48 * 60; minute += 1) {
      const at = T0 + minute * 60_000;
      history.push({ at, outcome: Math.floor(minute / 60) === 30 ? 'failure' : 'success', latencyMs: 1 });
    }
    const now = T0 + 48 * HOUR - 1;
    expect(history.uptime(now, 24 * HOUR)).toBeCloseTo((100 * 23) / 24, 6);
    expect(history.uptime(now, 12 * HOUR)).toBe(100);
    expect(history.uptime(now, 30 * 24 * HOUR)).toBeCloseTo((100 * 47) / 48, 6);
    expect(history.uptime(now + 40 * 24 * HOUR, 24 * HOUR)).toBeNull();
  });

  it('gives the latest checks only, oldest first, across the ring’s wrap', () => {
    const history = new CheckHistory(5);
    for (let index = 0; index < 7; index += 1) {
      history.push({ at: T0 + index, outcome: 'success', latencyMs: index });
    }
    expect(history.samples(3).map((sample) => sample.latencyMs)).toEqual([4, 5, 6]);
    expect(history.samples(50).map((sample) => sample.latencyMs)).toEqual([2, 3, 4, 5, 6]);
    expect(history.samples(0)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { durations, keyTime, keyTimeConflicts, type KeyTimes } from './key-times';

const MIN = 60_000;

describe('durations', () => {
  it('runs live until the end is reached, then stays fixed', () => {
    const times: KeyTimes = { auto: { started: 0, detected: 5 * MIN, acknowledged: 7 * MIN }, corrected: {} };
    expect(durations(times, 30 * MIN)).toEqual([
      { id: 'ttd', ms: 5 * MIN, isRunning: false },
      { id: 'tta', ms: 2 * MIN, isRunning: false },
      { id: 'ttm', ms: 30 * MIN, isRunning: true },
      { id: 'ttr', ms: 30 * MIN, isRunning: true },
    ]);
  });

  it('measures from corrected times and never shows a negative running time', () => {
    const times: KeyTimes = {
      auto: { started: 10 * MIN, detected: 10 * MIN },
      corrected: { started: { at: 2 * MIN, by: 'A', reason: 'graph', eventId: 'e' } },
    };
    expect(keyTime(times, 'started')).toBe(2 * MIN);
    expect(durations(times, 12 * MIN)[0]).toEqual({ id: 'ttd', ms: 8 * MIN, isRunning: false });
    expect(durations(times, 0)[2]).toEqual({ id: 'ttm', ms: 0, isRunning: true });
  });
});

describe('the start of the impact', () => {
  it('follows a detection corrected to before it, unless the start was corrected too', () => {
    const detectedEarlier: KeyTimes = {
      auto: { started: 10 * MIN, detected: 10 * MIN },
      corrected: { detected: { at: 4 * MIN, by: 'A', reason: 'pager log', eventId: 'e' } },
    };
    expect(keyTime(detectedEarlier, 'started')).toBe(4 * MIN);
    expect(durations(detectedEarlier, 12 * MIN)[0]).toEqual({ id: 'ttd', ms: 0, isRunning: false });
    expect(keyTimeConflicts(detectedEarlier)).toEqual([]);
    const both: KeyTimes = {
      ...detectedEarlier,
      corrected: { ...detectedEarlier.corrected, started: { at: MIN, by: 'B', reason: 'graph', eventId: 'f' } },
    };
    expect(keyTime(both, 'started')).toBe(MIN);
    expect(durations(both, 12 * MIN)[0]).toEqual({ id: 'ttd', ms: 3 * MIN, isRunning: false });
  });
});

describe('key time conflicts', () => {
  it('flags a time earlier than one it cannot precede', () => {
    const times: KeyTimes = {
      auto: { started: 10 * MIN, detected: 10 * MIN, mitigated: 20 * MIN, resolved: 30 * MIN },
      corrected: { resolved: { at: 15 * MIN, by: 'A', reason: 'typo', eventId: 'e' } },
    };
    expect(keyTimeConflicts(times)).toEqual(['resolved']);
    expect(keyTimeConflicts({ auto: { started: 0, detected: 1 }, corrected: {} })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_BASELINE, observeLatency, type Baseline } from './latency-baseline';

function feed(baseline: Baseline, latencies: readonly number[]): Baseline {
  return latencies.reduce((learned, latency) => observeLatency(learned, latency), baseline);
}

describe('latency baseline', () => {
  const steady = feed(
    EMPTY_BASELINE,
    Array.from({ length: 40 }, (_, index) => 100 + (index % 5) * 4),
  );

  it('learns the usual latency', () => {
    expect(steady.meanMs).toBeGreaterThan(100);
    expect(steady.meanMs).toBeLessThan(116);
    expect(steady.isWarning).toBe(false);
  });

  it('warns after a few unusually slow checks, well under a fixed 1 s limit, and clears when it calms down', () => {
    const once = feed(steady, [400]);
    expect(once.isWarning).toBe(false);
    const slow = feed(steady, [400, 420, 410]);
    expect(slow.isWarning).toBe(true);
    expect(feed(slow, [104]).isWarning).toBe(true);
    expect(feed(slow, [104, 108]).isWarning).toBe(false);
  });

  it('does not judge before it has learned, nor flag small absolute jumps', () => {
    expect(feed(EMPTY_BASELINE, [5, 5, 5, 500, 500, 500]).isWarning).toBe(false);
    const loopback = feed(
      EMPTY_BASELINE,
      Array.from({ length: 30 }, () => 1),
    );
    expect(feed(loopback, [20, 20, 20]).isWarning).toBe(false);
  });
});

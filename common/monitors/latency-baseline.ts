// A learned latency per monitor, to warn of unusual slowness before a fixed
// limit is crossed. It is TCP's round-trip estimator (RFC 6298): a moving
// average and a moving mean deviation; a latency above average + 4 deviations
// is unusual. The warning is distinct from a failure and damped like one.
export interface BaselineOptions {
  /** Weight of a new sample (RFC 6298 uses 1/8). */
  readonly alpha: number;
  /** Samples learned before any judgement. */
  readonly warmup: number;
  readonly deviations: number;
  /** Below this excess over the average, nobody cares (a loopback going from 1 ms to 4 ms). */
  readonly minimumExcessMs: number;
  /** Consecutive slow samples before the warning; consecutive normal ones before it clears. */
  readonly raiseAfter: number;
  readonly clearAfter: number;
}

export const DEFAULT_BASELINE: BaselineOptions = {
  alpha: 1 / 8,
  warmup: 20,
  deviations: 4,
  minimumExcessMs: 50,
  raiseAfter: 3,
  clearAfter: 2,
};

export interface Baseline {
  readonly samples: number;
  readonly meanMs: number;
  readonly deviationMs: number;
  readonly slowStreak: number;
  readonly normalStreak: number;
  readonly isWarning: boolean;
}

export const EMPTY_BASELINE: Baseline = {
  samples: 0,
  meanMs: 0,
  deviationMs: 0,
  slowStreak: 0,
  normalStreak: 0,
  isWarning: false,
};

export function isSlow(baseline: Baseline, latencyMs: number, options: BaselineOptions = DEFAULT_BASELINE): boolean {
  if (baseline.samples < options.warmup) return false;
  const excess = latencyMs - baseline.meanMs;
  return excess > options.deviations * baseline.deviationMs && excess > options.minimumExcessMs;
}

/** Learns one successful check's latency and says whether the monitor is unusually slow. */
export function observeLatency(
  baseline: Baseline,
  latencyMs: number,
  options: BaselineOptions = DEFAULT_BASELINE,
): Baseline {
  const slow = isSlow(baseline, latencyMs, options);
  // A slow sample still teaches, but slowly: a lasting shift becomes the new
  // normal over dozens of checks instead of hiding itself within a few.
  const alpha = baseline.samples === 0 ? 1 : slow ? options.alpha / 4 : options.alpha;
  const error = latencyMs - baseline.meanMs;
  const slowStreak = slow ? baseline.slowStreak + 1 : 0;
  const normalStreak = slow ? 0 : baseline.normalStreak + 1;
  return {
    samples: baseline.samples + 1,
    meanMs: baseline.meanMs + alpha * error,
    deviationMs:
      baseline.samples === 0 ? latencyMs / 2 : baseline.deviationMs + alpha * (Math.abs(error) - baseline.deviationMs),
    slowStreak,
    normalStreak,
    isWarning: baseline.isWarning ? normalStreak < options.clearAfter : slowStreak >= options.raiseAfter,
  };
}

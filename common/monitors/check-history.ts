// What a monitor did recently, in bounded memory: the last checks in a ring
// of typed arrays (time, latency, outcome: 13 bytes a check), and hourly
// up/total counters for 30 days, from which uptime percentages are read
// long after the ring has forgotten the checks themselves.
import type { CheckOutcome } from './monitor-state';

export interface HistorySample {
  readonly at: number;
  readonly outcome: CheckOutcome;
  readonly latencyMs: number | null;
}

const HOUR = 3_600_000;
export const UPTIME_HOURS = 30 * 24;
export const DEFAULT_HISTORY_CAPACITY = 1_440;

export class CheckHistory {
  private readonly at: Float64Array;
  // NaN marks a check without a latency (it failed before any answer).
  private readonly latency: Float32Array;
  private readonly isUp: Uint8Array;
  private next = 0;
  private count = 0;
  private readonly hourOf = new Float64Array(UPTIME_HOURS).fill(-1);
  private readonly upInHour = new Uint32Array(UPTIME_HOURS);
  private readonly totalInHour = new Uint32Array(UPTIME_HOURS);

  constructor(readonly capacity = DEFAULT_HISTORY_CAPACITY) {
    this.at = new Float64Array(capacity);
    this.latency = new Float32Array(capacity);
    this.isUp = new Uint8Array(capacity);
  }

  push(sample: HistorySample): void {
    this.at[this.next] = sample.at;
    this.latency[this.next] = sample.latencyMs ?? Number.NaN;
    this.isUp[this.next] = sample.outcome === 'success' ? 1 : 0;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);

    const hour = Math.floor(sample.at / HOUR);
    const slot = hour % UPTIME_HOURS;
    if (this.hourOf[slot] !== hour) {
      this.hourOf[slot] = hour;
      this.upInHour[slot] = 0;
      this.totalInHour[slot] = 0;
    }
    this.totalInHour[slot] = (this.totalInHour[slot] ?? 0) + 1;
    if (sample.outcome === 'success') this.upInHour[slot] = (this.upInHour[slot] ?? 0) + 1;
  }

  get size(): number {
    return this.count;
  }

  /** The retained checks, oldest first; only the latest `limit` when given (a sparkline needs few). */
  samples(limit = this.count): HistorySample[] {
    const samples: HistorySample[] = [];
    const kept = Math.max(0, Math.min(limit, this.count));
    const first = (this.next - kept + this.capacity) % this.capacity;
    for (let offset = 0; offset < kept; offset += 1) {
      const index = (first + offset) % this.capacity;
      const latency = this.latency[index] ?? Number.NaN;
      samples.push({
        at: this.at[index] ?? 0,
        outcome: this.isUp[index] === 1 ? 'success' : 'failure',
        latencyMs: Number.isNaN(latency) ? null : latency,
      });
    }
    return samples;
  }

  /**
   * The share of successful checks over the last `windowMs` (hour-granular, at
   * most 30 days), as a percentage; null when no check fell in the window.
   */
  uptime(now: number, windowMs: number): number | null {
    const last = Math.floor(now / HOUR);
    const hours = Math.min(UPTIME_HOURS, Math.ceil(windowMs / HOUR));
    let up = 0;
    let total = 0;
    for (let hour = last - hours + 1; hour <= last; hour += 1) {
      const slot = ((hour % UPTIME_HOURS) + UPTIME_HOURS) % UPTIME_HOURS;
      if (this.hourOf[slot] !== hour) continue;
      up += this.upInHour[slot] ?? 0;
      total += this.totalInHour[slot] ?? 0;
    }
    return total === 0 ? null : (100 * up) / total;
  }
}

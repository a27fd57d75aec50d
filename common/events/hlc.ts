// Hybrid logical clock. It orders events across devices even when laptop clocks
// disagree: the physical part never goes backwards and the counter breaks ties.
// Encoded as a fixed-width string so that string order is clock order.

export interface Hlc {
  readonly ms: number;
  readonly counter: number;
}

const MS_WIDTH = 15;
const COUNTER_WIDTH = 5;
const COUNTER_MAX = 10 ** COUNTER_WIDTH - 1;
/** The largest physical part the format holds. */
const MS_MAX = 10 ** MS_WIDTH - 1;

/**
 * How far ahead of a receiver's own wall clock an event's clock may run. Further,
 * it is refused (`clock-ahead`): one wrong laptop clock must not drag or freeze
 * everyone's. The same bound flags an event whose wall time and clock disagree.
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

export const HLC_PATTERN = /^\d{15}:\d{5}$/;

export function encodeHlc({ ms, counter }: Hlc): string {
  return `${String(ms).padStart(MS_WIDTH, '0')}:${String(counter).padStart(COUNTER_WIDTH, '0')}`;
}

export function decodeHlc(text: string): Hlc {
  if (!HLC_PATTERN.test(text)) throw new RangeError(`not a hybrid logical clock: ${text}`);
  const [ms, counter] = text.split(':');
  return { ms: Number(ms), counter: Number(counter) };
}

/** The wall-clock part of a clock; cheap, as the fold calls it once per event. */
export function hlcMillis(text: string): number {
  const ms = Number(text.slice(0, MS_WIDTH));
  if (text.length !== MS_WIDTH + 1 + COUNTER_WIDTH || !Number.isSafeInteger(ms)) {
    throw new RangeError(`not a hybrid logical clock: ${text}`);
  }
  return ms;
}

/**
 * When an event happened, as its writer's wall clock said: the time people see
 * and key times are measured from. A clock dragged forward by another device's
 * (within the bound) never moves it. Events written before the wall time was
 * kept have only their clock.
 */
export function eventTime(event: { readonly hlc: string; readonly wall?: number | undefined }): number {
  return event.wall ?? hlcMillis(event.hlc);
}

/** Whether an event's wall time and clock disagree by more than the bound: its times are doubtful. */
export function isClockDisputed(event: { readonly hlc: string; readonly wall?: number | undefined }): boolean {
  return event.wall !== undefined && Math.abs(hlcMillis(event.hlc) - event.wall) > MAX_CLOCK_AHEAD_MS;
}

function normalise(ms: number, counter: number): Hlc {
  // A counter overflow borrows one millisecond rather than breaking the order.
  if (counter <= COUNTER_MAX) return { ms, counter };
  if (ms >= MS_MAX) throw new RangeError('the clock is at the end of its format');
  return { ms: ms + 1, counter: 0 };
}

/** A wall time the format can hold (a broken clock may say anything). */
function clampMs(ms: number): number {
  return Math.min(Math.max(Math.trunc(ms), 0), MS_MAX);
}

/** The clock value for a new local event. */
export function tickHlc(last: Hlc, nowMs: number): Hlc {
  const now = clampMs(nowMs);
  if (now > last.ms) return { ms: now, counter: 0 };
  return normalise(last.ms, last.counter + 1);
}

/**
 * The clock a writer starts from: its own chain's last clock, moved past the
 * latest clock it has seen from others unless that one runs further ahead of
 * its wall clock than any receiver accepts (such a clock would drag every later
 * event, or freeze the writer at the end of the format).
 */
export function startingClock(own: Hlc, seen: readonly Hlc[], nowMs: number): Hlc {
  let start = own;
  const bound = nowMs + MAX_CLOCK_AHEAD_MS;
  for (const clock of seen) {
    if (clock.ms > bound) continue;
    if (clock.ms > start.ms || (clock.ms === start.ms && clock.counter > start.counter)) start = clock;
  }
  return start;
}

/** The local clock after seeing a remote event, so later local events sort after it. */
export function receiveHlc(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  // A remote clock beyond the bound is not followed: this replica keeps its own.
  if (remote.ms > nowMs + MAX_CLOCK_AHEAD_MS) return last;
  const ms = Math.max(last.ms, remote.ms, clampMs(nowMs));
  if (ms === last.ms && ms === remote.ms) return normalise(ms, Math.max(last.counter, remote.counter) + 1);
  if (ms === last.ms) return normalise(ms, last.counter + 1);
  if (ms === remote.ms) return normalise(ms, remote.counter + 1);
  return { ms, counter: 0 };
}

export const HLC_ZERO: Hlc = { ms: 0, counter: 0 };

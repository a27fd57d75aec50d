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

export const HLC_PATTERN = /^\d{15}:\d{5}$/;

export function encodeHlc({ ms, counter }: Hlc): string {
  return `${String(ms).padStart(MS_WIDTH, '0')}:${String(counter).padStart(COUNTER_WIDTH, '0')}`;
}

export function decodeHlc(text: string): Hlc {
  if (!HLC_PATTERN.test(text)) throw new RangeError(`not a hybrid logical clock: ${text}`);
  const [ms, counter] = text.split(':');
  return { ms: Number(ms), counter: Number(counter) };
}

/** The wall-clock time an event was written at, as the writer's clock saw it. */
/** The wall-clock part of a clock; cheap, as the fold calls it once per event. */
export function hlcMillis(text: string): number {
  const ms = Number(text.slice(0, MS_WIDTH));
  if (text.length !== MS_WIDTH + 1 + COUNTER_WIDTH || !Number.isSafeInteger(ms)) {
    throw new RangeError(`not a hybrid logical clock: ${text}`);
  }
  return ms;
}

function normalise(ms: number, counter: number): Hlc {
  // A counter overflow borrows one millisecond rather than breaking the order.
  return counter > COUNTER_MAX ? { ms: ms + 1, counter: 0 } : { ms, counter };
}

/** The clock value for a new local event. */
export function tickHlc(last: Hlc, nowMs: number): Hlc {
  if (nowMs > last.ms) return { ms: nowMs, counter: 0 };
  return normalise(last.ms, last.counter + 1);
}

/** The local clock after seeing a remote event, so later local events sort after it. */
export function receiveHlc(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  const ms = Math.max(last.ms, remote.ms, nowMs);
  if (ms === last.ms && ms === remote.ms) return normalise(ms, Math.max(last.counter, remote.counter) + 1);
  if (ms === last.ms) return normalise(ms, last.counter + 1);
  if (ms === remote.ms) return normalise(ms, remote.counter + 1);
  return { ms, counter: 0 };
}

export const HLC_ZERO: Hlc = { ms: 0, counter: 0 };

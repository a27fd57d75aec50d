import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, hlcMillis, HLC_ZERO, receiveHlc, tickHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('encodes so that string order is clock order', () => {
    const values = [
      { ms: 5, counter: 2 },
      { ms: 1_700_000_000_000, counter: 0 },
      { ms: 5, counter: 10 },
      { ms: 40, counter: 0 },
    ];
    const byString = [...values].sort((a, b) => (encodeHlc(a) < encodeHlc(b) ? -1 : 1));
    const byClock = [...values].sort((a, b) => a.ms - b.ms || a.counter - b.counter);
    expect(byString).toEqual(byClock);
    expect(decodeHlc(encodeHlc(values[1]!))).toEqual(values[1]);
    expect(hlcMillis(encodeHlc({ ms: 1234, counter: 7 }))).toBe(1234);
  });

  it('rejects text that is not a clock value', () => {
    expect(() => decodeHlc('12:34')).toThrow(RangeError);
    expect(() => decodeHlc('<script>')).toThrow(RangeError);
  });

  it('never goes backwards when the wall clock does', () => {
    let clock = tickHlc(HLC_ZERO, 10_000);
    const seen = [encodeHlc(clock)];
    for (const now of [9_000, 9_000, 12_000, 11_999, 5]) {
      clock = tickHlc(clock, now);
      seen.push(encodeHlc(clock));
    }
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('orders local events after a remote event from a clock running ahead', () => {
    const local = tickHlc(HLC_ZERO, 1_000);
    const remote = { ms: 3_600_000, counter: 4 };
    const after = receiveHlc(local, remote, 1_001);
    expect(encodeHlc(after) > encodeHlc(remote)).toBe(true);
    expect(encodeHlc(tickHlc(after, 1_002)) > encodeHlc(after)).toBe(true);
  });

  it('borrows a millisecond instead of overflowing the counter', () => {
    const next = tickHlc({ ms: 7, counter: 99_999 }, 7);
    expect(next).toEqual({ ms: 8, counter: 0 });
    expect(encodeHlc(next) > encodeHlc({ ms: 7, counter: 99_999 })).toBe(true);
  });
});

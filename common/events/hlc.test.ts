import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from './chain';
import {
  decodeHlc,
  encodeHlc,
  hlcMillis,
  HLC_PATTERN,
  HLC_ZERO,
  MAX_CLOCK_AHEAD_MS,
  receiveHlc,
  startingClock,
  tickHlc,
} from './hlc';

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

  it('orders local events after a remote event from a clock running ahead within 5 minutes, and not beyond', () => {
    const now = 1_000_000;
    const local = tickHlc(HLC_ZERO, now);
    // Within the bound: followed, so later local events sort after it.
    const near = { ms: now + MAX_CLOCK_AHEAD_MS, counter: 4 };
    const after = receiveHlc(local, near, now + 1);
    expect(encodeHlc(after) > encodeHlc(near)).toBe(true);
    expect(encodeHlc(tickHlc(after, now + 2)) > encodeHlc(after)).toBe(true);
    expect(startingClock(local, [near], now + 1)).toEqual(near);
    // Beyond it: not followed; this replica keeps its own clock, which runs on with its wall clock.
    const far = { ms: now + MAX_CLOCK_AHEAD_MS + 1, counter: 0 };
    expect(receiveHlc(local, far, now)).toEqual(local);
    expect(startingClock(local, [far, near], now)).toEqual(near);
    expect(startingClock(local, [far], now)).toEqual(local);
    expect(tickHlc(receiveHlc(local, far, now), now + 5)).toEqual({ ms: now + 5, counter: 0 });
  });

  it('seals after a held clock of 999999999999999:99999 without following it or overflowing', () => {
    const held = decodeHlc('999999999999999:99999');
    const now = Date.UTC(2026, 11, 7);
    // Such a clock may only be held from before the bound (an unsigned chain vouched for at migration).
    expect(receiveHlc(tickHlc(HLC_ZERO, now), held, now)).toEqual({ ms: now, counter: 0 });
    const start = startingClock(HLC_ZERO, [held], now);
    expect(start).toEqual(HLC_ZERO);
    let ids = 0;
    const drafts = Array.from({ length: 3 }, (_, index) => ({
      type: 'incident.note-added' as const,
      incidentId: 'i',
      actor: 'Alice',
      payload: { text: `note ${index}` },
    }));
    const sealed = sealEvents({ ...EMPTY_HEAD, hlc: start }, drafts, {
      workspace: 'default',
      deviceId: 'laptop',
      nowMs: now,
      newId: () => `e${(ids += 1)}`,
    });
    expect(sealed.events.map((event) => event.hlc)).toEqual(
      [0, 1, 2].map((counter) => encodeHlc({ ms: now, counter })),
    );
    expect(sealed.events.every((event) => HLC_PATTERN.test(event.hlc) && hlcMillis(event.hlc) === now)).toBe(true);
    expect(sealed.events.every((event) => event.wall === now)).toBe(true);
    // A wall clock itself at the end of the format clamps rather than spilling over it.
    const clamped = tickHlc(HLC_ZERO, 10 ** 16);
    expect(encodeHlc(clamped)).toBe('999999999999999:00000');
    expect(HLC_PATTERN.test(encodeHlc(clamped))).toBe(true);
  });

  it('borrows a millisecond instead of overflowing the counter', () => {
    const next = tickHlc({ ms: 7, counter: 99_999 }, 7);
    expect(next).toEqual({ ms: 8, counter: 0 });
    expect(encodeHlc(next) > encodeHlc({ ms: 7, counter: 99_999 })).toBe(true);
  });
});

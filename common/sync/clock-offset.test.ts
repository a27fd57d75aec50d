// Each answer tells the peer's clock; the caller tells from it how far its own is off.
import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_AHEAD_MS } from '../events/hlc';
import { estimateClockOffset, isClockOffBeyondBound } from './clock-offset';
import { answerExchange } from './exchange';
import { MemoryEventLog } from './memory-log';
import { exchangeResponseSchema } from './protocol';

const MINUTE = 60_000;
const T0 = 1_750_000_000_000;

describe('the clock offset from one exchange', () => {
  it('compares the peer’s clock with the middle of the round trip', () => {
    // Sent at T0, answered 400 ms later; the peer read its clock 10 minutes behind, halfway.
    expect(estimateClockOffset({ sentAt: T0, receivedAt: T0 + 400, peerNow: T0 + 200 - 10 * MINUTE })).toBe(
      10 * MINUTE,
    );
    expect(estimateClockOffset({ sentAt: T0, receivedAt: T0 + 400, peerNow: T0 + 200 + 2 * 3_600_000 })).toBe(
      -2 * 3_600_000,
    );
    expect(estimateClockOffset({ sentAt: T0, receivedAt: T0 + 3, peerNow: T0 + 1 })).toBe(1);
  });

  it('errs by at most half the round trip, whenever the peer read its clock', () => {
    for (const readAt of [0, 250, 500, 750, 1_000]) {
      const offset = estimateClockOffset({ sentAt: T0, receivedAt: T0 + 1_000, peerNow: T0 + readAt });
      expect(Math.abs(offset)).toBeLessThanOrEqual(500);
    }
  });

  it('is beyond the bound only past what receivers tolerate, either way', () => {
    expect(isClockOffBeyondBound(MAX_CLOCK_AHEAD_MS)).toBe(false);
    expect(isClockOffBeyondBound(-MAX_CLOCK_AHEAD_MS)).toBe(false);
    expect(isClockOffBeyondBound(MAX_CLOCK_AHEAD_MS + 1)).toBe(true);
    expect(isClockOffBeyondBound(-MAX_CLOCK_AHEAD_MS - 1)).toBe(true);
  });
});

describe('the answer tells the answering peer’s clock', () => {
  it('from the clock it is given, and the protocol carries it', async () => {
    const peer = new MemoryEventLog('ws', 'hub', () => 'id');
    const response = await answerExchange(peer, { workspace: 'ws', vector: {}, events: [] }, undefined, {
      now: () => T0,
    });
    expect(response).toEqual({ ok: true, answer: { vector: {}, events: [], hasMore: false, now: T0 } });
    expect(exchangeResponseSchema.parse(response)).toEqual(response);
  });

  it('from the wall clock by default', async () => {
    const before = Date.now();
    const response = await answerExchange(new MemoryEventLog('ws', 'hub', () => 'id'), {
      workspace: 'ws',
      vector: {},
      events: [],
    });
    const now = response.ok ? response.answer.now : undefined;
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('is optional: an answer of an earlier peer, without it, still parses', () => {
    const earlier = { ok: true, answer: { vector: { a: 1 }, events: [], hasMore: false } };
    expect(exchangeResponseSchema.safeParse(earlier).success).toBe(true);
  });
});

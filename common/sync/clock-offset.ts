// How far this device's clock is off a peer's, from the wall clock the peer
// tells in each exchange answer. Receivers refuse events whose clock runs more
// than MAX_CLOCK_AHEAD_MS ahead of theirs (`clock-ahead`), so a device whose
// clock is off by more than that must say so: its events are held back.
import { MAX_CLOCK_AHEAD_MS } from '../events/hlc';

export interface ClockReading {
  /** This side's clock when the request left. */
  readonly sentAt: number;
  /** This side's clock when the answer arrived. */
  readonly receivedAt: number;
  /** The peer's clock as it answered (the answer's `now`). */
  readonly peerNow: number;
}

/**
 * This side's clock minus the peer's, in ms: positive when this side runs ahead.
 * The peer read its clock somewhere within the round trip; taking its middle
 * (half the round trip after sending) errs by at most half the round trip.
 */
export function estimateClockOffset({ sentAt, receivedAt, peerNow }: ClockReading): number {
  return Math.round(sentAt + (receivedAt - sentAt) / 2 - peerNow);
}

/** Whether an offset is beyond what receivers tolerate: events would be refused one way or the other. */
export function isClockOffBeyondBound(offsetMs: number): boolean {
  return Math.abs(offsetMs) > MAX_CLOCK_AHEAD_MS;
}

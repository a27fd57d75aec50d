// Both ends of one exchange, over any EventLog: `answerExchange` is what a peer
// (the host for a window, the hub for a host) runs on a request; `syncWith` is
// the caller's loop until both sides hold the same events.
import { countMissing, type VersionVector } from './vector';
import type { ApplyOptions, EventLog } from './event-log';
import {
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  SyncRefusedError,
  type ExchangeAnswer,
  type ExchangeRequest,
  type ExchangeResponse,
} from './protocol';

/** Room left in a request for its vector and framing. */
const ENVELOPE_BYTES = 64 * 1024;

/** UTF-8 length of a string, without TextEncoder (common/ has no DOM or Node types). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The longest prefix of `events` whose JSON fits in `maxBytes`, and always at
 * least one event, so a batch never grows past what a peer accepts and no event
 * can be stuck behind the limit (a single event is far below it).
 */
export function fitBatch<T>(events: readonly T[], maxBytes = MAX_BATCH_BYTES - ENVELOPE_BYTES): T[] {
  let total = 2;
  let count = 0;
  for (const event of events) {
    total += utf8Length(JSON.stringify(event)) + 1;
    if (total > maxBytes && count > 0) break;
    count += 1;
  }
  return events.slice(0, count);
}

export interface AnswerOptions extends ApplyOptions {
  /** The answering peer's wall clock, told to the caller in each answer; Date.now by default. */
  readonly now?: () => number;
}

export async function answerExchange(
  log: EventLog,
  request: ExchangeRequest,
  limit = MAX_BATCH_EVENTS,
  { now = Date.now, ...options }: AnswerOptions = {},
): Promise<ExchangeResponse> {
  if (request.workspace !== log.workspace) {
    return {
      ok: false,
      error: { code: 'wrong-workspace', message: `this peer serves "${log.workspace}", not "${request.workspace}"` },
    };
  }
  if (request.events.length > 0) {
    const applied = await log.apply(request.events, options);
    if (!applied.ok) return applied;
  }
  // One event more than the batch tells whether more wait, without counting them all.
  const beyond = await log.eventsBeyond(request.vector, limit + 1);
  const answer: ExchangeAnswer = {
    vector: await log.vector(),
    events: beyond.slice(0, limit),
    hasMore: beyond.length > limit,
    now: now(),
  };
  return { ok: true, answer };
}

/** How the caller reaches its peer. Throws when the peer cannot be reached. */
export type ExchangeFn = (request: ExchangeRequest) => Promise<ExchangeResponse>;

export interface SyncOutcome {
  /** Events sent (some may have been held already: the peer skips those). */
  readonly pushed: number;
  readonly pulled: number;
  readonly roundTrips: number;
  /** The peer's vector as last acknowledged. */
  readonly peerVector: VersionVector;
}

export interface SyncOptions {
  /** The peer's vector as last seen, so that the first request can already carry events. */
  readonly knownPeerVector?: VersionVector;
  readonly batchSize?: number;
  /** A bound on round trips, against a peer that never settles. */
  readonly maxRoundTrips?: number;
}

/** Round trips a pull takes at most, against a peer that never says it is done. */
const MAX_PULL_ROUND_TRIPS = 1_000;

/**
 * Takes what the peer holds that `log` lacks, offering nothing of its own: how a
 * replica whose own events the peer refuses (a clock ahead, a revoked device)
 * still learns what the others wrote, the refusal's cause among it. Returns the
 * events stored and the peer's last vector; a refusal throws.
 */
export async function pullFrom(
  log: EventLog,
  exchange: ExchangeFn,
  shouldStop: () => boolean = () => false,
): Promise<{ pulled: number; roundTrips: number; peerVector: VersionVector | undefined }> {
  let pulled = 0;
  let peerVector: VersionVector | undefined;
  for (let round = 1; round <= MAX_PULL_ROUND_TRIPS; round += 1) {
    const response = await exchange({ workspace: log.workspace, vector: await log.vector(), events: [] });
    if (!response.ok) throw new SyncRefusedError(response.error);
    if (shouldStop()) return { pulled, roundTrips: round, peerVector };
    peerVector = response.answer.vector;
    if (response.answer.events.length > 0) {
      const applied = await log.apply(response.answer.events);
      if (!applied.ok) throw new SyncRefusedError(applied.error);
      pulled += applied.stored;
    }
    if (!response.answer.hasMore) return { pulled, roundTrips: round, peerVector };
  }
  return { pulled, roundTrips: MAX_PULL_ROUND_TRIPS, peerVector };
}

/**
 * Exchanges with a peer until neither lacks anything the other holds. Resumable:
 * a cut connection throws, and the next call picks up from what was acknowledged.
 */
export async function syncWith(log: EventLog, exchange: ExchangeFn, options: SyncOptions = {}): Promise<SyncOutcome> {
  const batchSize = options.batchSize ?? MAX_BATCH_EVENTS;
  const maxRoundTrips = options.maxRoundTrips ?? 10_000;
  let peerVector: VersionVector = options.knownPeerVector ?? {};
  let pushed = 0;
  let pulled = 0;
  let roundTrips = 0;
  let isRevokedRetry = false;
  for (;;) {
    const outgoing = fitBatch(await log.eventsBeyond(peerVector, batchSize));
    const response = await exchange({ workspace: log.workspace, vector: await log.vector(), events: outgoing });
    roundTrips += 1;
    // The peer holds a revocation this log has not heard of yet, and refuses the
    // revoked device's later event it was offered: take what the peer holds
    // (the revocation with it) without offering anything, after which that event
    // is no longer offered. A second refusal in a row stands.
    if (!response.ok && response.error.code === 'device-revoked' && !isRevokedRetry) {
      isRevokedRetry = true;
      const taken = await pullFrom(log, exchange);
      pulled += taken.pulled;
      roundTrips += taken.roundTrips;
      peerVector = taken.peerVector ?? peerVector;
      continue;
    }
    if (!response.ok) throw new SyncRefusedError(response.error);
    const { answer } = response;
    if (answer.events.length > 0) {
      const applied = await log.apply(answer.events);
      if (!applied.ok) throw new SyncRefusedError(applied.error);
      pulled += applied.stored;
    }
    pushed += outgoing.length;
    peerVector = answer.vector;
    const localVector = await log.vector();
    const isSettled = !answer.hasMore && countMissing(localVector, peerVector) === 0;
    if (isSettled) return { pushed, pulled, roundTrips, peerVector };
    if (roundTrips >= maxRoundTrips) throw new Error(`sync did not settle after ${roundTrips} round trips`);
  }
}

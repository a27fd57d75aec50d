// The sync protocol, the same on every hop (renderer ⇄ host, host ⇄ hub). One
// exchange: the caller sends its version vector and the events it believes the
// peer lacks; the peer verifies and stores them atomically (or refuses them all),
// then answers with its own vector (which acknowledges what it now holds) and a
// batch of the events the caller lacks, oldest first. Nothing changed: one small
// round trip. Resending is harmless: events already held are skipped.
import { z } from 'zod';

/** The most events one exchange carries, each way. */
export const MAX_BATCH_EVENTS = 2_000;
/** The largest request body a peer accepts, in bytes. */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

export const vectorSchema = z.record(z.string().min(1).max(64), z.number().int().nonnegative());

export const exchangeRequestSchema = z.strictObject({
  workspace: z.string().min(1).max(64),
  vector: vectorSchema,
  // Events stay unknown here: each is parsed, verified and placed by the receiver,
  // which can then say which one is at fault.
  events: z.array(z.unknown()),
});
export type ExchangeRequest = z.infer<typeof exchangeRequestSchema>;

export const SYNC_ERROR_CODES = [
  'malformed', // not an event, or not of the contract
  'wrong-workspace', // an event of another workspace
  'bad-hash', // the hash does not match the event
  'broken-chain', // prevHash is not the hash of the device's previous event
  'seq-gap', // a device's events do not follow on from what the receiver holds
  'seq-conflict', // same device and seq as a held event, different body
  'oversized', // too many events or too many bytes
  'unauthorized', // no token, or a token of another workspace
  'unsigned', // an enrolled device's event carries no signature
  'bad-signature', // a signature or a vouched-for chain that does not hold
  'wrong-device-key', // signed by another key than the one the device enrolled with
  'wrong-actor', // written as someone other than the person at the device
  'not-enrolled', // an unsigned event of a device that never enrolled, and nobody vouched for
  'not-allowed', // an enrolment or revocation this peer does not take from that writer
  'device-revoked', // an event of a revoked device, after its revocation
  'clock-ahead', // a clock more than 5 minutes ahead of the receiver's
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncError {
  readonly code: SyncErrorCode;
  readonly message: string;
  /** The first event at fault, when there is one. */
  readonly eventId?: string;
}

export const syncErrorSchema = z.strictObject({
  code: z.enum(SYNC_ERROR_CODES),
  message: z.string(),
  eventId: z.string().optional(),
});

export const exchangeResponseSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    answer: z.strictObject({
      vector: vectorSchema,
      events: z.array(z.unknown()),
      hasMore: z.boolean(),
      // The answering peer's wall clock (ms) as it answered, so the caller can tell how far its
      // own clock is off. Optional: a peer of an earlier version does not send it.
      now: z.number().optional(),
    }),
  }),
  z.strictObject({ ok: z.literal(false), error: syncErrorSchema }),
]);

/**
 * The answer: the peer's vector after storing the request's events, then the
 * events the caller lacks, oldest first, at most a batch, whether more wait, and
 * the peer's wall clock. Received events stay `unknown` until the receiver's own
 * checks pass.
 */
export type ExchangeResponse = z.infer<typeof exchangeResponseSchema>;
export type ExchangeAnswer = Extract<ExchangeResponse, { ok: true }>['answer'];

export class SyncRefusedError extends Error {
  constructor(readonly error: SyncError) {
    super(`${error.code}: ${error.message}`);
  }
}

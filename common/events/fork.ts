// A forked chain: an enrolled device that signed two different events at one
// place (two at one seq, or one whose predecessor is not the event it signed at
// the seq before). Honest software never does; a device that did showed two
// replicas two histories. Whoever holds both events holds the proof, and any
// device may revoke the forked device with it: every receiver checks the proof
// itself, and every replica then drops both branches from the fork on.
import { hashEvent } from './chain';
import type { DeviceRecord, VerifySignature } from './devices';
import { eventSchema, PROOF_EVENT_MAX, type EventDraft, type EventOf, type WarEvent } from './event';

/** Two signed events of one device that cannot both belong to its chain, and where its chain forks. */
export interface Fork {
  readonly deviceId: string;
  /** The event this replica holds. */
  readonly held: WarEvent;
  /** The event offered that contradicts it: at the same seq, or right after it on another branch. */
  readonly offered: WarEvent;
}

/** The last seq both branches share: the forked device's events after it count nowhere. */
export function forkPoint(fork: Pick<Fork, 'held' | 'offered'>): number {
  return Math.min(fork.held.seq, fork.offered.seq) - 1;
}

/** The revocation a replica writes when it holds a fork's proof, or undefined when the events are too big to carry. */
export function forkRevocation(fork: Fork): EventDraft | undefined {
  const proof: [string, string] = [JSON.stringify(fork.held), JSON.stringify(fork.offered)];
  if (proof.some((event) => event.length > PROOF_EVENT_MAX)) return undefined;
  return {
    type: 'device.revoked',
    actor: '',
    payload: {
      deviceId: fork.deviceId,
      afterSeq: forkPoint(fork),
      reason: `signed two different events at #${Math.min(fork.held.seq, fork.offered.seq)}`,
      proof,
    },
  };
}

/** Whether two events of one device contradict each other: same seq and other hash, or a successor on another branch. */
export function isContradiction(a: WarEvent, b: WarEvent): boolean {
  if (a.deviceId !== b.deviceId) return false;
  if (a.seq === b.seq) return a.hash !== b.hash;
  const [earlier, later] = a.seq < b.seq ? [a, b] : [b, a];
  return later.seq === earlier.seq + 1 && later.prevHash !== earlier.hash;
}

/**
 * Checks a revocation's fork proof against the device it names: both events
 * well formed, of this workspace and device, hashed as they say, signed by the
 * device's enrolled key, contradicting each other, and the revocation point the
 * fork's. Returns why it fails, or undefined when the proof holds.
 */
export function checkForkProof(
  revocation: EventOf<'device.revoked'>,
  target: DeviceRecord | undefined,
  verify: VerifySignature,
): string | undefined {
  const { proof, deviceId, afterSeq } = revocation.payload;
  if (!proof) return 'no proof';
  if (!target) return `${deviceId} is not enrolled here`;
  const events: WarEvent[] = [];
  for (const text of proof) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return 'a proof event is not JSON';
    }
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) return 'a proof event is not an event';
    const event = parsed.data;
    if (event.workspace !== revocation.workspace || event.deviceId !== deviceId)
      return `a proof event is not ${deviceId}'s in this workspace`;
    if (hashEvent(event) !== event.hash) return `${deviceId} #${event.seq} in the proof does not match its hash`;
    if (!event.sig || !verify(target.publicKey, event.hash, event.sig))
      return `${deviceId} #${event.seq} in the proof is not signed by its key`;
    events.push(event);
  }
  const [first, second] = events as [WarEvent, WarEvent];
  if (!isContradiction(first, second)) return 'the two events of the proof do not contradict each other';
  const point = forkPoint({ held: first, offered: second });
  if (afterSeq !== point) return `the proof shows a fork after #${point}, not after #${afterSeq}`;
  return undefined;
}

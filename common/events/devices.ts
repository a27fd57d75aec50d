// Who may write: the devices enrolled in a workspace. Each device's chain opens
// with its enrolment (its Ed25519 public key and the person at it); every later
// event is signed with that key and written by that person. A revocation ends a
// device's chain after a given seq. Pure rules, shared by every store.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { hlcMillis, MAX_CLOCK_AHEAD_MS } from './hlc';
import type { DeviceKind, EventOf, PersonRef, WarEvent } from './event';

/** What a replica holds about one enrolled device. */
export interface DeviceRecord {
  readonly deviceId: string;
  readonly publicKey: string;
  readonly kind: DeviceKind;
  /** The host that let it in (a window, a LAN browser). */
  readonly sponsor?: string;
  /** The person its events are written by, as of its last event held. */
  readonly person: PersonRef;
  /** Its events after this seq are refused. */
  readonly revokedAfter?: number;
  /** The device that revoked it. */
  readonly revokedBy?: string;
}

/**
 * A device's id is made from its public key, so an id names one key wherever it
 * is met: nobody can enrol their own key under another device's id, at a replica
 * that has not met that device yet or in another workspace.
 */
export function deviceIdOf(publicKey: string): string {
  return `dev-${bytesToHex(sha256(hexToBytes(publicKey))).slice(0, 32)}`;
}

/** Checks an Ed25519 signature of a hash (hex) against a public key (hex). */
export type VerifySignature = (publicKey: string, hash: string, signature: string) => boolean;

/** Signs a hash (hex) with a device's private key; the signature in hex. */
export type SignHash = (hash: string) => string | Promise<string>;

export function recordOfEnrolment(event: EventOf<'device.enrolled'>): DeviceRecord {
  const { publicKey, person, kind, sponsor } = event.payload;
  return { deviceId: event.deviceId, publicKey, person, kind, ...(sponsor ? { sponsor } : {}) };
}

/**
 * Whether `revoker` may revoke `target`: a device may retire itself, the host
 * that let a window or LAN browser in may let it go, and a team hub (whose
 * administrator holds the workspace) may revoke any device, a lost laptop among them.
 */
export function mayRevoke(
  revoker: Pick<DeviceRecord, 'deviceId' | 'kind'>,
  target: Pick<DeviceRecord, 'sponsor'> | undefined,
  targetId: string,
): boolean {
  if (revoker.deviceId === targetId) return true;
  if (revoker.kind === 'hub') return true;
  return target?.sponsor === revoker.deviceId;
}

/** Whether an event's clock runs too far ahead of a receiver's wall clock. */
export function isClockAhead(event: Pick<WarEvent, 'hlc'>, nowMs: number): boolean {
  return hlcMillis(event.hlc) > nowMs + MAX_CLOCK_AHEAD_MS;
}

/** Each revoked device's revocation point among `events` (the earliest, when revoked twice). */
export function revocationsIn(events: Iterable<WarEvent>): Map<string, number> {
  const revoked = new Map<string, number>();
  for (const event of events) {
    if (event.type !== 'device.revoked') continue;
    const { deviceId, afterSeq } = event.payload;
    revoked.set(deviceId, Math.min(afterSeq, revoked.get(deviceId) ?? Infinity));
  }
  return revoked;
}

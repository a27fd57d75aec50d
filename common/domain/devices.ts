// The devices of a workspace as the record shows them: who each one writes for,
// when it was first and last seen, how many events it wrote, and whether it was
// revoked. A slice of the fold; each event costs O(1).
import type { DeviceKind, PersonRef, WarEvent } from '../events/event';
import { eventTime } from '../events/hlc';

export interface DeviceView {
  readonly deviceId: string;
  readonly kind: DeviceKind | 'unsigned';
  readonly person: PersonRef | undefined;
  readonly sponsor: string | undefined;
  readonly publicKey: string | undefined;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly events: number;
  readonly revokedAfter: number | undefined;
  readonly revokedBy: string | undefined;
  readonly revokedAt: number | undefined;
  /** Revoked by a replica that held two events it signed at one place in its chain (the proof is in the revocation). */
  readonly forked: boolean;
}

export type Devices = ReadonlyMap<string, DeviceView>;
export const NO_DEVICES: Devices = new Map();

/** A device known by its id only, so far: no enrolment seen, no events counted. */
export function unknownDevice(deviceId: string, firstSeen: number, lastSeen: number): DeviceView {
  return {
    deviceId,
    kind: 'unsigned',
    person: undefined,
    sponsor: undefined,
    publicKey: undefined,
    firstSeen,
    lastSeen,
    events: 0,
    revokedAfter: undefined,
    revokedBy: undefined,
    revokedAt: undefined,
    forked: false,
  };
}

/**
 * Folds one event into the devices. Returns whether the event itself counts:
 * false for an event of a revoked device after its revocation point.
 */
export function applyDeviceEvent(devices: Map<string, DeviceView>, event: WarEvent): boolean {
  const at = eventTime(event);
  const known = devices.get(event.deviceId);
  const view: DeviceView = known ?? unknownDevice(event.deviceId, at, at);
  // Which of them reached a replica depends on the replica (the branches of a fork,
  // a revocation's race), so they leave no trace in the state.
  if (view.revokedAfter !== undefined && event.seq > view.revokedAfter) return false;
  // A device first met through its revocation (a refold) holds a placeholder until its own events come.
  let next: DeviceView = {
    ...view,
    firstSeen: Math.min(view.firstSeen, at),
    lastSeen: Math.max(view.lastSeen, at),
    events: view.events + 1,
  };
  if (event.type === 'device.enrolled') {
    const { kind, person, sponsor, publicKey } = event.payload;
    next = { ...next, kind, person, sponsor, publicKey };
  } else if (event.type === 'device.person-changed') {
    next = { ...next, person: event.payload.person };
  } else if (next.person === undefined) {
    next = { ...next, person: { name: event.actor } };
  }
  devices.set(event.deviceId, next);
  if (event.type === 'device.revoked') {
    const { deviceId, afterSeq } = event.payload;
    const target = devices.get(deviceId);
    const after = Math.min(afterSeq, target?.revokedAfter ?? Infinity);
    devices.set(deviceId, {
      ...(target ?? unknownDevice(deviceId, at, at)),
      revokedAfter: after,
      revokedBy: event.deviceId,
      revokedAt: at,
      forked: (target?.forked ?? false) || event.payload.proof !== undefined,
    });
  }
  return true;
}

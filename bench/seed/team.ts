// The team that used the war-room for a year, as devices: each person's laptop
// (its host) and the window on it, the NOC's always-on laptop that runs the
// monitors, the team hub and its ChatOps bridge. Every device has its own
// Ed25519 key (derived from the seed, so runs repeat), its id made from that
// key, and a chain per workspace that opens with its enrolment, exactly as the
// app seals and signs: common/events/chain.ts does the sealing here too.
import { sealSignedNow, EMPTY_HEAD, type ChainHead } from '../../common/events/chain';
import { deviceIdOf } from '../../common/events/devices';
import type { DeviceKind, EventDraft, PersonRef, WarEvent } from '../../common/events/event';
import { importDeviceKey, type DeviceKey } from '../../main/services/identity/device-key';
import type { Rng } from './rng';

/** An Ed25519 private key as PKCS#8 DER is this prefix and the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A device key made from the seed's bytes, through the app's own importer. */
export function seededKey(rng: Rng): DeviceKey {
  return importDeviceKey(Buffer.concat([PKCS8_ED25519_PREFIX, rng.bytes(32)]).toString('base64'));
}

export interface SeedDevice {
  readonly deviceId: string;
  readonly key: DeviceKey;
  readonly kind: DeviceKind;
  /** Names the device in messages (`Camille's laptop`). */
  readonly label: string;
  /** The host that let a window in. */
  readonly sponsor?: string;
  /** The person at the device now; a `device.person-changed` moves it on. */
  person: PersonRef;
}

export function seedDevice(
  rng: Rng,
  label: string,
  kind: DeviceKind,
  person: PersonRef,
  sponsor?: SeedDevice,
): SeedDevice {
  const key = seededKey(rng);
  return {
    deviceId: deviceIdOf(key.publicKey),
    key,
    kind,
    label,
    ...(sponsor ? { sponsor: sponsor.deviceId } : {}),
    person,
  };
}

/** One device's chain in one workspace: seals and signs one event at a time, at the time given. */
export class Chain {
  private head: ChainHead = EMPTY_HEAD;

  constructor(
    readonly device: SeedDevice,
    readonly workspace: string,
  ) {}

  get seq(): number {
    return this.head.seq;
  }

  /** The enrolment that opens the chain: the key, the person at the device then, the kind and the sponsor. */
  enrolment(): EventDraft {
    const { device } = this;
    return {
      type: 'device.enrolled',
      actor: device.person.name,
      payload: {
        publicKey: device.key.publicKey,
        person: device.person,
        kind: device.kind,
        ...(device.sponsor ? { sponsor: device.sponsor } : {}),
      },
    };
  }

  /**
   * Seals `draft` after this chain's head at `atMs` under the id given, signs it,
   * and moves the head. The actor is the person at the device, as every
   * receiver requires (a change of person is written by the new one).
   */
  seal(draft: EventDraft, atMs: number, id: string): WarEvent {
    if (this.head.seq === 0 && draft.type !== 'device.enrolled') {
      throw new Error(`${this.device.label}: its first event in ${this.workspace} must be its enrolment`);
    }
    if (draft.type === 'device.person-changed') this.device.person = draft.payload.person;
    const sealed = sealSignedNow(
      this.head,
      [{ ...draft, actor: this.device.person.name } as EventDraft],
      { workspace: this.workspace, deviceId: this.device.deviceId, nowMs: atMs, newId: () => id },
      (hash) => this.device.key.sign(hash),
    );
    this.head = sealed.head;
    return sealed.events[0] as WarEvent;
  }
}

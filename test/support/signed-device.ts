// A device that writes signed events outside any store, for tests and seeds: its
// chain opens with its enrolment, and every event is signed with its own key, as
// a real laptop's would be. `forge` builds what a hostile peer might send.
import { randomUUID } from 'node:crypto';
import { EMPTY_HEAD, sealSignedNow, type ChainHead } from '../../common/events/chain';
import { deviceIdOf } from '../../common/events/devices';
import type { DeviceKind, EventDraft, PersonRef, WarEvent } from '../../common/events/event';
import { generateDeviceKey, type DeviceKey } from '../../main/services/identity/device-key';

export interface SignedDevice {
  readonly deviceId: string;
  readonly key: DeviceKey;
  readonly person: PersonRef;
  /** Seals and signs drafts after this device's head (its enrolment first, once). Actors become the person's. */
  write(drafts: readonly EventDraft[], nowMs: number): WarEvent[];
  /** The chain's head, to forge a continuation from. */
  readonly head: ChainHead;
}

export interface SignedDeviceOptions {
  readonly workspace?: string;
  readonly kind?: DeviceKind;
  readonly sponsor?: string;
  readonly key?: DeviceKey;
  readonly legacy?: Record<string, { seq: number; hash: string }>;
}

export function signedDevice(person: PersonRef | string, options: SignedDeviceOptions = {}): SignedDevice {
  const who = typeof person === 'string' ? { name: person } : person;
  const key = options.key ?? generateDeviceKey();
  // A device's id is made from its key (common/events/devices.ts deviceIdOf).
  const deviceId = deviceIdOf(key.publicKey);
  const workspace = options.workspace ?? 'default';
  let head: ChainHead = EMPTY_HEAD;
  return {
    deviceId,
    key,
    person: who,
    get head() {
      return head;
    },
    write(drafts, nowMs) {
      const enrolment: EventDraft[] =
        head.seq === 0
          ? [
              {
                type: 'device.enrolled',
                actor: who.name,
                payload: {
                  publicKey: key.publicKey,
                  person: who,
                  kind: options.kind ?? 'host',
                  ...(options.sponsor ? { sponsor: options.sponsor } : {}),
                  ...(options.legacy ? { legacy: options.legacy } : {}),
                },
              },
            ]
          : [];
      const sealed = sealSignedNow(
        head,
        [...enrolment, ...drafts.map((draft) => ({ ...draft, actor: who.name }) as EventDraft)],
        { workspace, deviceId, nowMs, newId: randomUUID },
        (hash) => key.sign(hash),
      );
      head = sealed.head;
      return sealed.events;
    },
  };
}

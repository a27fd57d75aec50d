// Signed peers for the store, hub and backup suites (not product code): chains
// continued from a signed device's head (a fork, or a forgery under another key
// or another name), and a laptop's record in memory whose own events are signed.
import { randomUUID } from 'node:crypto';
import { hashEvent, sealSignedNow, type ChainHead } from '../../common/events/chain';
import type { EventDraft, PersonRef, WarEvent } from '../../common/events/event';
import { MemoryEventLog } from '../../common/sync/memory-log';
import type { DeviceKey } from '../../main/services/identity/device-key';
import { signedDevice, type SignedDevice } from './signed-device';

export interface Continuation {
  /** The device's workspace. */
  readonly workspace: string;
  /** Where to continue from: the device's own head by default. */
  readonly head?: ChainHead;
  /** The key that signs: the device's own by default. */
  readonly key?: DeviceKey;
  /** The name written on each event: the device's person by default. */
  readonly actor?: string;
}

/**
 * Events that continue `device`'s chain, sealed and signed as `options` say,
 * without moving the device's own head: two calls from one head are a fork;
 * another key or another name is what a forger would send.
 */
export function continueChain(
  device: SignedDevice,
  drafts: readonly EventDraft[],
  nowMs: number,
  options: Continuation,
): { events: WarEvent[]; head: ChainHead } {
  const key = options.key ?? device.key;
  const actor = options.actor ?? device.person.name;
  return sealSignedNow(
    options.head ?? device.head,
    drafts.map((draft) => ({ ...draft, actor }) as EventDraft),
    { workspace: options.workspace, deviceId: device.deviceId, nowMs, newId: randomUUID },
    (hash) => key.sign(hash),
  );
}

/** `event` with `patch` applied, hashed again and signed with `key`: self-consistent, as a forger holding a key makes it. */
export function resigned(event: WarEvent, patch: Partial<WarEvent>, key: DeviceKey): WarEvent {
  const changed = { ...event, ...patch } as WarEvent;
  const hash = hashEvent(changed);
  return { ...changed, hash, sig: key.sign(hash) } as WarEvent;
}

/** `event` without its signature. */
export function unsigned(event: WarEvent): WarEvent {
  const copy: Partial<WarEvent> = { ...event };
  delete copy.sig;
  return copy as WarEvent;
}

/**
 * A laptop's record in memory (the reference log) whose own events are signed,
 * as a real laptop's are: `write` seals them with its signed device (its
 * enrolment first, once) and keeps them, so `syncWith` pushes them to a hub
 * that checks every signature.
 */
export class SignedLaptop {
  readonly log: MemoryEventLog;
  readonly device: SignedDevice;

  /** `label` names the laptop in a test; its device id is made from its key. */
  constructor(workspace: string, label: string, person: PersonRef | string = 'alice') {
    this.device = signedDevice(person, { workspace });
    this.log = new MemoryEventLog(workspace, this.device.deviceId, () => `${label}-${randomUUID()}`);
  }

  get deviceId(): string {
    return this.device.deviceId;
  }

  async write(drafts: readonly EventDraft[], nowMs: number): Promise<WarEvent[]> {
    const events = this.device.write(drafts, nowMs);
    const applied = await this.log.apply(events, { maxEvents: Math.max(events.length, 1) });
    if (!applied.ok) throw new Error(`${applied.error.code}: ${applied.error.message}`);
    return events;
  }
}

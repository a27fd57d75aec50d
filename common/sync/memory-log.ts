// An EventLog in memory: the reference implementation the property tests run
// many replicas of, and the model the persistent stores must agree with. Given
// an identity, it checks what it receives as the stores do (signatures against
// the devices it holds, persons, the clock bound, revocations) and signs its own
// events, its chain opening with its enrolment; without one, it trusts every
// well-chained batch, as a window trusts its host.
import { compareEvents } from '../domain/order';
import { EMPTY_HEAD, sealEvents, sealSignedNow, type ChainHead } from '../events/chain';
import { deviceIdOf, type DeviceRecord, type VerifySignature } from '../events/devices';
import { forkPoint, forkRevocation } from '../events/fork';
import type { DeviceKind, EventDraft, PersonRef, WarEvent } from '../events/event';
import { decodeHlc } from '../events/hlc';
import type { ApplyOptions, ApplyResult, EventLog, OrderedLog, OrderPosition } from './event-log';
import {
  devicesOf,
  heldKey,
  parseBatch,
  planBatch,
  type HeldHead,
  type IdentityChanges,
  type IdentityContext,
  type LegacyHead,
} from './plan';
import type { VersionVector } from './vector';

/** The identity checks of a log in memory, and the key its own events are signed with. */
export interface MemoryIdentity {
  /** This device's Ed25519 key: its public key in hex, and a signature (hex) of a hash (hex). */
  readonly signer: { readonly publicKey: string; sign(hash: string): string };
  /** The person at this device: every event it writes is theirs. */
  readonly person: PersonRef;
  /** What this device enrols as; a host (laptop) unless said. */
  readonly kind?: DeviceKind;
  readonly verify: VerifySignature;
  /** This replica's wall clock, the bound events from others are checked against. */
  readonly now: () => number;
}

export interface MemoryEventLogOptions {
  readonly identity?: MemoryIdentity;
}

export class MemoryEventLog implements EventLog, OrderedLog {
  private readonly byDevice = new Map<string, WarEvent[]>();
  private ownHead: ChainHead = EMPTY_HEAD;
  /** Devices enrolled, renamed or revoked by the events held (identity checks only). */
  private readonly deviceRecords = new Map<string, DeviceRecord>();
  /** Unsigned chains vouched for by enrolments held (identity checks only). */
  private readonly legacyHeads = new Map<string, LegacyHead>();
  private readonly identity: MemoryIdentity | undefined;

  /** This log's own device: with an identity, the id its key names (whatever `deviceId` said). */
  readonly deviceId: string;

  constructor(
    readonly workspace: string,
    deviceId: string,
    private readonly newId: () => string,
    options: MemoryEventLogOptions = {},
  ) {
    this.identity = options.identity;
    this.deviceId = options.identity ? deviceIdOf(options.identity.signer.publicKey) : deviceId;
  }

  /**
   * Writes local events, as a window or a host service would. With an identity,
   * they are written by its person and signed (the first write opens with the
   * enrolment, not returned), and checked as any receiver would check them: a
   * refusal (this device revoked, say) throws.
   */
  write(drafts: readonly EventDraft[], nowMs: number): WarEvent[] {
    if (this.identity) return this.writeSigned(this.identity, drafts, nowMs);
    const own = this.byDevice.get(this.deviceId) ?? [];
    const sealed = sealEvents(this.ownHead, drafts, {
      workspace: this.workspace,
      deviceId: this.deviceId,
      nowMs,
      newId: this.newId,
    });
    own.push(...sealed.events);
    this.byDevice.set(this.deviceId, own);
    this.ownHead = sealed.head;
    return sealed.events;
  }

  private writeSigned(identity: MemoryIdentity, drafts: readonly EventDraft[], nowMs: number): WarEvent[] {
    const { signer, person } = identity;
    // From the chain held, as a store reads its head: own events may also come back from a peer.
    const last = this.byDevice.get(this.deviceId)?.at(-1);
    const preamble: EventDraft[] = !last
      ? [
          {
            type: 'device.enrolled',
            actor: person.name,
            payload: { publicKey: signer.publicKey, person, kind: identity.kind ?? 'host' },
          },
        ]
      : [];
    const context = { workspace: this.workspace, deviceId: this.deviceId, nowMs, newId: this.newId };
    const head: ChainHead = last
      ? { seq: last.seq, hash: last.hash, hlc: decodeHlc(last.hlc), ...(last.sig ? { sig: last.sig } : {}) }
      : EMPTY_HEAD;
    const { events } = sealSignedNow(
      head,
      [...preamble, ...drafts.map((draft) => ({ ...draft, actor: person.name }) as EventDraft)],
      context,
      (hash) => signer.sign(hash),
    );
    const plan = planBatch(events, {
      workspace: this.workspace,
      heads: new Map(last ? [[this.deviceId, this.heldHead(last)]] : []),
      heldHashes: new Map(),
      identity: this.identityContext(identity, nowMs),
    });
    if (!plan.ok) throw new Error(`${this.deviceId} cannot write: ${plan.error.code}: ${plan.error.message}`);
    this.store(plan.toStore, plan.changes);
    return events.slice(preamble.length);
  }

  /** How many of a device's events count: a revoked device's up to its revocation point (as the SQL store). */
  private counted(deviceId: string, held: number): number {
    return Math.min(held, this.deviceRecords.get(deviceId)?.revokedAfter ?? held);
  }

  async vector(): Promise<VersionVector> {
    const vector: Record<string, number> = {};
    for (const [deviceId, events] of this.byDevice)
      if (events.length) vector[deviceId] = this.counted(deviceId, events.length);
    return vector;
  }

  async eventsBeyond(vector: VersionVector, limit: number): Promise<WarEvent[]> {
    const beyond: WarEvent[] = [];
    for (const [deviceId, events] of this.byDevice)
      beyond.push(...events.slice(vector[deviceId] ?? 0, this.counted(deviceId, events.length)));
    return beyond.sort(compareEvents).slice(0, limit);
  }

  async apply(raw: readonly unknown[], options: ApplyOptions = {}): Promise<ApplyResult> {
    const parsed = parseBatch(raw, options.maxEvents);
    if (!parsed.ok) return parsed;
    const heads = new Map<string, HeldHead>();
    const heldHashes = new Map<string, string>();
    for (const deviceId of devicesOf(parsed.events)) {
      const events = this.byDevice.get(deviceId) ?? [];
      const last = events.at(-1);
      if (last) heads.set(deviceId, this.heldHead(last));
    }
    for (const event of parsed.events) {
      const held = this.byDevice.get(event.deviceId)?.[event.seq - 1];
      if (held) heldHashes.set(heldKey(event.deviceId, event.seq), held.hash);
    }
    const plan = planBatch(parsed.events, {
      workspace: this.workspace,
      heads,
      heldHashes,
      ...(this.identity ? { identity: this.identityContext(this.identity, this.identity.now(), options) } : {}),
    });
    if (!plan.ok) {
      // A proven fork: revoke the device with the proof, then take the batch without its branch.
      const held = plan.fork && this.byDevice.get(plan.fork.deviceId)?.[plan.fork.heldSeq - 1];
      const revocation = plan.fork && held && forkRevocation({ ...plan.fork, held });
      if (!plan.fork || !held || !revocation || !this.identity) return { ok: false, error: plan.error };
      const point = forkPoint({ held, offered: plan.fork.offered });
      const { deviceId } = plan.fork;
      try {
        this.write([revocation], this.identity.now());
      } catch {
        return { ok: false, error: plan.error }; // the held event's own signature does not hold: no proof
      }
      return this.apply(
        parsed.events.filter((event) => event.deviceId !== deviceId || event.seq <= point),
        options,
      );
    }
    this.store(plan.toStore, plan.changes);
    return { ok: true, stored: plan.toStore.length };
  }

  async eventsAfter(position: OrderPosition | undefined, limit: number): Promise<WarEvent[]> {
    const ordered = this.all().sort(compareEvents);
    const from = position ? ordered.findIndex((event) => compareEvents(event, position) > 0) : 0;
    return from < 0 ? [] : ordered.slice(from, from + limit);
  }

  all(): WarEvent[] {
    return [...this.byDevice.values()].flat();
  }

  /** The devices enrolled here, as the events held leave them (empty without identity checks). */
  devices(): DeviceRecord[] {
    return [...this.deviceRecords.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  }

  private heldHead(last: WarEvent): HeldHead {
    return { seq: last.seq, hash: last.hash, hlc: last.hlc, sig: last.sig };
  }

  private identityContext(identity: MemoryIdentity, nowMs: number, options: ApplyOptions = {}): IdentityContext {
    return {
      nowMs,
      devices: this.deviceRecords,
      legacy: this.legacyHeads,
      verify: identity.verify,
      ...(options.admit ? { admit: options.admit } : {}),
    };
  }

  private store(events: readonly WarEvent[], changes: IdentityChanges): void {
    for (const event of events) {
      const held = this.byDevice.get(event.deviceId) ?? [];
      held.push(event);
      this.byDevice.set(event.deviceId, held);
    }
    for (const record of changes.devices) this.deviceRecords.set(record.deviceId, record);
    for (const [deviceId, head] of changes.legacy) {
      if ((this.legacyHeads.get(deviceId)?.seq ?? 0) < head.seq)
        this.legacyHeads.set(deviceId, { seq: head.seq, hash: head.hash });
    }
  }
}

// Deciding what of an incoming batch to store: pure, so every store (Dexie,
// PGlite, PostgreSQL, memory) refuses exactly the same batches for the same reasons.
import { hashEvent } from '../events/chain';
import {
  deviceIdOf,
  isClockAhead,
  mayRevoke,
  recordOfEnrolment,
  type DeviceRecord,
  type VerifySignature,
} from '../events/devices';
import { checkForkProof } from '../events/fork';
import { eventSchema, GENESIS_HASH, type EventOf, type WarEvent } from '../events/event';
import { hlcMillis } from '../events/hlc';
import { MAX_BATCH_EVENTS, type SyncError } from './protocol';

/** What the receiver holds of a device: its last seq and that event's hash. */
export interface HeldHead {
  readonly seq: number;
  readonly hash: string;
  readonly hlc: string;
  /** The held event's signature, which the next one must carry (identity checks need it). */
  readonly sig?: string | null;
}

/** A chain written before events were signed, as far as a device vouched for it. */
export interface LegacyHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Who may enrol through this receiver: a hub takes laptops but no other hub, a
 * host takes its own windows (and, in LAN mode, its teammates' browsers) only
 * as devices it sponsors. Returns the refusal, or undefined to admit.
 */
export type AdmitEnrolment = (event: EventOf<'device.enrolled'>) => SyncError | undefined;

export interface PlanContext {
  readonly workspace: string;
  /** The receiver's head for each device that appears in the batch. */
  readonly heads: ReadonlyMap<string, HeldHead>;
  /** Hashes of held events the batch repeats, by `${deviceId}:${seq}`. */
  readonly heldHashes: ReadonlyMap<string, string>;
  readonly maxEvents?: number;
  /**
   * Identity checks: the receiver's wall clock, the devices it holds (those of
   * the batch and those its revocations name), the unsigned chains vouched for,
   * how to check a signature and who may enrol. Absent: the batch comes from the
   * receiver's own host, which checked all of it (a window trusts the host that serves it).
   */
  readonly identity?: IdentityContext;
}

export interface IdentityContext {
  readonly nowMs: number;
  readonly devices: ReadonlyMap<string, DeviceRecord>;
  readonly legacy: ReadonlyMap<string, LegacyHead>;
  readonly verify: VerifySignature;
  readonly admit?: AdmitEnrolment;
}

/** What a planned batch changes besides its events: devices enrolled, renamed or revoked, chains vouched for. */
export interface IdentityChanges {
  readonly devices: DeviceRecord[];
  readonly legacy: [string, LegacyHead & { readonly attestedBy: string }][];
}

/**
 * A conflict that proves a fork: the offered event is signed by the device's
 * enrolled key yet contradicts the event held at `heldSeq`. The store that has
 * a key of its own revokes the device with both events as proof (`forkRevocation`),
 * then stores the batch without the device's events past the fork.
 */
export interface ProvenFork {
  readonly deviceId: string;
  readonly heldSeq: number;
  readonly offered: WarEvent;
}

export type Plan =
  { ok: true; toStore: WarEvent[]; changes: IdentityChanges } | { ok: false; error: SyncError; fork?: ProvenFork };

export const heldKey = (deviceId: string, seq: number): string => `${deviceId}:${seq}`;

/** Parses a batch's events, keeping the first failure with its position. */
export function parseBatch(
  raw: readonly unknown[],
  maxEvents = MAX_BATCH_EVENTS,
): { ok: true; events: WarEvent[] } | { ok: false; error: SyncError } {
  if (raw.length > maxEvents) {
    return {
      ok: false,
      error: { code: 'oversized', message: `${raw.length} events in one batch; at most ${maxEvents}` },
    };
  }
  const events: WarEvent[] = [];
  for (const [index, item] of raw.entries()) {
    const parsed = eventSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      return {
        ok: false,
        error: {
          code: 'malformed',
          message: `event ${index}: ${issue ? `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}` : 'invalid'}`,
          ...(typeof id === 'string' ? { eventId: id.slice(0, 64) } : {}),
        },
      };
    }
    events.push(parsed.data);
  }
  return { ok: true, events };
}

/** The devices whose heads a store must look up before planning a batch. */
export function devicesOf(events: readonly WarEvent[]): string[] {
  return [...new Set(events.map((event) => event.deviceId))];
}

/**
 * Checks a parsed batch against what the receiver holds. Either every new event
 * is accepted (returned in chain order) or the whole batch is refused with the
 * first fault. Events already held with the same hash are skipped: resending is harmless.
 */
export function planBatch(events: readonly WarEvent[], context: PlanContext): Plan {
  const byDevice = new Map<string, WarEvent[]>();
  for (const event of events) {
    if (event.workspace !== context.workspace) {
      return {
        ok: false,
        error: {
          code: 'wrong-workspace',
          message: `event of workspace "${event.workspace}" sent to "${context.workspace}"`,
          eventId: event.id,
        },
      };
    }
    const list = byDevice.get(event.deviceId) ?? [];
    list.push(event);
    byDevice.set(event.deviceId, list);
  }
  const toStore: WarEvent[] = [];
  const fresh = new Map<string, WarEvent[]>();
  for (const [deviceId, list] of byDevice) {
    list.sort((a, b) => a.seq - b.seq);
    const head = context.heads.get(deviceId) ?? { seq: 0, hash: GENESIS_HASH, hlc: '' };
    let previous = head;
    for (const event of list) {
      if (hashEvent(event) !== event.hash) {
        return {
          ok: false,
          error: {
            code: 'bad-hash',
            message: `${deviceId} #${event.seq}: the hash does not match the event`,
            eventId: event.id,
          },
        };
      }
      if (event.seq <= head.seq) {
        const held = context.heldHashes.get(heldKey(deviceId, event.seq));
        if (held === undefined) {
          // The store must have looked it up; not finding it means the store is inconsistent.
          throw new Error(`planBatch: held hash of ${deviceId} #${event.seq} was not provided`);
        }
        if (held !== event.hash) {
          // Past a revocation nothing of the device counts: a branch there is no conflict.
          const revokedAfter = context.identity?.devices.get(deviceId)?.revokedAfter;
          if (revokedAfter !== undefined && event.seq > revokedAfter) continue;
          return {
            ok: false,
            error: {
              code: 'seq-conflict',
              message: `${deviceId} #${event.seq} differs from the event already held`,
              eventId: event.id,
            },
            ...provenFork(context, event, event.seq),
          };
        }
        continue;
      }
      const revokedAfter = context.identity?.devices.get(deviceId)?.revokedAfter;
      if (revokedAfter !== undefined && event.seq > revokedAfter) {
        const by = context.identity?.devices.get(deviceId)?.revokedBy ?? '?';
        return refuse(
          'device-revoked',
          `${deviceId} was revoked by ${by} after #${revokedAfter}; #${event.seq} is refused`,
          event,
        );
      }
      if (event.seq !== previous.seq + 1) {
        return {
          ok: false,
          error: {
            code: 'seq-gap',
            message: `${deviceId}: expected #${previous.seq + 1}, got #${event.seq}`,
            eventId: event.id,
          },
        };
      }
      const expectedPrevious = event.seq === 1 ? GENESIS_HASH : previous.hash;
      if (event.prevHash !== expectedPrevious) {
        return {
          ok: false,
          error: {
            code: 'broken-chain',
            message: `${deviceId} #${event.seq} does not follow #${previous.seq}`,
            eventId: event.id,
          },
          // Following another event than the one held: a branch, if the device signed it.
          ...(previous === head && head.seq > 0 ? provenFork(context, event, head.seq) : {}),
        };
      }
      // A device's clock only moves forward; a forged one that does not would break
      // the "oldest first" order every peer relies on to send contiguous runs.
      if (event.hlc <= previous.hlc) {
        return {
          ok: false,
          error: {
            code: 'broken-chain',
            message: `${deviceId} #${event.seq}: its clock goes backwards`,
            eventId: event.id,
          },
        };
      }
      toStore.push(event);
      const run = fresh.get(deviceId) ?? [];
      run.push(event);
      fresh.set(deviceId, run);
      previous = { seq: event.seq, hash: event.hash, hlc: event.hlc };
    }
  }
  if (!context.identity) return { ok: true, toStore, changes: { devices: [], legacy: [] } };
  const checked = checkIdentity(fresh, context.heads, context.identity);
  return checked.ok ? { ok: true, toStore, changes: checked.changes } : checked;
}

/** The fork an offered event proves against the event held at `heldSeq`: when its device's enrolled key signed it. */
function provenFork(context: PlanContext, offered: WarEvent, heldSeq: number): { fork?: ProvenFork } {
  const record = context.identity?.devices.get(offered.deviceId);
  if (!record || !offered.sig || !context.identity?.verify(record.publicKey, offered.hash, offered.sig)) return {};
  return { fork: { deviceId: offered.deviceId, heldSeq, offered } };
}

const refuse = (code: SyncError['code'], message: string, event: WarEvent): { ok: false; error: SyncError } => ({
  ok: false,
  error: { code, message, eventId: event.id },
});

const iso = (ms: number): string => (ms <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`);

/**
 * The identity checks of a batch whose chains hold: every event of an enrolled
 * device is signed by its key and written by its person, within the clock bound,
 * and not after its revocation; every unsigned event belongs to a chain some
 * device vouched for when it started signing. Each device's new run is
 * authenticated by the signature of its last event: the hash chain ties every
 * earlier event of the run to it.
 */
function checkIdentity(
  fresh: ReadonlyMap<string, readonly WarEvent[]>,
  heads: ReadonlyMap<string, HeldHead>,
  identity: IdentityContext,
): { ok: true; changes: IdentityChanges } | { ok: false; error: SyncError } {
  const devices = new Map(identity.devices);
  const legacy = new Map(identity.legacy);
  const changed = new Map<string, DeviceRecord>();
  const vouched: IdentityChanges['legacy'] = [];

  // Enrolments first: they bring the keys, and the unsigned chains they vouch for.
  for (const [deviceId, run] of fresh) {
    const first = run[0];
    if (!first || first.type !== 'device.enrolled') continue;
    if (first.seq !== 1) return refuse('not-allowed', `${deviceId} #${first.seq}: a device enrols once, first`, first);
    const record = recordOfEnrolment(first);
    if (deviceId !== deviceIdOf(record.publicKey))
      return refuse(
        'wrong-device-key',
        `${deviceId} is not the id of the key it enrols (${deviceIdOf(record.publicKey)})`,
        first,
      );
    if (first.actor !== record.person.name)
      return refuse(
        'wrong-actor',
        `${deviceId} enrols "${record.person.name}" but is written as "${first.actor}"`,
        first,
      );
    const admission = identity.admit?.(first);
    if (admission) return { ok: false, error: admission };
    if (devices.has(deviceId) || heads.has(deviceId))
      return refuse('seq-conflict', `${deviceId} is already known here`, first);
    if (!first.sig || !identity.verify(record.publicKey, first.hash, first.sig))
      return refuse('bad-signature', `${deviceId}: its enrolment is not signed by the key it enrols`, first);
    devices.set(deviceId, record);
    changed.set(deviceId, record);
    const attested = first.payload.legacy;
    if (attested && record.kind !== 'lan') {
      for (const [legacyId, head] of Object.entries(attested)) {
        const held = legacy.get(legacyId);
        if (identity.devices.has(legacyId) || fresh.get(legacyId)?.[0]?.type === 'device.enrolled') continue;
        if (held && held.seq >= head.seq) continue;
        legacy.set(legacyId, head);
        vouched.push([legacyId, { ...head, attestedBy: deviceId }]);
      }
    }
  }

  const revocations: EventOf<'device.revoked'>[] = [];
  for (const [deviceId, run] of fresh) {
    const record = devices.get(deviceId);
    if (!record) {
      // An unsigned chain: only as far as a signing device vouched for it, and to the hash it gave.
      const head = legacy.get(deviceId);
      for (const event of run) {
        if (!head || event.seq > head.seq)
          return refuse(
            'not-enrolled',
            `${deviceId} #${event.seq}: this device has not enrolled; its events are not signed`,
            event,
          );
        if (event.seq === head.seq && event.hash !== head.hash)
          return refuse('bad-signature', `${deviceId} #${event.seq} is not the event vouched for`, event);
        if (event.type.startsWith('device.'))
          return refuse('not-enrolled', `${deviceId} #${event.seq}: an unsigned chain cannot enrol or revoke`, event);
      }
      continue;
    }
    let person = record.person;
    let previousSig = heads.get(deviceId)?.sig ?? undefined;
    for (const event of run) {
      if (!event.sig) return refuse('unsigned', `${deviceId} #${event.seq} is not signed`, event);
      // Each event carries the signature before it, so the run's last signature vouches for all of them.
      if (event.prevSig !== previousSig)
        return refuse(
          'broken-chain',
          `${deviceId} #${event.seq} does not carry the signature of #${event.seq - 1}`,
          event,
        );
      previousSig = event.sig;
      if (event.type === 'device.enrolled' && event.seq !== 1)
        return refuse('not-allowed', `${deviceId} #${event.seq}: a device enrols once, first`, event);
      // A change of person is written by the person who takes the device over (as every writer records it).
      if (event.type === 'device.person-changed') person = event.payload.person;
      if (event.actor !== person.name)
        return refuse(
          'wrong-actor',
          `${deviceId} #${event.seq} is written as "${event.actor}"; the person at this device is "${person.name}"`,
          event,
        );
      if (isClockAhead(event, identity.nowMs))
        return refuse(
          'clock-ahead',
          `${deviceId} #${event.seq}: its clock says ${iso(hlcMillis(event.hlc))}, more than 5 minutes after this receiver's ${iso(identity.nowMs)}`,
          event,
        );
      if (event.type === 'device.revoked') revocations.push(event);
    }
    const last = run.at(-1);
    if (last?.sig && !identity.verify(record.publicKey, last.hash, last.sig))
      return refuse(
        'wrong-device-key',
        `${deviceId} #${last.seq} is not signed by the key ${deviceId} enrolled with`,
        last,
      );
    if (person !== record.person) {
      const renamed = { ...record, person };
      devices.set(deviceId, renamed);
      changed.set(deviceId, renamed);
    }
  }

  for (const event of revocations) {
    const revoker = devices.get(event.deviceId);
    const targetId = event.payload.deviceId;
    const target = devices.get(targetId);
    if (event.payload.proof) {
      // A fork's proof stands on its own, whoever holds it.
      const fault = revoker ? checkForkProof(event, target, identity.verify) : 'the revoker is not enrolled';
      if (fault) return refuse('not-allowed', `${event.deviceId} may not revoke ${targetId}: ${fault}`, event);
    } else if (!revoker || !mayRevoke(revoker, target, targetId))
      return refuse(
        'not-allowed',
        `${event.deviceId} may not revoke ${targetId}: only the device itself, the host that let it in or a hub may`,
        event,
      );
    if (!target) continue;
    const after = Math.min(event.payload.afterSeq, target.revokedAfter ?? Infinity);
    if (after === target.revokedAfter) continue;
    const revoked = { ...target, revokedAfter: after, revokedBy: event.deviceId };
    devices.set(targetId, revoked);
    changed.set(targetId, revoked);
  }

  for (const [deviceId, run] of fresh) {
    const record = devices.get(deviceId);
    const late =
      record?.revokedAfter === undefined ? undefined : run.find((event) => event.seq > (record.revokedAfter ?? 0));
    if (record && late)
      return refuse(
        'device-revoked',
        `${deviceId} was revoked by ${record.revokedBy ?? '?'} after #${record.revokedAfter ?? 0}; #${late.seq} is refused`,
        late,
      );
  }
  return { ok: true, changes: { devices: [...changed.values()], legacy: vouched } };
}

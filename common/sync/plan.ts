// Deciding what of an incoming batch to store: pure, so every store (Dexie,
// PGlite, PostgreSQL, memory) refuses exactly the same batches for the same reasons.
import { hashEvent } from '../events/chain';
import { eventSchema, GENESIS_HASH, type WarEvent } from '../events/event';
import { MAX_BATCH_EVENTS, type SyncError } from './protocol';

/** What the receiver holds of a device: its last seq and that event's hash. */
export interface HeldHead {
  readonly seq: number;
  readonly hash: string;
  readonly hlc: string;
}

export interface PlanContext {
  readonly workspace: string;
  /** The receiver's head for each device that appears in the batch. */
  readonly heads: ReadonlyMap<string, HeldHead>;
  /** Hashes of held events the batch repeats, by `${deviceId}:${seq}`. */
  readonly heldHashes: ReadonlyMap<string, string>;
  readonly maxEvents?: number;
}

export type Plan = { ok: true; toStore: WarEvent[] } | { ok: false; error: SyncError };

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
          return {
            ok: false,
            error: {
              code: 'seq-conflict',
              message: `${deviceId} #${event.seq} differs from the event already held`,
              eventId: event.id,
            },
          };
        }
        continue;
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
      previous = { seq: event.seq, hash: event.hash, hlc: event.hlc };
    }
  }
  return { ok: true, toStore };
}

// What every replica's store offers the sync protocol. Dexie in the window,
// PGlite in the host, PostgreSQL in the hub and a Map in the property tests all
// implement it, and all refuse the same batches (see plan.ts).
import type { WarEvent } from '../events/event';
import type { AdmitEnrolment } from './plan';
import type { SyncError } from './protocol';
import type { VersionVector } from './vector';

/** How a batch is taken: who may enrol through this link, and how many events at most. */
export interface ApplyOptions {
  readonly admit?: AdmitEnrolment;
  readonly maxEvents?: number;
}

export type ApplyResult = { ok: true; stored: number } | { ok: false; error: SyncError };

export interface EventLog {
  readonly workspace: string;
  /** Highest contiguous seq held per device. */
  vector(): Promise<VersionVector>;
  /**
   * Events this log holds beyond `vector`, oldest first (hlc, deviceId, seq), so
   * each device's events come as a contiguous run following on from `vector`.
   */
  eventsBeyond(vector: VersionVector, limit: number): Promise<WarEvent[]>;
  /**
   * Verifies and stores a batch from a peer in one transaction: all of it, or
   * nothing. `maxEvents` lifts the batch limit (a restore applies a whole file at once).
   */
  apply(events: readonly unknown[], options?: ApplyOptions): Promise<ApplyResult>;
}

/** A position in the one total order (hlc, deviceId, seq): an event's. */
export type OrderPosition = Pick<WarEvent, 'hlc' | 'deviceId' | 'seq'>;

/** A store that reads its events in the total order from any point, so a reader refolds from a checkpoint, not from the start. */
export interface OrderedLog {
  /** Up to `limit` events after `position` (from the first when undefined) in (hlc, deviceId, seq) order, revoked ones included. */
  eventsAfter(position: OrderPosition | undefined, limit: number): Promise<WarEvent[]>;
}

/** A store that indexes documents by collection (the host's and the hub's), so a reader of one kind never scans the record. */
export interface DocumentIndex {
  /** Every document event of `collection` in the total order, and the vector they were read at. */
  documentEvents(collection: string): Promise<{ events: WarEvent[]; vector: VersionVector }>;
}

export function hasDocumentIndex(log: EventLog): log is EventLog & DocumentIndex {
  return typeof (log as Partial<DocumentIndex>).documentEvents === 'function';
}

// The window's folded state, kept current without refolding the log: it reads
// only the events beyond what it has folded (by version vector) and applies them
// incrementally. It keeps no copy of the events: when sync brings an older event
// it folds again from the last checkpoint before it, reading from Dexie each
// device's events beyond that checkpoint (common/domain/checkpointed-fold.ts).
// Between visits it keeps its state (snapshot-store.ts): a reload starts from
// it and reads only the events written since.
import { liveQuery } from 'dexie';
import { CheckpointedFold } from '../../common/domain/checkpointed-fold';
import type { WarRoomState } from '../../common/domain/incidents';
import { compareEvents } from '../../common/domain/order';
import { fromSnapshot, toSnapshot } from '../../common/domain/state-snapshot';
import type { EventStore } from './database';
import { SnapshotStore } from './snapshot-store';

/** IndexedDB's largest count (an unsigned long). */
const ALL = 2 ** 32 - 1;

/** The code running: the bundle's address carries a hash of its content, so a new build never takes an old build's snapshot. */
export const SNAPSHOT_BUILD = import.meta.url;

/** A snapshot is kept once this many events were folded since the last one, and when the page is hidden (closed, reloaded). */
const SAVE_EVERY_EVENTS = 1_000;

export class Projection {
  private state: WarRoomState | undefined;
  private readonly vector: Record<string, number> = {};
  private readonly fold: CheckpointedFold;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<void> | null = null;
  private isStale = false;
  private stop: (() => void) | null = null;
  private readonly snapshots: SnapshotStore;
  private unsaved = 0;
  private isSaving = false;
  private resumed: Promise<void> | null = null;

  constructor(private readonly store: EventStore) {
    this.fold = new CheckpointedFold(async function* byDevice(checkpoint) {
      yield (await store.eventsBeyond(checkpoint?.vector ?? {}, ALL)).sort(compareEvents);
    });
    this.snapshots = new SnapshotStore(store.db.name);
  }

  /** Follows the log: local appends at once, other windows' and sync's writes through Dexie's change feed. */
  start(): void {
    if (this.stop) return;
    const offAppend = this.store.onAppend(() => void this.refresh());
    const heads = liveQuery(() => this.store.db.heads.toArray()).subscribe({ next: () => void this.refresh() });
    const onHide = () => {
      if (document.visibilityState === 'hidden') void this.save();
    };
    document.addEventListener('visibilitychange', onHide);
    this.stop = () => {
      offAppend();
      heads.unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
    };
    void this.refresh();
  }

  dispose(): void {
    this.stop?.();
    this.stop = null;
    this.snapshots.close();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.start();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): WarRoomState | undefined => this.state;

  /** Reads and folds whatever is new; calls that arrive meanwhile coalesce into one more pass. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.isStale = true;
      return this.refreshing;
    }
    this.refreshing = this.pass().finally(() => {
      this.refreshing = null;
      if (this.isStale) {
        this.isStale = false;
        void this.refresh();
      }
    });
    return this.refreshing;
  }

  private async pass(): Promise<void> {
    this.resumed ??= this.resume();
    await this.resumed;
    const fresh = await this.store.eventsBeyond(this.vector, ALL);
    if (fresh.length === 0 && this.state) return;
    for (const event of fresh) this.vector[event.deviceId] = Math.max(this.vector[event.deviceId] ?? 0, event.seq);
    this.state = await this.fold.add(fresh);
    for (const listener of this.listeners) listener();
    this.unsaved += fresh.length;
    // Not on a timer: a save copies the whole state on this thread, and a note being posted must not wait for it.
    if (this.unsaved >= SAVE_EVERY_EVENTS) this.saveWhenIdle();
  }

  /** Starts from the last visit's snapshot, when this code folded it and the record still holds what it was folded from. */
  private async resume(): Promise<void> {
    const row = await this.snapshots.load(SNAPSHOT_BUILD);
    if (!row) return;
    const keys = Object.entries(row.vector).map(([deviceId, seq]): [string, number] => [deviceId, seq]);
    const held = await this.store.db.events.bulkGet(keys);
    const isHeld = keys.every(([deviceId], index) => held[index]?.hash === row.hashes[deviceId]);
    if (!isHeld) return;
    const state = fromSnapshot(row.state);
    Object.assign(this.vector, row.vector);
    this.fold.resume(state, row.vector);
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private saveWhenIdle(): void {
    if (this.isSaving) return;
    this.isSaving = true;
    const run = () => void this.save().finally(() => (this.isSaving = false));
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5_000 });
    else setTimeout(run, 1_000);
  }

  /** Keeps the state as folded now, with the events it was folded up to. */
  private async save(): Promise<void> {
    // Mid-pass, the state and what it was folded from are out of step: after it, then.
    await this.refreshing;
    if (!this.state || this.unsaved === 0) return;
    // Both read at once: the fold's state and the events it holds.
    const state = this.fold.current;
    const vector = this.fold.vector;
    const keys = Object.entries(vector).map(([deviceId, seq]): [string, number] => [deviceId, seq]);
    const held = await this.store.db.events.bulkGet(keys);
    const hashes: Record<string, string> = {};
    for (const [index, [deviceId]] of keys.entries()) {
      const hash = held[index]?.hash;
      if (!hash) return; // not all of it stored yet: the next pass saves
      hashes[deviceId] = hash;
    }
    this.unsaved = 0;
    await this.snapshots.save({ key: 'fold', build: SNAPSHOT_BUILD, vector, hashes, state: toSnapshot(state) });
  }
}

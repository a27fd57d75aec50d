// The window's folded state, kept current without refolding the log: it reads
// only the events beyond what it has folded (by version vector) and applies them
// incrementally. It keeps no copy of the events: when sync brings an older event
// it folds again from the last checkpoint before it, reading from Dexie each
// device's events beyond that checkpoint (common/domain/checkpointed-fold.ts).
import { liveQuery } from 'dexie';
import { CheckpointedFold } from '../../common/domain/checkpointed-fold';
import type { WarRoomState } from '../../common/domain/incidents';
import { compareEvents } from '../../common/domain/order';
import type { EventStore } from './database';

/** IndexedDB's largest count (an unsigned long). */
const ALL = 2 ** 32 - 1;

export class Projection {
  private state: WarRoomState | undefined;
  private readonly vector: Record<string, number> = {};
  private readonly fold: CheckpointedFold;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<void> | null = null;
  private isStale = false;
  private stop: (() => void) | null = null;

  constructor(private readonly store: EventStore) {
    this.fold = new CheckpointedFold(async function* byDevice(checkpoint) {
      yield (await store.eventsBeyond(checkpoint?.vector ?? {}, ALL)).sort(compareEvents);
    });
  }

  /** Follows the log: local appends at once, other windows' and sync's writes through Dexie's change feed. */
  start(): void {
    if (this.stop) return;
    const offAppend = this.store.onAppend(() => void this.refresh());
    const heads = liveQuery(() => this.store.db.heads.toArray()).subscribe({ next: () => void this.refresh() });
    this.stop = () => {
      offAppend();
      heads.unsubscribe();
    };
    void this.refresh();
  }

  dispose(): void {
    this.stop?.();
    this.stop = null;
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
    const fresh = await this.store.eventsBeyond(this.vector, ALL);
    if (fresh.length === 0 && this.state) return;
    for (const event of fresh) this.vector[event.deviceId] = Math.max(this.vector[event.deviceId] ?? 0, event.seq);
    this.state = await this.fold.add(fresh);
    for (const listener of this.listeners) listener();
  }
}

// The window's folded state, kept current without refolding the log: it reads
// only the events beyond what it has folded (by version vector) and applies them
// incrementally, refolding everything only when sync brings an older event.
import { liveQuery } from 'dexie';
import { advanceState, foldEvents, type WarRoomState } from '../../common/domain/incidents';
import type { WarEvent } from '../../common/events/event';
import type { EventStore } from './database';

/** IndexedDB's largest count (an unsigned long). */
const ALL = 2 ** 32 - 1;

export class Projection {
  private state: WarRoomState | undefined;
  private readonly vector: Record<string, number> = {};
  private readonly events: WarEvent[] = [];
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<void> | null = null;
  private isStale = false;
  private stop: (() => void) | null = null;

  constructor(private readonly store: EventStore) {}

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
    for (const event of fresh) {
      this.vector[event.deviceId] = Math.max(this.vector[event.deviceId] ?? 0, event.seq);
      this.events.push(event);
    }
    this.state = (this.state && advanceState(this.state, fresh)) ?? foldEvents(this.events);
    for (const listener of this.listeners) listener();
  }
}

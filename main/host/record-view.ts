// The host's own reading of its record: the same fold the windows show, kept
// current by reading only what is new (by version vector). The host consults it
// before acting for a window, so a window's say-so never replaces the record.
//
// It keeps no copy of the events (common/domain/checkpointed-fold.ts): an event
// that sorts before what it folded (sync brought an older one) is folded again
// from the last checkpoint before it, reading the record in its order from there.
import { CheckpointedFold } from '../../common/domain/checkpointed-fold';
import type { WarRoomState } from '../../common/domain/incidents';
import type { WarEvent } from '../../common/events/event';
import type { EventLog, OrderedLog } from '../../common/sync/event-log';
import type { VersionVector } from '../../common/sync/vector';
import type { Clock } from '../services/clock';
import type { HostEvents } from './bridge-router';

const READ_BATCH = 5_000;

export interface RecordViewOptions {
  readonly log: () => Promise<EventLog & OrderedLog>;
  /** Events folded between two checkpoints (tests make it small). */
  readonly checkpointEvery?: number;
  readonly events: HostEvents;
  readonly clock: Clock;
}

export function covers(held: VersionVector, wanted: VersionVector): boolean {
  return Object.entries(wanted).every(([deviceId, seq]) => (held[deviceId] ?? 0) >= seq);
}

export class RecordView {
  private fold: CheckpointedFold | undefined;
  private readonly vector: Record<string, number> = {};
  private reading: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RecordViewOptions) {}

  /** How many times the view folded again from a checkpoint or from the start (tests read it). */
  get refolds(): number {
    return this.fold?.refolds ?? 0;
  }

  /** The state of everything the host's record holds now. */
  current(): Promise<WarRoomState> {
    // One read at a time, in turn; a failed read does not stop the next.
    const next = this.reading.then(
      () => this.read(),
      () => this.read(),
    );
    this.reading = next.catch(() => undefined);
    return next;
  }

  /**
   * The state once the record holds at least `wanted` (a window's record when a
   * person acted), or null when it still does not `timeoutMs` after the record
   * was first read: the window's events reach the host by its sync loop, a
   * moment after they are written. Opening the store does not count against
   * the wait, since it can take seconds on its own.
   */
  async covering(wanted: VersionVector, timeoutMs: number): Promise<WarRoomState | null> {
    const first = await this.current();
    if (covers(this.vector, wanted)) return first;
    return new Promise((resolve) => {
      let isDone = false;
      const finish = (value: WarRoomState | null) => {
        if (isDone) return;
        isDone = true;
        this.options.clock.clearTimeout(timer);
        unsubscribe();
        resolve(value);
      };
      const check = () =>
        void this.current().then(
          (state) => {
            if (covers(this.vector, wanted)) finish(state);
          },
          () => finish(null),
        );
      const unsubscribe = this.options.events.subscribe((name) => {
        if (name === 'sync:changed') check();
      });
      const timer = this.options.clock.setTimeout(() => finish(null), timeoutMs);
      // A push may have landed between the first read and the subscription.
      check();
    });
  }

  private async read(): Promise<WarRoomState> {
    const log = await this.options.log();
    this.fold ??= new CheckpointedFold(
      async function* inOrder(checkpoint) {
        let position: WarEvent | undefined = checkpoint?.at;
        for (;;) {
          const batch = await log.eventsAfter(position, READ_BATCH);
          if (batch.length > 0) yield batch;
          if (batch.length < READ_BATCH) return;
          position = batch.at(-1);
        }
      },
      this.options.checkpointEvery ? { every: this.options.checkpointEvery } : {},
    );
    const fresh: WarEvent[] = [];
    for (;;) {
      const batch = await log.eventsBeyond(this.vector, READ_BATCH);
      for (const event of batch) this.vector[event.deviceId] = Math.max(this.vector[event.deviceId] ?? 0, event.seq);
      fresh.push(...batch);
      if (batch.length < READ_BATCH) break;
    }
    return fresh.length > 0 ? this.fold.add(fresh) : this.fold.current;
  }
}

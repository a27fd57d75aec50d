// The host's own reading of its record: the same fold the windows show, kept
// current by reading only what is new (by version vector). The host consults it
// before acting for a window, so a window's say-so never replaces the record.
//
// It keeps no copy of the events. An event that sorts before what it folded
// already (sync brought an older one) is folded again from the last checkpoint
// before it, reading the record from there in its order; checkpoints are the
// states at a few points of the order, the newest ones closest together.
import { advanceState, EMPTY_STATE, foldEvents, type WarRoomState } from '../../common/domain/incidents';
import type { WarEvent } from '../../common/events/event';
import { compareEvents } from '../../common/domain/order';
import type { EventLog, OrderedLog } from '../../common/sync/event-log';
import type { VersionVector } from '../../common/sync/vector';
import type { Clock } from '../services/clock';
import type { HostEvents } from './bridge-router';

const READ_BATCH = 5_000;
/** Events folded between two checkpoints, and how many checkpoints are kept (the oldest go first). */
const CHECKPOINT_EVERY = 10_000;
const CHECKPOINTS = 6;

interface Checkpoint {
  /** The last event folded into `state`. */
  readonly at: WarEvent;
  readonly state: WarRoomState;
}

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
  private state: WarRoomState = EMPTY_STATE;
  private readonly vector: Record<string, number> = {};
  private checkpoints: Checkpoint[] = [];
  /** Events folded since the newest checkpoint. */
  private sinceCheckpoint = 0;
  private refoldCount = 0;
  private reading: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RecordViewOptions) {}

  /** How many times the view folded again from a checkpoint or from the start (tests read it). */
  get refolds(): number {
    return this.refoldCount;
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
    const fresh: WarEvent[] = [];
    for (;;) {
      const batch = await log.eventsBeyond(this.vector, READ_BATCH);
      this.note(batch);
      fresh.push(...batch);
      if (batch.length < READ_BATCH) break;
    }
    if (fresh.length === 0) return this.state;
    // In the record's order, a checkpoint's worth at a time, so that a long read leaves checkpoints along the way.
    const ordered = [...fresh].sort(compareEvents);
    const every = this.options.checkpointEvery ?? CHECKPOINT_EVERY;
    for (let start = 0; start < ordered.length; start += every) {
      const advanced = advanceState(this.state, ordered.slice(start, start + every));
      if (!advanced) {
        await this.refold(log, ordered.slice(start));
        break;
      }
      this.state = advanced;
      this.countFolded(Math.min(every, ordered.length - start));
    }
    return this.state;
  }

  /** What the view has read (a refold may read events stored since its last read: they count as read). */
  private note(events: readonly WarEvent[]): void {
    for (const event of events) this.vector[event.deviceId] = Math.max(this.vector[event.deviceId] ?? 0, event.seq);
  }

  private countFolded(count: number): void {
    this.sinceCheckpoint += count;
    const last = this.state.last;
    if (this.sinceCheckpoint < (this.options.checkpointEvery ?? CHECKPOINT_EVERY) || !last) return;
    this.checkpoints.push({ at: last, state: this.state });
    this.sinceCheckpoint = 0;
    if (this.checkpoints.length > CHECKPOINTS) this.checkpoints.splice(0, 1);
  }

  /**
   * Folds again from the last checkpoint before the oldest of `fresh` (they are
   * stored already), reading the record in its order from there. A revocation
   * that reaches back before the checkpoint, or no checkpoint old enough, folds
   * the whole record.
   */
  private async refold(log: EventLog & OrderedLog, fresh: readonly WarEvent[]): Promise<void> {
    this.refoldCount += 1;
    const oldest = fresh.reduce((a, b) => (compareEvents(a, b) <= 0 ? a : b));
    while (this.checkpoints.length > 0 && compareEvents(this.checkpoints.at(-1)?.at ?? oldest, oldest) >= 0)
      this.checkpoints.pop();
    const base = this.checkpoints.at(-1);
    let state = base?.state ?? EMPTY_STATE;
    let position: WarEvent | undefined = base?.at;
    this.sinceCheckpoint = 0;
    for (;;) {
      const batch = await log.eventsAfter(position, READ_BATCH);
      if (batch.length === 0) break;
      this.note(batch);
      const next = advanceState(state, batch);
      if (!next) return this.foldWhole(log);
      state = next;
      position = batch.at(-1);
      this.state = state;
      this.countFolded(batch.length);
      if (batch.length < READ_BATCH) break;
    }
    this.state = state;
  }

  private async foldWhole(log: EventLog & OrderedLog): Promise<void> {
    const events: WarEvent[] = [];
    for (;;) {
      const batch = await log.eventsAfter(events.at(-1), READ_BATCH);
      this.note(batch);
      events.push(...batch);
      if (batch.length < READ_BATCH) break;
    }
    this.checkpoints = [];
    this.sinceCheckpoint = 0;
    this.state = foldEvents(events);
  }
}

// The fold of a record that keeps no copy of its events: new events are folded
// on in the total order; one that sorts before what is folded already (sync
// brought an older one) is folded again from the last checkpoint before it,
// reading from the record only what sorts after that checkpoint. A checkpoint
// is the state at one point of the order and, per device, the last seq folded
// into it: a device's clock only moves forward along its chain, so what sorts
// after the checkpoint is exactly each device's events beyond that seq. The host
// (reading its store in order) and the window (reading Dexie by device) share it.
import { compareEvents } from './order';
import { advanceState, EMPTY_STATE, foldEvents, type WarRoomState } from './incidents';
import type { WarEvent } from '../events/event';

type Vector = Readonly<Record<string, number>>;

export interface Checkpoint {
  /** The last event folded into `state`. */
  readonly at: WarEvent;
  readonly state: WarRoomState;
  /** Per device, the last seq folded into `state`. */
  readonly vector: Vector;
}

/** The events that sort after `checkpoint` (every event, from undefined), in batches, in the total order. */
export type ReadAfter = (checkpoint: Checkpoint | undefined) => AsyncIterable<readonly WarEvent[]>;

export interface CheckpointOptions {
  /** Events folded between two checkpoints. */
  readonly every?: number;
  /** Checkpoints kept; the oldest go first. */
  readonly keep?: number;
}

export class CheckpointedFold {
  private state: WarRoomState = EMPTY_STATE;
  private folded: Record<string, number> = {};
  private checkpoints: Checkpoint[] = [];
  private sinceCheckpoint = 0;
  private refoldCount = 0;
  private readonly every: number;
  private readonly keep: number;

  constructor(
    private readonly readAfter: ReadAfter,
    { every = 10_000, keep = 6 }: CheckpointOptions = {},
  ) {
    this.every = every;
    this.keep = keep;
  }

  /**
   * Starts from a state folded earlier (a window's snapshot of its last visit)
   * holding, per device, the events up to `vector`: later events fold on from
   * it, and an older one refolds from it or, before it, from the record.
   */
  resume(state: WarRoomState, vector: Readonly<Record<string, number>>): void {
    this.state = state;
    this.folded = { ...vector };
    this.checkpoints = state.last ? [{ at: state.last, state, vector: { ...vector } }] : [];
    this.sinceCheckpoint = 0;
  }

  /** Per device, the last seq folded into the current state. */
  get vector(): Readonly<Record<string, number>> {
    return { ...this.folded };
  }

  get current(): WarRoomState {
    return this.state;
  }

  /** How many times the fold started again from a checkpoint or from the start (tests read it). */
  get refolds(): number {
    return this.refoldCount;
  }

  /**
   * Folds events new to the reader, stored in the record already: each device's
   * as a run that follows on from those handed over before (what reading beyond
   * a version vector gives). Those a refold read meanwhile are skipped; the rest
   * go in order, a checkpoint's worth at a time, so a long read leaves
   * checkpoints along the way.
   */
  async add(events: readonly WarEvent[]): Promise<WarRoomState> {
    const fresh = events.filter((event) => event.seq > (this.folded[event.deviceId] ?? 0)).sort(compareEvents);
    for (let start = 0; start < fresh.length; start += this.every) {
      const chunk = fresh.slice(start, start + this.every);
      const advanced = advanceState(this.state, chunk);
      if (!advanced) {
        await this.refoldFrom(chunk[0]);
        break;
      }
      this.took(advanced, chunk);
    }
    return this.state;
  }

  private took(state: WarRoomState, events: readonly WarEvent[]): void {
    this.state = state;
    for (const event of events) this.folded[event.deviceId] = Math.max(this.folded[event.deviceId] ?? 0, event.seq);
    this.sinceCheckpoint += events.length;
    const last = state.last;
    if (this.sinceCheckpoint < this.every || !last) return;
    this.checkpoints.push({ at: last, state, vector: { ...this.folded } });
    this.sinceCheckpoint = 0;
    if (this.checkpoints.length > this.keep) this.checkpoints.splice(0, 1);
  }

  /**
   * Folds again from the last checkpoint before `oldest`. A revocation that
   * reaches back before the checkpoint, or no checkpoint old enough, folds the
   * whole record.
   */
  private async refoldFrom(oldest: WarEvent | undefined): Promise<void> {
    this.refoldCount += 1;
    while (oldest && this.checkpoints.length > 0 && compareEvents(this.checkpoints.at(-1)?.at ?? oldest, oldest) >= 0)
      this.checkpoints.pop();
    const base = this.checkpoints.at(-1);
    this.state = base?.state ?? EMPTY_STATE;
    this.folded = { ...base?.vector };
    this.sinceCheckpoint = 0;
    for await (const batch of this.readAfter(base)) {
      const advanced = advanceState(this.state, batch);
      if (!advanced) return this.foldWhole();
      this.took(advanced, batch);
    }
  }

  private async foldWhole(): Promise<void> {
    const events: WarEvent[] = [];
    for await (const batch of this.readAfter(undefined)) events.push(...batch);
    this.checkpoints = [];
    this.sinceCheckpoint = 0;
    this.folded = {};
    this.state = foldEvents(events);
    for (const event of events) this.folded[event.deviceId] = Math.max(this.folded[event.deviceId] ?? 0, event.seq);
  }
}

// The exercise clock of one host: it plays the sessions this device started
// (the facilitator's laptop), firing each inject when exercise time reaches
// its offset, at the session's speed, and never while it is paused. It reads
// the record rather than keeping its own schedule, so a pause, a change of
// speed or an inject fired by hand from a window reschedules it (only this
// device's controls count: common/exercises/session.ts), and a restart picks
// up where the record stands: injects that fell due while the host was down
// fire at once, in order.
import type { EventDraft } from '../../../common/events/event';
import type { WarRoomState } from '../../../common/domain/incidents';
import { dueInjects, nextDueAt } from '../../../common/exercises/session';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../logger';

export interface ExerciseClockOptions {
  readonly clock: Clock;
  /** This host's device id in the exercise workspace: it runs the sessions started from it. */
  readonly deviceId: () => Promise<string>;
  /** The exercise record as the host holds it now. */
  readonly state: () => Promise<WarRoomState>;
  readonly append: (drafts: readonly EventDraft[]) => Promise<void>;
  readonly logger: Logger;
}

/** The clock signs what it fires; the timeline shows it as the exercise's doing, not a person's. */
export const CLOCK_ACTOR = 'exercise-clock';

export class ExerciseClock {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private isClosed = false;

  constructor(private readonly options: ExerciseClockOptions) {}

  /** Reads the record again: fires what is due and schedules the next inject. Cheap when nothing changed. */
  refresh(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.tick()
      .catch((error: unknown) => this.options.logger.error('the exercise clock could not fire an inject', error))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          void this.refresh();
        }
      });
    return this.running;
  }

  close(): void {
    this.isClosed = true;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    const deviceId = await this.options.deviceId();
    for (;;) {
      const state = await this.options.state();
      const now = this.options.clock.now();
      const own = [...state.exercises.values()].filter((session) => session.clockDevice === deviceId);
      const drafts: EventDraft[] = own.flatMap((session) =>
        dueInjects(session, now).map((inject) => ({
          type: 'exercise.inject' as const,
          actor: CLOCK_ACTOR,
          payload: { sessionId: session.id, injectId: inject.id, action: 'fired' as const, by: 'clock' as const },
        })),
      );
      if (drafts.length > 0) {
        this.options.logger.info(`fired ${drafts.length} inject(s)`);
        await this.options.append(drafts);
        // The fold of what was just written decides the next one.
        continue;
      }
      this.schedule(own.map(nextDueAt), now);
      return;
    }
  }

  private schedule(dueTimes: readonly (number | undefined)[], now: number): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const next = Math.min(...dueTimes.filter((due): due is number => due !== undefined));
    if (this.isClosed || !Number.isFinite(next)) return;
    this.timer = this.options.clock.setTimeout(() => void this.refresh(), Math.max(0, Math.ceil(next - now)));
  }
}

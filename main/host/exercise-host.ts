// Exercises wired into the host: the facilitator's calls (start, steer, fire
// or skip an inject) are checked against the host's own copy of the exercise
// record and written into this device's chain, which makes this host the
// session's clock. Only the clock's device steers a session (the fold ignores
// controls and injects from any other), so a host refuses to steer a session
// whose clock runs on another laptop rather than write events without effect.
// The clock re-reads the record whenever it grows, so a pause or an inject
// fired by hand from a window reschedules it.
import { randomUUID } from 'node:crypto';
import type { ExerciseRefusal } from '../../common/bridge/exercise-contract';
import type { EventDraft } from '../../common/events/event';
import { scenarioSchema } from '../../common/exercises/scenario-schema';
import { activeSession, type ExerciseSession } from '../../common/exercises/session';
import type { Clock } from '../services/clock';
import { ExerciseClock } from '../services/exercise/exercise-clock';
import type { Logger } from '../services/logger';
import { CallRefused, type Handlers } from './bridge-router';
import type { RecordView } from './record-view';

type ExerciseCalls = 'exercise:start' | 'exercise:control' | 'exercise:inject';

export interface ExerciseHostOptions {
  /** The host's reading of the exercise workspace. */
  readonly view: RecordView;
  /** Writes into the exercise workspace as this device, and tells windows and the hub. */
  readonly append: (drafts: readonly EventDraft[]) => Promise<void>;
  /** This device's id, once the store is open. */
  readonly deviceId: () => Promise<string>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface ExerciseHost {
  readonly handlers: Pick<Handlers, ExerciseCalls>;
  /** The exercise record grew (a window, the hub): the clock looks again. */
  onChanged(): void;
  start(): Promise<void>;
  close(): void;
}

function refuse(reason: ExerciseRefusal): never {
  throw new CallRefused(reason);
}

export function createExerciseHost(options: ExerciseHostOptions): ExerciseHost {
  const clock = new ExerciseClock({
    clock: options.clock,
    deviceId: options.deviceId,
    state: () => options.view.current(),
    append: options.append,
    logger: options.logger,
  });
  const write = async (drafts: readonly EventDraft[]) => {
    await options.append(drafts);
    await clock.refresh();
  };
  const playing = async (sessionId: string): Promise<ExerciseSession> => {
    const session = (await options.view.current()).exercises.get(sessionId);
    if (!session) return refuse('unknown-session');
    if (session.status === 'ended') return refuse('ended');
    if (session.clockDevice !== (await options.deviceId())) return refuse('clock-elsewhere');
    return session;
  };
  return {
    handlers: {
      'exercise:start': async ({ actor, scenario, speed, allowLiveActions }) => {
        const parsed = scenarioSchema.safeParse(scenario);
        if (!parsed.success) return refuse('invalid-scenario');
        if (activeSession((await options.view.current()).exercises)) return refuse('already-running');
        const sessionId = randomUUID();
        options.logger.info(`${actor} starts exercise ${parsed.data.id} at ×${speed}`);
        await write([
          {
            type: 'exercise.started',
            actor,
            // The snapshot as read, defaults filled in, so every laptop plays the same scenario.
            payload: { sessionId, scenario: JSON.parse(JSON.stringify(parsed.data)), speed, allowLiveActions },
          },
        ]);
        return { sessionId };
      },
      'exercise:control': async ({ actor, sessionId, action, speed, allowLiveActions }) => {
        await playing(sessionId);
        await write([
          {
            type: 'exercise.controlled',
            actor,
            payload: {
              sessionId,
              action,
              ...(speed !== undefined ? { speed } : {}),
              ...(allowLiveActions !== undefined ? { allowLiveActions } : {}),
            },
          },
        ]);
        return {};
      },
      'exercise:inject': async ({ actor, sessionId, injectId, action }) => {
        const session = await playing(sessionId);
        if (!session.scenario?.injects.some((inject) => inject.id === injectId)) return refuse('unknown-inject');
        if (session.fired.has(injectId) || session.skipped.has(injectId)) return refuse('already-played');
        await write([{ type: 'exercise.inject', actor, payload: { sessionId, injectId, action, by: 'facilitator' } }]);
        return {};
      },
    },
    onChanged: () => void clock.refresh(),
    start: () => clock.refresh(),
    close: () => clock.close(),
  };
}

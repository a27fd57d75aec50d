// An exercise session as a pure fold of its events: the scenario as played,
// the exercise clock (started, paused, resumed, sped up), which injects fired
// or were skipped and when, the observers' notes and the facilitator's
// debrief. Exercise time runs at the chosen speed while the session runs and
// stands still while it is paused; scoring and the report measure in it, so a
// drill played at ×10 scores as if it had been played in real time.
// Only the session's clock device steers it: the clock, its pace, live actions,
// the end and the injects count when that device wrote them (the facilitator's
// host, which writes `exercise.started`); the same events from any other device
// — a teammate's browser, another laptop — are kept aside as ignored, visible
// but without effect, so nobody else can pause a drill or turn live actions on.
import { hlcMillis } from '../events/hlc';
import type { EventOf, WarEvent } from '../events/event';
import type { Incident, WarRoomState } from '../domain/incidents';
import { afterActionNotesSchema, type AfterActionNotes } from './session-payloads';
import { injectsInOrder, scenarioSchema, type Inject, type Scenario } from './scenario-schema';
import type { ExerciseTiming } from './scoring';

/** From `wallFrom` on, exercise time advances `rate` ms per wall ms (0: paused or ended). */
export interface ClockSegment {
  readonly wallFrom: number;
  readonly elapsedFrom: number;
  readonly rate: number;
}

export interface FiredInject {
  readonly inject: Inject;
  readonly at: number;
  /** Exercise time when it fired. */
  readonly elapsedMs: number;
  readonly by: 'clock' | 'facilitator';
  readonly actor: string;
  readonly eventId: string;
}

export interface ObserverNote {
  readonly eventId: string;
  readonly at: number;
  readonly elapsedMs: number;
  readonly actor: string;
  readonly text: string;
}

/** A scripted monitor as the injects left it. */
export interface ScriptedMonitor {
  readonly name: string;
  readonly status: 'down' | 'slow' | 'up';
  readonly at: number;
  readonly latencyMs?: number;
  readonly injectId: string;
}

export type SessionStatus = 'running' | 'paused' | 'ended';

export interface ExerciseSession {
  readonly id: string;
  /** Null when the snapshot does not read as a scenario (written by a newer version, say). */
  readonly scenario: Scenario | null;
  readonly startedAt: number;
  readonly startedBy: string;
  /** The device whose host runs the clock: the facilitator's. Only its controls and injects count. */
  readonly clockDevice: string;
  readonly status: SessionStatus;
  readonly speed: number;
  readonly allowLiveActions: boolean;
  readonly endedAt?: number;
  readonly segments: readonly ClockSegment[];
  /** In the order they fired. */
  readonly fired: ReadonlyMap<string, FiredInject>;
  readonly skipped: ReadonlyMap<string, { readonly at: number; readonly actor: string }>;
  readonly observerNotes: readonly ObserverNote[];
  readonly notes: AfterActionNotes;
  readonly monitors: ReadonlyMap<string, ScriptedMonitor>;
  /** Controls and injects written by another device than the clock's, newest last (the last IGNORED_KEPT). */
  readonly ignored: readonly IgnoredControl[];
  /** How many were ignored in all. */
  readonly ignoredCount: number;
}

/** A control or inject from a device that is not the session's clock: recorded, without effect. */
export interface IgnoredControl {
  readonly eventId: string;
  readonly at: number;
  readonly actor: string;
  readonly deviceId: string;
  /** `paused`, `speed`, `live-actions`…, or `fired` / `skipped` for an inject. */
  readonly action: string;
  readonly injectId?: string;
}

/** Enough to show who tried; a flood of them must not grow the session without bound. */
export const IGNORED_KEPT = 20;

export type ExerciseSessions = ReadonlyMap<string, ExerciseSession>;
export const NO_SESSIONS: ExerciseSessions = new Map();
export const EMPTY_NOTES: AfterActionNotes = { participants: [], strengths: [], improvements: [], plan: [] };

export type ExerciseEvent = EventOf<
  'exercise.started' | 'exercise.controlled' | 'exercise.inject' | 'exercise.observer-note' | 'exercise.debrief'
>;

export function isExerciseEvent(event: WarEvent): event is ExerciseEvent {
  return event.type.startsWith('exercise.');
}

/** Exercise time, in ms, at a wall-clock moment (before the start: 0). */
export function elapsedMsAt(session: Pick<ExerciseSession, 'segments'>, wallMs: number): number {
  let segment: ClockSegment | undefined;
  for (const candidate of session.segments) {
    if (candidate.wallFrom > wallMs) break;
    segment = candidate;
  }
  if (!segment) return 0;
  return segment.elapsedFrom + (wallMs - segment.wallFrom) * segment.rate;
}

/** The wall-clock moment exercise time reaches `elapsedMs`, at the current pace; undefined while it stands still. */
export function wallAtElapsed(session: Pick<ExerciseSession, 'segments'>, elapsedMs: number): number | undefined {
  const last = session.segments.at(-1);
  if (!last || last.rate === 0) return undefined;
  return last.wallFrom + Math.max(0, elapsedMs - last.elapsedFrom) / last.rate;
}

/** Injects neither fired nor skipped, in the order they are due. */
export function pendingInjects(session: ExerciseSession): Inject[] {
  if (!session.scenario) return [];
  return injectsInOrder(session.scenario).filter(
    (inject) => !session.fired.has(inject.id) && !session.skipped.has(inject.id),
  );
}

/** Injects whose offset exercise time has reached at `now`, oldest first; none unless the session runs. */
export function dueInjects(session: ExerciseSession, now: number): Inject[] {
  if (session.status !== 'running') return [];
  const elapsed = elapsedMsAt(session, now);
  return pendingInjects(session).filter((inject) => inject.offsetSeconds * 1000 <= elapsed);
}

/** When the next pending inject falls due, at the current pace; undefined when none will by itself. */
export function nextDueAt(session: ExerciseSession): number | undefined {
  if (session.status !== 'running') return undefined;
  const next = pendingInjects(session)[0];
  return next === undefined ? undefined : wallAtElapsed(session, next.offsetSeconds * 1000);
}

/** The session being played now: the newest that has not ended. */
export function activeSession(sessions: ExerciseSessions): ExerciseSession | undefined {
  let active: ExerciseSession | undefined;
  for (const session of sessions.values())
    if (session.status !== 'ended' && (!active || session.startedAt >= active.startedAt)) active = session;
  return active;
}

/**
 * The incident the team declared for a session: the first declared from its
 * start (to its end), since the exercise workspace holds nothing else.
 */
export function sessionIncident(
  state: Pick<WarRoomState, 'incidents'>,
  session: ExerciseSession,
): Incident | undefined {
  let found: Incident | undefined;
  for (const incident of state.incidents.values()) {
    if (incident.declaredAt < session.startedAt) continue;
    if (session.endedAt !== undefined && incident.declaredAt > session.endedAt) continue;
    if (!found || incident.declaredAt < found.declaredAt) found = incident;
  }
  return found;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function pace(session: ExerciseSession, at: number, rate: number): ClockSegment[] {
  return [...session.segments, { wallFrom: at, elapsedFrom: elapsedMsAt(session, at), rate }];
}

/**
 * Applies one exercise event; events of an unknown session, or after its end,
 * change nothing, and controls or injects from another device than the
 * session's clock are only listed as ignored.
 */
export function applyExerciseEvent(
  sessions: ExerciseSessions,
  event: ExerciseEvent,
  /** What kind of device wrote it (common/domain/devices.ts); `unsigned` for a chain written before signing. */
  writerKind?: string,
): ExerciseSessions {
  const at = hlcMillis(event.hlc);
  const { sessionId } = event.payload;
  const session = sessions.get(sessionId);
  if (event.type === 'exercise.started') {
    if (session) return sessions;
    // A session's clock runs in a laptop's host (exercise:start): a window, a
    // teammate's browser or a hub that writes a start of its own starts nothing.
    if (writerKind !== undefined && writerKind !== 'host' && writerKind !== 'unsigned') return sessions;
    const parsed = scenarioSchema.safeParse(event.payload.scenario);
    const started: ExerciseSession = {
      id: sessionId,
      scenario: parsed.success ? parsed.data : null,
      startedAt: at,
      startedBy: event.actor,
      clockDevice: event.deviceId,
      status: 'running',
      speed: event.payload.speed,
      allowLiveActions: event.payload.allowLiveActions,
      segments: [{ wallFrom: at, elapsedFrom: 0, rate: event.payload.speed }],
      fired: new Map(),
      skipped: new Map(),
      observerNotes: [],
      notes: EMPTY_NOTES,
      monitors: new Map(),
      ignored: [],
      ignoredCount: 0,
    };
    return new Map(sessions).set(sessionId, started);
  }
  if (!session) return sessions;
  // Notes and the debrief may follow the end; the clock and injects may not.
  if (session.status === 'ended' && event.type !== 'exercise.observer-note' && event.type !== 'exercise.debrief')
    return sessions;
  const next: Mutable<ExerciseSession> = { ...session };
  if (
    (event.type === 'exercise.controlled' || event.type === 'exercise.inject') &&
    event.deviceId !== session.clockDevice
  ) {
    const ignored: IgnoredControl = {
      eventId: event.id,
      at,
      actor: event.actor,
      deviceId: event.deviceId,
      action: event.payload.action,
      ...(event.type === 'exercise.inject' ? { injectId: event.payload.injectId } : {}),
    };
    next.ignored = [...session.ignored, ignored].slice(-IGNORED_KEPT);
    next.ignoredCount = session.ignoredCount + 1;
    return new Map(sessions).set(sessionId, next);
  }
  switch (event.type) {
    case 'exercise.controlled': {
      const { action } = event.payload;
      if (action === 'paused' && session.status === 'running') {
        next.status = 'paused';
        next.segments = pace(session, at, 0);
      } else if (action === 'resumed' && session.status === 'paused') {
        next.status = 'running';
        next.segments = pace(session, at, session.speed);
      } else if (action === 'speed' && event.payload.speed !== undefined) {
        next.speed = event.payload.speed;
        if (session.status === 'running') next.segments = pace(session, at, event.payload.speed);
      } else if (action === 'live-actions' && event.payload.allowLiveActions !== undefined) {
        next.allowLiveActions = event.payload.allowLiveActions;
      } else if (action === 'ended') {
        next.status = 'ended';
        next.endedAt = at;
        next.segments = pace(session, at, 0);
      } else return sessions;
      break;
    }
    case 'exercise.inject': {
      const { injectId } = event.payload;
      const inject = session.scenario?.injects.find((candidate) => candidate.id === injectId);
      // The first word on an inject wins: fired twice (a click and the clock) shows once.
      if (!inject || session.fired.has(injectId) || session.skipped.has(injectId)) return sessions;
      if (event.payload.action === 'skipped') {
        next.skipped = new Map(session.skipped).set(injectId, { at, actor: event.actor });
        break;
      }
      next.fired = new Map(session.fired).set(injectId, {
        inject,
        at,
        elapsedMs: elapsedMsAt(session, at),
        by: event.payload.by,
        actor: event.actor,
        eventId: event.id,
      });
      if (inject.kind === 'monitor-down' || inject.kind === 'monitor-slow' || inject.kind === 'monitor-up') {
        next.monitors = new Map(session.monitors).set(inject.monitor, {
          name: inject.monitor,
          status: inject.kind === 'monitor-down' ? 'down' : inject.kind === 'monitor-slow' ? 'slow' : 'up',
          at,
          injectId,
          ...(inject.kind === 'monitor-slow' && inject.latencyMs !== undefined ? { latencyMs: inject.latencyMs } : {}),
        });
      }
      break;
    }
    case 'exercise.observer-note':
      next.observerNotes = [
        ...session.observerNotes,
        { eventId: event.id, at, elapsedMs: elapsedMsAt(session, at), actor: event.actor, text: event.payload.text },
      ];
      break;
    case 'exercise.debrief': {
      const parsed = afterActionNotesSchema.safeParse(event.payload.notes);
      if (!parsed.success) return sessions;
      next.notes = parsed.data;
      break;
    }
  }
  return new Map(sessions).set(sessionId, next);
}

/** The session's clock as scoring and the report read it. */
export function sessionTiming(session: ExerciseSession): ExerciseTiming {
  return {
    startedAt: session.startedAt,
    elapsedMs: (wallMs) => elapsedMsAt(session, wallMs),
    isOver: session.status === 'ended',
  };
}

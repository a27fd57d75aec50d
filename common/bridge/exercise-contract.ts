// The exercise part of the bridge contract. The facilitator's window asks its
// host to start, steer and feed a session, and the host writes those events
// into its own chain: the session's clock then runs on the facilitator's
// laptop (`clockDevice`), which fires the injects when they fall due, even
// while no window is open there.
import { z } from 'zod';
import { EXERCISE_CONTROLS, SPEED_MAX, SPEED_MIN } from '../exercises/session-payloads';

const id = z.string().min(1).max(64);
const actor = z.string().trim().min(1).max(120);
const speed = z.number().int().min(SPEED_MIN).max(SPEED_MAX);

export const exerciseStartSchema = z.strictObject({
  actor,
  /** The scenario to play, read by the host with scenarioSchema; refused with `invalid-scenario` otherwise. */
  scenario: z.record(z.string(), z.json()),
  speed,
  allowLiveActions: z.boolean(),
});

export const exerciseControlSchema = z.strictObject({
  actor,
  sessionId: id,
  action: z.enum(EXERCISE_CONTROLS),
  speed: speed.optional(),
  allowLiveActions: z.boolean().optional(),
});

export const exerciseInjectRequestSchema = z.strictObject({
  actor,
  sessionId: id,
  injectId: id,
  action: z.enum(['fired', 'skipped']),
});

/** Why a host refuses an exercise call; each has a sentence in the exercises catalogue. */
export const EXERCISE_REFUSALS = [
  'invalid-scenario',
  'already-running',
  'unknown-session',
  'ended',
  'unknown-inject',
  'already-played',
  // The session's clock runs on another laptop: only its events steer the session (common/exercises/session.ts).
  'clock-elsewhere',
] as const;
export type ExerciseRefusal = (typeof EXERCISE_REFUSALS)[number];

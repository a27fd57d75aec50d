// The payloads of the exercise events, registered in events/event.ts. A
// session is started, steered and fed by the facilitator's host (so its clock
// runs where the facilitator sits); observer notes and the debrief are written
// by any window. The scenario travels as plain JSON, read by the fold, so a
// scenario written by a newer version never makes an older laptop refuse a batch.
import { z } from 'zod';

export const SPEED_MIN = 1;
export const SPEED_MAX = 10;
export const OBSERVER_NOTE_MAX = 4_000;

const id = z.string().min(1).max(64);
const speed = z.number().int().min(SPEED_MIN).max(SPEED_MAX);

export const exerciseStartedSchema = z.strictObject({
  sessionId: id,
  /** The scenario as played: a snapshot, so a later edit of the document changes nothing. */
  scenario: z.record(z.string(), z.json()),
  speed,
  /** Runbook commands and HTTP calls really run (otherwise they are dry runs). */
  allowLiveActions: z.boolean(),
});

export const EXERCISE_CONTROLS = ['paused', 'resumed', 'speed', 'live-actions', 'ended'] as const;
export type ExerciseControl = (typeof EXERCISE_CONTROLS)[number];

export const exerciseControlledSchema = z.strictObject({
  sessionId: id,
  action: z.enum(EXERCISE_CONTROLS),
  speed: speed.optional(),
  allowLiveActions: z.boolean().optional(),
});

export const exerciseInjectSchema = z.strictObject({
  sessionId: id,
  injectId: id,
  action: z.enum(['fired', 'skipped']),
  /** The clock at its offset, or the facilitator by hand. */
  by: z.enum(['clock', 'facilitator']),
});

export const exerciseObserverNoteSchema = z.strictObject({
  sessionId: id,
  text: z.string().trim().min(1).max(OBSERVER_NOTE_MAX),
});

/** The facilitator's debrief (afterActionNotesSchema below), last writer wins. */
export const exerciseDebriefSchema = z.strictObject({
  sessionId: id,
  notes: z.record(z.string(), z.json()),
});

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the facilitator writes: who took part, strengths, areas for improvement, the plan. */
export const afterActionNotesSchema = z.strictObject({
  participants: z.array(z.strictObject({ name: text(120), role: text(64).optional() })).max(100),
  strengths: z.array(text(2_000)).max(50),
  improvements: z.array(text(2_000)).max(50),
  plan: z
    .array(
      z.strictObject({
        action: text(500),
        owner: text(120),
        /** A calendar day, `2026-12-15`. */
        due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      }),
    )
    .max(50),
});
export type AfterActionNotes = z.infer<typeof afterActionNotesSchema>;

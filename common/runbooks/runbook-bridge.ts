// What crosses the bridge for the acting steps of a checklist: the exact
// command or call a person confirmed, its output in order, and how it ended.
import { z } from 'zod';
import { workspaceSchema } from '../events/event';
import { vectorSchema } from '../sync/protocol';
import { evidenceSchema, STEP_STATUSES } from './run-payloads';
import { commandSpecSchema, httpSpecSchema, waitSpecSchema } from './runbook-schema';

const id = z.string().min(1).max(64);
/** Printable ASCII, so that it fits the header of a binary output frame byte for byte. */
const execId = z.string().regex(/^[\x21-\x7e]{1,64}$/, 'printable ASCII, 1 to 64 characters');

export const stepActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('command'), command: commandSpecSchema }),
  z.strictObject({ kind: z.literal('http'), http: httpSpecSchema }),
  z.strictObject({ kind: z.literal('wait'), wait: waitSpecSchema }),
]);

export const runStepRequestSchema = z.strictObject({
  /** Chosen by the window, so that it listens before the first byte comes. */
  execId,
  incidentId: id,
  runId: id,
  stepId: id,
  /** Who confirmed it: the author of the evidence. */
  actor: z.string().trim().min(1).max(120),
  /** Exercises: record the command, run nothing. */
  dryRun: z.boolean(),
  /** The step exactly as the person confirmed it; the host compares it with its own record. */
  action: stepActionSchema,
  /** Absent: the real record. In the exercise workspace commands are dry runs unless the session allows live actions. */
  workspace: workspaceSchema.optional(),
  /**
   * The window's record when the person confirmed (its run and approval
   * included): the host waits until its own record holds as much, then decides.
   */
  after: vectorSchema,
});
export type RunStepRequestInput = z.input<typeof runStepRequestSchema>;

/** A chunk of output as the command printed it (any bytes); `seq` counts chunks from 1. */
export const stepOutputSchema = z.strictObject({
  execId,
  seq: z.number().int().positive(),
  data: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes'),
});

export const stepEndedSchema = z.strictObject({
  execId,
  status: z.enum(STEP_STATUSES),
  evidence: evidenceSchema,
});

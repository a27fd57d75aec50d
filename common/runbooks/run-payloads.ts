// The payloads of the runbook events, kept here beside the runbook schema and
// registered in events/event.ts. The runbook a run started from travels as
// plain JSON and is read by the fold, so a runbook written by a newer version
// never makes an older laptop refuse a sync batch.
import { z } from 'zod';

export const STEP_STATUSES = [
  'pending',
  'awaiting-approval',
  'approved',
  'running',
  'done',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** How an acting step ended. */
export const OUTCOMES = [
  'ok',
  'unexpected-exit',
  'timed-out',
  'cancelled',
  'spawn-failed',
  'http-error',
  'dry-run',
  /** A wait on a monitor this host does not know. */
  'no-monitor',
  /** The host stopped (crashed, or was killed) while the step ran. */
  'interrupted',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Output kept in the record: the head and the tail, the whole stream's size and hash. */
export const EVIDENCE_OUTPUT_MAX = 16 * 1024;

const id = z.string().min(1).max(64);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const evidenceSchema = z.strictObject({
  kind: z.enum(['command', 'http', 'wait']),
  outcome: z.enum(OUTCOMES),
  /** The command exactly as run: program and argument vector, never a shell line. */
  program: z.string().max(500).optional(),
  args: z.array(z.string().max(4_000)).max(64).optional(),
  cwd: z.string().max(1_000).optional(),
  method: z.string().max(10).optional(),
  url: z.string().max(2_000).optional(),
  /** A wait: the monitor watched and the status awaited. */
  monitor: z.string().max(200).optional(),
  until: z.enum(['up', 'down']).optional(),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().max(20).optional(),
  httpStatus: z.number().int().min(0).max(999).optional(),
  durationMs: z.number().int().min(0),
  outputBytes: z.number().int().min(0),
  outputSha256: hash,
  /** Printable text of the output (head and tail when it was longer). */
  output: z.string().max(EVIDENCE_OUTPUT_MAX + 200),
  isTruncated: z.boolean(),
  error: z.string().max(1_000).optional(),
  execId: id.optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const runStartedSchema = z.strictObject({
  runId: id,
  runbookId: id,
  /** The document version it started from; 0 for a built-in runbook. */
  version: z.number().int().min(0),
  runbook: z.record(z.string(), z.json()),
  /** An exercise run: commands and HTTP calls are dry runs… */
  exercise: z.boolean().optional(),
  /** …unless the facilitator allowed real actions when starting it. */
  liveActions: z.boolean().optional(),
});

export const stepChangedSchema = z.strictObject({
  runId: id,
  stepId: id,
  status: z.enum(STEP_STATUSES),
  /** The option a decision took. */
  branch: id.optional(),
  note: z.string().trim().min(1).max(1_000).optional(),
  evidence: evidenceSchema.optional(),
  /**
   * On an approval: the hash of the run-started event of the run approved, so
   * an approval covers that exact start (its runbook, its commands) and no
   * other that claims the same run id. Absent on approvals written before.
   */
  runHash: hash.optional(),
});
export type StepChangedPayload = z.infer<typeof stepChangedSchema>;
export type RunStartedPayload = z.infer<typeof runStartedSchema>;

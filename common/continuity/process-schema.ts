// Business processes of the business impact analysis: what each costs per day
// of downtime, how long it may stay down (RTO) and how much data it may lose
// (RPO), what it depends on and how it carries on during an outage. They are
// `business-process` workspace documents; the built-in examples come from
// common/continuity/process-library.ts.
import { z } from 'zod';
import { LIST_MAX, NAME_MAX } from '../events/event';
import { localTextSchema } from '../runbooks/runbook-schema';

export const PROCESS_COLLECTION = 'business-process';

/** An id as it appears in a URL and a YAML file. */
export const PROCESS_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A calendar date as people write it (the last exercise, the last review). */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const MINUTES_MAX = 60 * 24 * 365;
const names = z
  .array(z.string().trim().min(1).max(NAME_MAX))
  .max(LIST_MAX)
  .refine((list) => new Set(list).size === list.length, 'each name once');

export const CONTINUITY_METHODS = [
  'manual-fallback',
  'alternative-provider',
  'redundancy',
  'backup-site',
  'none',
] as const;

export const processSchema = z.strictObject({
  id: z.string().regex(PROCESS_ID, 'processId'),
  name: localTextSchema(NAME_MAX),
  /** Recovery time objective: how long the process may stay down. */
  rtoMinutes: z.number().int().min(1).max(MINUTES_MAX),
  /** Recovery point objective: how much recent data it may lose. */
  rpoMinutes: z.number().int().min(0).max(MINUTES_MAX),
  /** Estimated loss per day of downtime, in `currency`. */
  costPerDay: z.number().min(0).max(1e12),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'currency')
    .default('EUR'),
  services: names.default([]),
  /** Monitor ids whose failure means this process is down. */
  monitors: names.default([]),
  /** A heartbeat monitor pushed by the backup job: its last success bounds the data at risk. */
  backupMonitor: z.string().trim().min(1).max(200).optional(),
  method: z.enum(CONTINUITY_METHODS).default('none'),
  /** How the business carries on meanwhile, in words. */
  continuity: localTextSchema(2_000).optional(),
  /** The runbook that restores it (a built-in or workspace runbook id). */
  runbookId: z.string().trim().min(1).max(64).optional(),
  owner: z.string().trim().min(1).max(NAME_MAX).optional(),
  lastExercised: z.string().regex(DATE_PATTERN, 'date').optional(),
  lastReviewed: z.string().regex(DATE_PATTERN, 'date').optional(),
});
export type BusinessProcess = z.infer<typeof processSchema>;
export type BusinessProcessInput = z.input<typeof processSchema>;
export type ContinuityMethod = (typeof CONTINUITY_METHODS)[number];

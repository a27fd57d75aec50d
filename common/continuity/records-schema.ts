// The other continuity documents: risks of the register, the written parts of
// a post-mortem (one per incident, keyed by its id) and action items, tracked
// until done.
import { z } from 'zod';
import { LIST_MAX, NAME_MAX } from '../events/event';
import { DATE_PATTERN } from './process-schema';

export const RISK_COLLECTION = 'risk';
export const POSTMORTEM_COLLECTION = 'postmortem';
export const ACTION_COLLECTION = 'action-item';

/** The four families of the seed article's risk analysis. */
export const RISK_FAMILIES = ['technological', 'operational', 'environmental', 'regulatory'] as const;
export type RiskFamily = (typeof RISK_FAMILIES)[number];

const line = (max: number) => z.string().trim().min(1).max(max);
const level = z.number().int().min(1).max(5);

export const riskSchema = z.strictObject({
  title: line(200),
  family: z.enum(RISK_FAMILIES),
  /** 1 (rare) to 5 (almost certain). */
  likelihood: level,
  /** 1 (negligible) to 5 (severe). */
  impact: level,
  owner: line(NAME_MAX).optional(),
  mitigations: line(4_000).optional(),
  /** Ids of the business processes it threatens. */
  processes: z.array(line(64)).max(LIST_MAX).default([]),
  /** The incident that realised it, if one did. */
  incidentId: line(64).optional(),
});
export type Risk = z.infer<typeof riskSchema>;

export const WHYS_MAX = 5;
export const postmortemSchema = z.strictObject({
  summary: line(8_000).optional(),
  wentWell: line(8_000).optional(),
  wentBadly: line(8_000).optional(),
  /** Five whys: each answer explains the one before. */
  whys: z.array(line(1_000)).max(WHYS_MAX).default([]),
});
export type Postmortem = z.infer<typeof postmortemSchema>;

export const actionItemSchema = z.strictObject({
  incidentId: line(64),
  title: line(500),
  owner: line(NAME_MAX),
  due: z.string().regex(DATE_PATTERN),
  done: z.boolean().default(false),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

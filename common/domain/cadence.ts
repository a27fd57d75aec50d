// When the next stakeholder update of an incident is due. A default policy after
// PagerDuty's practice: a first update soon after the declaration, then one at a
// steady rhythm, both shorter the more severe the incident. Pure; the per-audience
// policy of common/comms/cadence.ts calls it once per audience.
import type { IncidentStatus, Severity } from '../events/event';

const MINUTE = 60_000;

export interface Cadence {
  /** The first update is due this long after the declaration. */
  readonly firstMs: number;
  /** Every later update is due this long after the last one sent. */
  readonly everyMs: number;
}

/** Per severity; null: no update is expected (SEV4 is tracked, not announced). */
export type CadencePolicy = Readonly<Record<Severity, Cadence | null>>;

export const DEFAULT_CADENCE: CadencePolicy = {
  SEV1: { firstMs: 5 * MINUTE, everyMs: 30 * MINUTE },
  SEV2: { firstMs: 15 * MINUTE, everyMs: 60 * MINUTE },
  SEV3: { firstMs: 60 * MINUTE, everyMs: 240 * MINUTE },
  SEV4: null,
};

export interface CadenceInput {
  readonly severity: Severity;
  readonly status: IncidentStatus;
  readonly declaredAt: number;
  /** When each communication about the incident went out, in any order. */
  readonly sentAt: readonly number[];
}

export type NextUpdate =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'due';
      readonly dueAt: number;
      /** Negative once overdue. */
      readonly remainingMs: number;
      readonly isOverdue: boolean;
      /** No update has gone out yet: this is the first one. */
      readonly isFirst: boolean;
    };

/**
 * The next update due, or none: for severities without a cadence, and once the
 * incident is resolved (the resolution notice is the last update).
 */
export function nextUpdate(input: CadenceInput, now: number, policy: CadencePolicy = DEFAULT_CADENCE): NextUpdate {
  const cadence = policy[input.severity];
  if (!cadence || input.status === 'resolved' || input.status === 'closed') return { kind: 'none' };
  // An update sent before the declaration (a clock running behind) still counts as sent at the declaration.
  const last = input.sentAt.length > 0 ? Math.max(input.declaredAt, ...input.sentAt) : undefined;
  const dueAt = last === undefined ? input.declaredAt + cadence.firstMs : last + cadence.everyMs;
  const remainingMs = dueAt - now;
  return { kind: 'due', dueAt, remainingMs, isOverdue: remainingMs < 0, isFirst: last === undefined };
}

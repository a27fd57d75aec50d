// When each audience is next owed a message. Defaults after PagerDuty's
// practice (first message within 5 minutes, then every 20 minutes for a SEV1;
// executives about every 30 minutes), shorter the more severe the incident. A
// regulator is owed one notification within 72 hours of a personal-data
// breach (GDPR art. 33), so only security incidents count it. Pure: the
// incident page, the dashboard and the tests agree.
import { SEVERITIES, type Severity } from '../events/event';
import { nextUpdate, type NextUpdate } from '../domain/cadence';
import type { Incident } from '../domain/incidents';
import { AUDIENCES, type Audience } from './audiences';
import type { CommsDocs } from './comms-docs';
import { deliveredAtByAudience } from './messages';

const MINUTE = 60_000;

export interface AudienceCadence {
  readonly firstMs: number;
  /** Null: one message, no rhythm after it. */
  readonly everyMs: number | null;
}
export type AudiencePolicy = Readonly<Record<Severity, Readonly<Record<Audience, AudienceCadence | null>>>>;

function every(first: number, then: number | null): AudienceCadence {
  return { firstMs: first * MINUTE, everyMs: then === null ? null : then * MINUTE };
}
const REGULATOR = every(72 * 60, null);

export const DEFAULT_AUDIENCE_POLICY: AudiencePolicy = {
  SEV1: {
    'status-page': every(5, 20),
    internal: every(5, 20),
    customers: every(15, 30),
    executives: every(10, 30),
    partners: every(30, 60),
    social: every(15, 30),
    regulator: REGULATOR,
  },
  SEV2: {
    'status-page': every(15, 30),
    internal: every(15, 30),
    customers: every(30, 60),
    executives: every(30, 60),
    partners: every(60, 120),
    social: null,
    regulator: REGULATOR,
  },
  SEV3: {
    'status-page': null,
    internal: every(30, 120),
    customers: null,
    executives: null,
    partners: null,
    social: null,
    regulator: REGULATOR,
  },
  SEV4: {
    'status-page': null,
    internal: null,
    customers: null,
    executives: null,
    partners: null,
    social: null,
    regulator: REGULATOR,
  },
};

/** The default policy with the workspace's edits (a `comms-cadence` document per severity) over it. */
export function effectivePolicy(docs: CommsDocs): AudiencePolicy {
  const policy = {} as Record<Severity, Record<Audience, AudienceCadence | null>>;
  for (const severity of SEVERITIES) {
    const edited = docs.cadence.get(severity);
    const row = { ...DEFAULT_AUDIENCE_POLICY[severity] };
    for (const audience of AUDIENCES) {
      const cadence = edited?.[audience];
      if (cadence === undefined) continue;
      row[audience] = cadence === null ? null : every(cadence.firstMinutes, cadence.everyMinutes);
    }
    policy[severity] = row;
  }
  return policy;
}

/** Whether an audience is owed messages on this incident at all. */
function isOwed(incident: Incident, audience: Audience): boolean {
  // The breach notification is for security incidents; other kinds never owe it.
  return audience !== 'regulator' || incident.kind === 'security';
}

export interface AudienceDue {
  readonly audience: Audience;
  readonly next: NextUpdate;
}

/** The next message due per audience, for the audiences the policy expects; none once resolved. */
export function dueByAudience(incident: Incident, now: number, policy: AudiencePolicy): AudienceDue[] {
  const sent = deliveredAtByAudience(incident.messages.values());
  const due: AudienceDue[] = [];
  for (const audience of AUDIENCES) {
    const cadence = policy[incident.severity][audience];
    if (!cadence || !isOwed(incident, audience)) continue;
    const sentAt = sent.get(audience) ?? [];
    // A one-off notification, once delivered, is owed no more.
    if (cadence.everyMs === null && sentAt.length > 0) continue;
    const next = nextUpdate(
      { severity: incident.severity, status: incident.status, declaredAt: incident.declaredAt, sentAt },
      now,
      { ...NONE, [incident.severity]: { firstMs: cadence.firstMs, everyMs: cadence.everyMs ?? Infinity } },
    );
    if (next.kind === 'due') due.push({ audience, next });
  }
  return due;
}

const NONE = { SEV1: null, SEV2: null, SEV3: null, SEV4: null } as const;

/** The soonest of an incident's dues: the one countdown the dashboard shows first. */
export function soonestDue(dues: readonly AudienceDue[]): AudienceDue | undefined {
  let soonest: AudienceDue | undefined;
  for (const due of dues) {
    if (due.next.kind !== 'due') continue;
    if (!soonest || (soonest.next.kind === 'due' && due.next.dueAt < soonest.next.dueAt)) soonest = due;
  }
  return soonest;
}

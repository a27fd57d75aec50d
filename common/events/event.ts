// The one event shape of the war-room. Every change is an immutable event;
// each device numbers its own events 1, 2, 3… and chains them by hash.
import { z } from 'zod';
import { HLC_PATTERN } from './hlc';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const INCIDENT_KINDS = ['technical-failure', 'performance', 'security', 'human-error'] as const;
export const incidentKindSchema = z.enum(INCIDENT_KINDS);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

/** The lifecycle of an incident, in its usual order; any move is allowed (a relapse reopens). */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

export const TITLE_MAX = 200;
export const NOTE_MAX = 10_000;
export const ACTOR_MAX = 120;

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');

/** Trimmed, non-empty text of bounded length. */
function text(max: number) {
  return z.string().trim().min(1).max(max);
}

// One entry per event type: the payload each type carries.
export const payloadSchemas = {
  'incident.declared': z.strictObject({
    title: text(TITLE_MAX),
    severity: severitySchema,
    kind: incidentKindSchema,
  }),
  'incident.note-added': z.strictObject({
    text: text(NOTE_MAX),
  }),
  'incident.status-changed': z.strictObject({ status: incidentStatusSchema }),
  'incident.severity-changed': z.strictObject({ severity: severitySchema }),
} as const;

export type EventType = keyof typeof payloadSchemas;
export type PayloadOf<T extends EventType> = z.infer<(typeof payloadSchemas)[T]>;

const envelope = {
  id: z.string().min(1).max(64),
  workspace: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
  seq: z.number().int().positive(),
  hlc: z.string().regex(HLC_PATTERN),
  incidentId: z.string().min(1).max(64).optional(),
  actor: text(ACTOR_MAX),
  prevHash: hashSchema,
  hash: hashSchema,
};

export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...envelope, type: z.literal('incident.declared'), payload: payloadSchemas['incident.declared'] }),
  z.strictObject({
    ...envelope,
    type: z.literal('incident.note-added'),
    payload: payloadSchemas['incident.note-added'],
  }),
  z.strictObject({
    ...envelope,
    type: z.literal('incident.status-changed'),
    payload: payloadSchemas['incident.status-changed'],
  }),
  z.strictObject({
    ...envelope,
    type: z.literal('incident.severity-changed'),
    payload: payloadSchemas['incident.severity-changed'],
  }),
]);

export type WarEvent = z.infer<typeof eventSchema>;
export type EventOf<T extends EventType> = Extract<WarEvent, { type: T }>;
/** An event before it is sealed with its own hash. */
export type EventBody = WarEvent extends infer E ? (E extends WarEvent ? Omit<E, 'hash'> : never) : never;

/** What a writer supplies; the chain fills in seq, hlc and hashes. */
export type EventDraft = {
  [T in EventType]: { type: T; payload: PayloadOf<T>; incidentId?: string; actor: string };
}[EventType];

/**
 * The workspace of a laptop's own record. Exercises get workspaces of their own
 * later; a team hub serves this one under the same name.
 */
export const DEFAULT_WORKSPACE = 'default';

/** The hash of the first event of every device's chain. */
export const GENESIS_HASH = '0'.repeat(64);

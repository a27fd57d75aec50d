// The one event shape of the war-room. Every change is an immutable event;
// each device numbers its own events 1, 2, 3… and chains them by hash.
import { z } from 'zod';
import { HLC_PATTERN } from './hlc';
import { runStartedSchema, stepChangedSchema } from '../runbooks/run-payloads';
import { deliveryChangedSchema, messageRecordedSchema } from '../comms/message-payloads';
import {
  exerciseControlledSchema,
  exerciseDebriefSchema,
  exerciseInjectSchema,
  exerciseObserverNoteSchema,
  exerciseStartedSchema,
} from '../exercises/session-payloads';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** The built-in incident types; a workspace adds its own as `incident-type` documents. */
export const INCIDENT_KINDS = ['technical-failure', 'performance', 'security', 'human-error'] as const;
export type BuiltInIncidentKind = (typeof INCIDENT_KINDS)[number];
/** A built-in type or the id of a custom `incident-type` document. */
export const incidentKindSchema = z.string().trim().min(1).max(64);
export type IncidentKind = string;

/** The lifecycle of an incident, in its usual order; any move is allowed (a relapse reopens). */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

/** What a timeline note records; filters and exports use it. */
export const NOTE_KINDS = ['note', 'decision', 'action', 'observation'] as const;
export const noteKindSchema = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof noteKindSchema>;

/** The moments every incident report measures from. */
export const KEY_TIMES = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;
export const keyTimeSchema = z.enum(KEY_TIMES);
export type KeyTime = z.infer<typeof keyTimeSchema>;

/** What a monitor shows on the board (common/monitors/monitor-state.ts MONITOR_STATUSES). */
export const MONITOR_EVENT_STATUSES = ['pending', 'up', 'down', 'maintenance', 'caused-by-parent'] as const;

/** Business-impact thresholds that go into the timeline when crossed (common/continuity/impact.ts). */
export const CONTINUITY_THRESHOLDS = ['rto-warning', 'rto-breached', 'rpo-breached'] as const;
export type ContinuityThreshold = (typeof CONTINUITY_THRESHOLDS)[number];

export const TITLE_MAX = 200;
export const NOTE_MAX = 10_000;
export const ACTOR_MAX = 120;
export const NAME_MAX = 120;
export const REASON_MAX = 1_000;
export const BRIEFING_MAX = 4_000;
export const LIST_MAX = 50;
export const ID_MAX = 64;
/** The largest event a fork proof carries (JSON characters); a larger one is refused as seq-conflict instead. */
export const PROOF_EVENT_MAX = 1024 * 1024;

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');
/** An Ed25519 signature of the event's hash, in hex. */
const signatureSchema = z.string().regex(/^[0-9a-f]{128}$/, 'expected an Ed25519 signature in hex');
/** An Ed25519 public key, raw, in hex. */
export const publicKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected an Ed25519 public key in hex');

/**
 * What kind of device writes a chain. A host is a laptop's (or browser mode's)
 * host process; a window is one of its own windows; a LAN browser is a
 * teammate's browser served by a laptop in LAN mode; a hub is a team hub.
 */
export const DEVICE_KINDS = ['host', 'window', 'lan', 'hub'] as const;
export const deviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof deviceKindSchema>;

/** Trimmed, non-empty text of bounded length. */
function text(max: number) {
  return z.string().trim().min(1).max(max);
}

/** Milliseconds since the epoch, as a wall-clock moment a person chose. */
const instantSchema = z.number().int().min(0).max(8.64e15);
const idSchema = z.string().min(1).max(ID_MAX);
/** Impacted services or business processes: short names, each once. */
const namesSchema = z
  .array(text(NAME_MAX))
  .max(LIST_MAX)
  .refine((names) => new Set(names).size === names.length, 'each name once');

/** A monitor's or an incoming alert's id (`alertmanager/<fingerprint>` for alerts). */
const monitorRefSchema = z.string().min(1).max(200);
/** Why a monitor is in its state: a `monitors.*` catalogue key and its values, worded by each reader. */
const monitorReasonSchema = z.strictObject({
  key: z.string().regex(/^monitors\.(?:reason|warning)\.[A-Za-z]{1,64}$/),
  values: z.record(z.string().max(64), z.union([z.string().max(REASON_MAX), z.number()])),
});
/** What a monitor showed at one moment: its status, why, and how fast it answered. */
const monitorObservation = {
  monitorId: monitorRefSchema,
  name: text(NAME_MAX),
  status: z.enum(MONITOR_EVENT_STATUSES),
  reason: monitorReasonSchema,
  latencyMs: z.number().min(0).max(3_600_000).optional(),
};

/** A role: one of ROLES or the id of a custom `role` document. */
export const roleIdSchema = idSchema;

/** Who holds a role: a directory entry when there is one, and always the name shown. */
export const personRefSchema = z.strictObject({ id: idSchema.optional(), name: text(NAME_MAX) });
export type PersonRef = z.infer<typeof personRefSchema>;

/** A device's chain position: the last seq of its events a revocation leaves standing. */
const seqSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** Chains written before events were signed, as a device that held them vouches for them: device → head. */
export const legacyHeadsSchema = z
  .record(idSchema, z.strictObject({ seq: seqSchema.min(1), hash: hashSchema }))
  .refine((heads) => Object.keys(heads).length <= 10_000, 'at most 10,000 chains');

/** What the outgoing holder tells the incoming one; every part is required. */
export const briefingSchema = z.strictObject({
  conditions: text(BRIEFING_MAX),
  actions: text(BRIEFING_MAX),
  needs: text(BRIEFING_MAX),
});
export type Briefing = z.infer<typeof briefingSchema>;

// One entry per event type: the payload each type carries. Fields added later
// are optional, so every event ever written still parses.
export const payloadSchemas = {
  'incident.declared': z.strictObject({
    title: text(TITLE_MAX),
    severity: severitySchema,
    kind: incidentKindSchema,
    services: namesSchema.optional(),
    processes: namesSchema.optional(),
    /** When the impact began, if known to be earlier than the declaration. */
    startedAt: instantSchema.optional(),
    /** When it was first noticed (by a monitor, say), if earlier than the declaration. */
    detectedAt: instantSchema.optional(),
  }),
  'incident.updated': z
    .strictObject({
      title: text(TITLE_MAX).optional(),
      kind: incidentKindSchema.optional(),
      services: namesSchema.optional(),
      processes: namesSchema.optional(),
    })
    .refine((change) => Object.keys(change).length > 0, 'nothing changed'),
  'incident.note-added': z.strictObject({
    text: text(NOTE_MAX),
    kind: noteKindSchema.optional(),
  }),
  'incident.status-changed': z.strictObject({ status: incidentStatusSchema }),
  'incident.severity-changed': z.strictObject({ severity: severitySchema }),
  'incident.key-time-corrected': z.strictObject({
    key: keyTimeSchema,
    at: instantSchema,
    reason: text(REASON_MAX),
  }),
  'incident.entry-pinned': z.strictObject({ eventId: idSchema, pinned: z.boolean() }),
  'incident.role-assigned': z.strictObject({ role: roleIdSchema, person: personRefSchema }),
  'incident.role-handed-over': z.strictObject({
    role: roleIdSchema,
    to: personRefSchema,
    briefing: briefingSchema,
  }),
  'incident.role-released': z.strictObject({ role: roleIdSchema, note: text(REASON_MAX).optional() }),
  // A monitor's status changed on the host that wrote it (never each check). It
  // becomes evidence on every open incident that lists one of `services` or has
  // linked the monitor.
  'monitor.state-changed': z.strictObject({
    ...monitorObservation,
    from: z.enum(MONITOR_EVENT_STATUSES),
    services: namesSchema.optional(),
    /** A monitor going down on its own (not under its parent, not in maintenance). */
    isAlert: z.boolean(),
  }),
  /** A monitor attached to an incident as evidence, with what it showed then. */
  'incident.monitor-linked': z.strictObject(monitorObservation),
  // A checklist run on an incident, and each change of one of its steps (see common/runbooks).
  'runbook.run-started': runStartedSchema,
  'runbook.step-changed': stepChangedSchema,
  // A message told to an audience, and its delivery by the outbox of the host that recorded it (see common/comms).
  'comms.message-recorded': messageRecordedSchema,
  'comms.delivery-changed': deliveryChangedSchema,
  // A business process crossed an impact threshold. Every laptop showing the
  // incident may notice it and write one; the fold keeps the first per
  // (incident, process, threshold) in the total order, so it shows once.
  'continuity.threshold-crossed': z.strictObject({
    processId: idSchema,
    /** The process's name when it was crossed, as the reader saw it. */
    process: text(NAME_MAX),
    threshold: z.enum(CONTINUITY_THRESHOLDS),
    /** When it was crossed, computed from the record, not when it was noticed. */
    crossedAt: instantSchema,
  }),
  // An exercise session in the exercise workspace (see common/exercises/session.ts).
  'exercise.started': exerciseStartedSchema,
  'exercise.controlled': exerciseControlledSchema,
  'exercise.inject': exerciseInjectSchema,
  'exercise.observer-note': exerciseObserverNoteSchema,
  'exercise.debrief': exerciseDebriefSchema,
  // A device's chain opens with its enrolment: the key that signs every one of its
  // events, and the person they are written by. Signed with that same key.
  'device.enrolled': z.strictObject({
    publicKey: publicKeySchema,
    person: personRefSchema,
    kind: deviceKindSchema,
    /** The host that let this window or LAN browser in; its own devices are its to revoke. */
    sponsor: idSchema.optional(),
    /** Unsigned chains written before this version that this device held when it started signing. */
    legacy: legacyHeadsSchema.optional(),
  }),
  // The person at a device changed (the name in the "You" box); later events are theirs.
  'device.person-changed': z.strictObject({ person: personRefSchema }),
  // A device is revoked (a lost laptop, a teammate's browser let go): its events
  // after `afterSeq` are refused everywhere; those up to it stay, and stay verifiable.
  // Any device may revoke another with proof that it forked its chain: two events
  // it signed at one place (as JSON, each checked by every receiver).
  'device.revoked': z.strictObject({
    deviceId: idSchema,
    afterSeq: seqSchema,
    reason: text(REASON_MAX).optional(),
    proof: z.tuple([z.string().max(PROOF_EVENT_MAX), z.string().max(PROOF_EVENT_MAX)]).optional(),
  }),
  // Workspace documents (people, custom roles and types, severity definitions),
  // last writer wins per document. Bodies are checked per collection by the fold,
  // so a newer collection from a newer laptop never blocks a batch.
  'doc.put': z.strictObject({
    collection: z.string().regex(/^[a-z][a-z-]{0,31}$/),
    docId: idSchema,
    body: z.record(z.string(), z.json()),
  }),
  'doc.delete': z.strictObject({
    collection: z.string().regex(/^[a-z][a-z-]{0,31}$/),
    docId: idSchema,
  }),
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
  /** The writer's wall clock when it wrote the event (ms); absent on events written before it was kept. */
  wall: z.number().int().min(0).max(8.64e15).optional(),
  /**
   * The signature of the device's previous event, inside this event's hash: a
   * signature over the last event of a run then vouches for every signature
   * before it, so no relay can swap one unseen. Absent on a chain's first event.
   */
  prevSig: signatureSchema.optional(),
  /** The signing device's Ed25519 signature of `hash`; absent only on events written before signing. */
  sig: signatureSchema.optional(),
};

function member<T extends EventType>(type: T) {
  return z.strictObject({ ...envelope, type: z.literal(type), payload: payloadSchemas[type] });
}

export const eventSchema = z.discriminatedUnion('type', [
  member('incident.declared'),
  member('incident.updated'),
  member('incident.note-added'),
  member('incident.status-changed'),
  member('incident.severity-changed'),
  member('incident.key-time-corrected'),
  member('incident.entry-pinned'),
  member('incident.role-assigned'),
  member('incident.role-handed-over'),
  member('incident.role-released'),
  member('runbook.run-started'),
  member('runbook.step-changed'),
  member('doc.put'),
  member('doc.delete'),
  member('monitor.state-changed'),
  member('incident.monitor-linked'),
  member('comms.message-recorded'),
  member('comms.delivery-changed'),
  member('continuity.threshold-crossed'),
  member('exercise.started'),
  member('exercise.controlled'),
  member('exercise.inject'),
  member('exercise.observer-note'),
  member('exercise.debrief'),
  member('device.enrolled'),
  member('device.person-changed'),
  member('device.revoked'),
]);

export type WarEvent = z.infer<typeof eventSchema>;
export type EventOf<T extends EventType> = Extract<WarEvent, { type: T }>;
/** An event before it is sealed with its own hash (and signed). */
export type EventBody = WarEvent extends infer E ? (E extends WarEvent ? Omit<E, 'hash' | 'sig'> : never) : never;

/** What a writer supplies; the chain fills in seq, hlc and hashes. */
export type EventDraft = {
  [T in EventType]: { type: T; payload: PayloadOf<T>; incidentId?: string; actor: string };
}[EventType];

/** The workspace of a laptop's real record; a team hub serves it under the same name. */
export const DEFAULT_WORKSPACE = 'default';
/**
 * Drills live apart, in a workspace of their own on every replica, so they never
 * mix with real incidents or their figures; a hub serves it under its own token.
 */
export const EXERCISE_WORKSPACE = 'exercise';
export const WORKSPACES = [DEFAULT_WORKSPACE, EXERCISE_WORKSPACE] as const;
export type Workspace = (typeof WORKSPACES)[number];
export const workspaceSchema = z.enum(WORKSPACES);

/** The hash of the first event of every device's chain. */
export const GENESIS_HASH = '0'.repeat(64);

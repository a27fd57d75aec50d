// Incident state as a pure fold of events. Any replica holding the same events
// computes the same state, whatever order they arrived in. New events that sort
// after everything folded so far are applied incrementally (the usual case: a
// note just posted), copying only the incident they touch, and of it only the
// fields they change: its timeline is a persistent list, so a note costs the
// same on a ten-entry incident as on a million-entry one.
import { assertNever } from '../assert';
import { eventTime, isClockDisputed } from '../events/hlc';
import { revocationsIn } from '../events/devices';
import { applyDeviceEvent, NO_DEVICES, unknownDevice, type DeviceView, type Devices } from './devices';
import { applyContinuityDoc, EMPTY_CONTINUITY, type ContinuityDocs } from '../continuity/continuity-docs';
import type {
  Briefing,
  ContinuityThreshold,
  EventOf,
  IncidentKind,
  IncidentStatus,
  KeyTime,
  NoteKind,
  PersonRef,
  Severity,
  WarEvent,
} from '../events/event';
import {
  applyMonitorDocEvent,
  EMPTY_MONITOR_DOCS,
  MONITOR_COLLECTION,
  type MonitorDocs,
} from '../monitors/monitor-docs';
import { applyDocEvent, EMPTY_DOCUMENTS, normaliseName, type Documents } from './documents';
import type { Evidence, StepStatus } from '../runbooks/run-payloads';
import {
  changeStep,
  claimRun,
  startRun,
  stepOf,
  type EventFacts,
  type RunbookRun,
  type StepFlag,
} from '../runbooks/run-state';
import { applyRunbookDoc, NO_RUNBOOK_DOCS, type RunbookDocs } from '../runbooks/runbook-docs';
import type { LocalText, StepKind } from '../runbooks/runbook-schema';
import type { KeyTimeCorrection, KeyTimes } from './key-times';
import { compareEvents } from './order';
import { PersistentList } from './persistent-list';
import { rolesOfActor, type RoleHolder } from './roles';
import type { Audience, MessageChannel } from '../comms/audiences';
import { applyCommsDoc, NO_COMMS_DOCS, type CommsDocs } from '../comms/comms-docs';
import { deliver, recordMessage, type IncidentMessage } from '../comms/messages';
import { applyExerciseEvent, NO_SESSIONS, type ExerciseSessions } from '../exercises/session';
import { applyScenarioDoc, NO_SCENARIO_DOCS, type ScenarioDocs } from '../exercises/scenario-docs';

export type { IncidentStatus } from '../events/event';

interface EntryBase {
  readonly eventId: string;
  readonly at: number;
  readonly actor: string;
  /** The roles the author held at that moment (matched by name). */
  readonly actorRoles: readonly string[];
  /**
   * Why the entry is to be read with care: written before events were signed
   * (vouched for by the device that held it), or its wall time and its clock
   * disagree by more than the bound. Absent on a signed event with a sound clock.
   */
  readonly caution?: EntryCaution | undefined;
}

export type EntryCaution = 'unsigned' | 'clock-disputed';

function cautionOf(event: WarEvent): EntryCaution | undefined {
  if (event.sig === undefined) return 'unsigned';
  return isClockDisputed(event) ? 'clock-disputed' : undefined;
}

export interface IncidentChanges {
  readonly title?: string;
  readonly kind?: IncidentKind;
  readonly services?: readonly string[];
  readonly processes?: readonly string[];
}

/** A monitor reason as the log holds it: a `monitors.*` catalogue key and its values. */
export interface LoggedReason {
  readonly key: string;
  readonly values: Readonly<Record<string, string | number>>;
}

export type MonitorEntryStatus = EventOf<'monitor.state-changed'>['payload']['status'];

export type TimelineEntry = EntryBase &
  (
    | { kind: 'declared'; title: string; severity: Severity; incidentKind: IncidentKind }
    | { kind: 'updated'; changes: IncidentChanges }
    | { kind: 'note'; noteKind: NoteKind; text: string }
    | { kind: 'status'; from: IncidentStatus; to: IncidentStatus }
    | { kind: 'severity'; from: Severity; to: Severity }
    | { kind: 'key-time'; key: KeyTime; from: number | undefined; to: number; reason: string }
    | {
        kind: 'role';
        action: 'assigned' | 'handed-over' | 'released';
        role: string;
        /** The new holder; absent on release. */
        person?: PersonRef;
        /** Who held it before, if anyone. */
        previous?: PersonRef;
        briefing?: Briefing;
        note?: string;
      }
    | {
        /** Monitor evidence: linked by someone (`linked`), or a status change of a linked or matching monitor. */
        kind: 'monitor';
        action: 'linked' | 'changed';
        monitorId: string;
        name: string;
        status: MonitorEntryStatus;
        /** The status before, for a change. */
        from?: MonitorEntryStatus;
        reason: LoggedReason;
        latencyMs?: number;
      }
    | {
        kind: 'runbook';
        runId: string;
        runbookTitle: LocalText;
        /** A run started, or one of its steps changed. */
        action: 'started' | 'step';
        stepId?: string;
        stepTitle?: LocalText;
        stepKind?: StepKind;
        status?: StepStatus;
        /** The label of the option a decision took. */
        branch?: LocalText;
        note?: string;
        evidence?: Evidence;
        /**
         * A rule the change broke (an approval by the person who asked for it…); it still landed.
         * On a start: `duplicate-start` (ignored) or `contested` (another start claims the run).
         */
        flag?: StepFlag;
        isExercise?: boolean;
      }
    | {
        /** A message to an audience: recorded (copied or queued), then sent or failed by the outbox. */
        kind: 'message';
        action: 'recorded' | 'sent' | 'failed';
        messageId: string;
        audience: Audience;
        channel: MessageChannel;
        destination?: string;
        subject?: string;
        /** The text as told, on the recorded entry. */
        text?: string;
        reason?: string;
        attempts?: number;
      }
    | {
        /** A business process crossed an impact threshold (recorded once per process and threshold). */
        kind: 'continuity';
        processId: string;
        process: string;
        threshold: ContinuityThreshold;
        crossedAt: number;
      }
  );

export type TimelineEntryKind = TimelineEntry['kind'];

/** An incident's entries, oldest first: each state holds its own version, and versions share their storage. */
export type Timeline = PersistentList<TimelineEntry>;

export interface Incident {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly kind: IncidentKind;
  readonly status: IncidentStatus;
  readonly services: readonly string[];
  readonly processes: readonly string[];
  readonly declaredAt: number;
  readonly declaredBy: string;
  readonly updatedAt: number;
  readonly keyTimes: KeyTimes;
  /** Current holder of each role. */
  readonly roles: ReadonlyMap<string, RoleHolder>;
  /** Event ids of the pinned timeline entries. */
  readonly pinned: ReadonlySet<string>;
  /** Monitors linked as evidence: their later status changes join the timeline. */
  readonly monitors: ReadonlySet<string>;
  /** Checklist runs by run id, oldest first. */
  readonly runs: ReadonlyMap<string, RunbookRun>;
  /** Messages told about it, by message id, oldest first. */
  readonly messages: ReadonlyMap<string, IncidentMessage>;
  /** Oldest first. */
  readonly timeline: Timeline;
}

export interface WarRoomState {
  /** Incidents by id. */
  readonly incidents: ReadonlyMap<string, Incident>;
  readonly docs: Documents;
  /** The `monitor` documents, valid or not. */
  readonly monitors: MonitorDocs;
  /** The workspace's own runbooks (the built-in library is in common/runbooks/library). */
  readonly runbooks: RunbookDocs;
  /** Message templates, channels and the cadence policy (common/comms). */
  readonly comms: CommsDocs;
  /** Business processes, risks, post-mortems and action items (common/continuity). */
  readonly continuity: ContinuityDocs;
  /** Exercise sessions (only the exercise workspace holds any). */
  readonly exercises: ExerciseSessions;
  /** Scenarios imported into the exercise room, beside the built-in library. */
  readonly scenarios: ScenarioDocs;
  /** The devices that wrote to this workspace, enrolled or not, and their revocations. */
  readonly devices: Devices;
  /** Events that refer to an incident this replica does not hold (yet). */
  readonly orphans: number;
  /** Events folded so far. */
  readonly eventCount: number;
  /** The last event folded, in the total order; later events apply incrementally. */
  readonly last: WarEvent | undefined;
}

export const EMPTY_STATE: WarRoomState = {
  incidents: new Map(),
  docs: EMPTY_DOCUMENTS,
  monitors: EMPTY_MONITOR_DOCS,
  runbooks: NO_RUNBOOK_DOCS,
  comms: NO_COMMS_DOCS,
  continuity: EMPTY_CONTINUITY,
  exercises: NO_SESSIONS,
  scenarios: NO_SCENARIO_DOCS,
  devices: NO_DEVICES,
  orphans: 0,
  eventCount: 0,
  last: undefined,
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface WritableKeyTimes {
  auto: Partial<Record<KeyTime, number>>;
  corrected: Partial<Record<KeyTime, KeyTimeCorrection>>;
}

/**
 * An incident being changed by one fold step: a shallow copy that the new state
 * holds, whose collections are copied the first time the step writes to them,
 * so that a note copies none of them (the timeline only grows, by `append`).
 */
class IncidentDraft {
  readonly incident: Mutable<Incident>;
  #roles: Map<string, RoleHolder> | undefined;
  #pinned: Set<string> | undefined;
  #monitors: Set<string> | undefined;
  #runs: Map<string, RunbookRun> | undefined;
  #messages: Map<string, IncidentMessage> | undefined;
  #keyTimes: WritableKeyTimes | undefined;

  constructor(incident: Incident) {
    this.incident = { ...incident };
  }

  append(entry: TimelineEntry): void {
    this.incident.timeline = this.incident.timeline.append(entry);
  }

  get roles(): Map<string, RoleHolder> {
    return (this.#roles ??= this.incident.roles = new Map(this.incident.roles));
  }

  get pinned(): Set<string> {
    return (this.#pinned ??= this.incident.pinned = new Set(this.incident.pinned));
  }

  get monitors(): Set<string> {
    return (this.#monitors ??= this.incident.monitors = new Set(this.incident.monitors));
  }

  get runs(): Map<string, RunbookRun> {
    return (this.#runs ??= this.incident.runs = new Map(this.incident.runs));
  }

  get messages(): Map<string, IncidentMessage> {
    return (this.#messages ??= this.incident.messages = new Map(this.incident.messages));
  }

  get keyTimes(): WritableKeyTimes {
    const { auto, corrected } = this.incident.keyTimes;
    return (this.#keyTimes ??= this.incident.keyTimes = { auto: { ...auto }, corrected: { ...corrected } });
  }
}

const STAGE: Record<IncidentStatus, number> = {
  investigating: 0,
  identified: 1,
  monitoring: 2,
  resolved: 3,
  closed: 4,
};

/** What a status move says about the key times: reached stages set them, a relapse clears later ones. */
function moveKeyTimes(auto: Partial<Record<KeyTime, number>>, status: IncidentStatus, at: number): void {
  const stage = STAGE[status];
  if (stage >= STAGE.identified) auto.acknowledged ??= at;
  if (stage >= STAGE.monitoring) auto.mitigated ??= at;
  else delete auto.mitigated;
  if (stage >= STAGE.resolved) auto.resolved ??= at;
  else delete auto.resolved;
}

class Folder {
  private readonly incidents: Map<string, Incident>;
  private readonly drafts = new Map<string, IncidentDraft>();
  docs: Documents;
  monitors: MonitorDocs;
  runbooks: RunbookDocs;
  comms: CommsDocs;
  continuity: ContinuityDocs;
  exercises: ExerciseSessions;
  scenarios: ScenarioDocs;
  orphans: number;
  eventCount: number;
  last: WarEvent | undefined;
  private readonly devices: Map<string, DeviceView>;
  /** The open incidents' ids, for monitor changes (hundreds of thousands in a year): made when first needed, dropped when an incident is declared or changes status. */
  private openIds: string[] | null = null;

  constructor(from: WarRoomState) {
    this.devices = new Map(from.devices);
    this.incidents = new Map(from.incidents);
    this.docs = from.docs;
    this.monitors = from.monitors;
    this.runbooks = from.runbooks;
    this.comms = from.comms;
    this.continuity = from.continuity;
    this.exercises = from.exercises;
    this.scenarios = from.scenarios;
    this.orphans = from.orphans;
    this.eventCount = from.eventCount;
    this.last = from.last;
  }

  private draft(id: string | undefined): IncidentDraft | undefined {
    if (id === undefined) return undefined;
    const existing = this.drafts.get(id);
    if (existing) return existing;
    const incident = this.incidents.get(id);
    if (!incident) return undefined;
    const draft = new IncidentDraft(incident);
    this.drafts.set(id, draft);
    this.incidents.set(id, draft.incident);
    return draft;
  }

  apply(event: WarEvent): void {
    // A revoked device's events after its revocation point are not the record's (and
    // which of them a replica holds depends on the replica: they move nothing, not even `last`).
    if (!applyDeviceEvent(this.devices, event)) return;
    this.last = event;
    if (event.type === 'incident.status-changed') this.openIds = null;
    this.eventCount += 1;
    const at = eventTime(event);
    switch (event.type) {
      case 'device.enrolled':
      case 'device.person-changed':
      case 'device.revoked':
        return;
      case 'doc.put':
      case 'doc.delete':
        if (event.payload.collection === MONITOR_COLLECTION)
          this.monitors = applyMonitorDocEvent(this.monitors, event, at);
        else this.docs = applyDocEvent(this.docs, event, at);
        this.runbooks = applyRunbookDoc(this.runbooks, event, at);
        this.comms = applyCommsDoc(this.comms, event, at);
        this.continuity = applyContinuityDoc(this.continuity, event, at);
        this.scenarios = applyScenarioDoc(this.scenarios, event, at);
        return;
      case 'incident.declared':
        this.openIds = null;
        this.declare(event, at);
        return;
      case 'monitor.state-changed':
        this.monitorChanged(event, at);
        return;
      case 'exercise.started':
      case 'exercise.controlled':
      case 'exercise.inject':
      case 'exercise.observer-note':
      case 'exercise.debrief':
        this.exercises = applyExerciseEvent(this.exercises, event, this.devices.get(event.deviceId)?.kind);
        return;
      default: {
        const incident = this.draft(event.incidentId);
        if (!incident) {
          this.orphans += 1;
          return;
        }
        applyToIncident(incident, event, at);
      }
    }
  }

  private declare(event: Extract<WarEvent, { type: 'incident.declared' }>, at: number): void {
    if (this.incidents.has(event.id)) return;
    const { title, severity, kind, services = [], processes = [], startedAt, detectedAt } = event.payload;
    const draft = new IncidentDraft({
      id: event.id,
      title,
      severity,
      kind,
      status: 'investigating',
      services,
      processes,
      declaredAt: at,
      declaredBy: event.actor,
      updatedAt: at,
      keyTimes: { auto: { started: startedAt ?? detectedAt ?? at, detected: detectedAt ?? at }, corrected: {} },
      roles: new Map(),
      pinned: new Set(),
      monitors: new Set(),
      runs: new Map(),
      messages: new Map(),
      timeline: PersistentList.of<TimelineEntry>({
        kind: 'declared',
        eventId: event.id,
        at,
        actor: event.actor,
        actorRoles: [],
        caution: cautionOf(event),
        title,
        severity,
        incidentKind: kind,
      }),
    });
    this.drafts.set(event.id, draft);
    this.incidents.set(event.id, draft.incident);
  }

  /**
   * A monitor's status change is evidence on every open incident that linked
   * the monitor or lists one of its services; the fold derives it, so every
   * replica shows the same entries and nobody has to copy them by hand.
   */
  private monitorChanged(event: EventOf<'monitor.state-changed'>, at: number): void {
    const { monitorId, name, status, from, reason, latencyMs, services = [] } = event.payload;
    const wanted = new Set(services.map(normaliseName));
    this.openIds ??= [...this.incidents.values()].filter(isOpen).map((incident) => incident.id);
    for (const id of this.openIds) {
      const incident = this.incidents.get(id);
      if (!incident) continue;
      const isLinked = incident.monitors.has(monitorId);
      if (!isLinked && !incident.services.some((service) => wanted.has(normaliseName(service)))) continue;
      const draft = this.draft(id);
      if (!draft) continue;
      draft.incident.updatedAt = Math.max(draft.incident.updatedAt, at);
      draft.append({
        eventId: event.id,
        at,
        actor: event.actor,
        actorRoles: NO_ROLES,
        caution: cautionOf(event),
        kind: 'monitor',
        action: 'changed',
        monitorId,
        name,
        status,
        from,
        reason,
        ...(latencyMs === undefined ? {} : { latencyMs }),
      });
    }
  }

  state(): WarRoomState {
    return {
      incidents: this.incidents,
      docs: this.docs,
      monitors: this.monitors,
      runbooks: this.runbooks,
      comms: this.comms,
      continuity: this.continuity,
      exercises: this.exercises,
      scenarios: this.scenarios,
      devices: this.devices,
      orphans: this.orphans,
      eventCount: this.eventCount,
      last: this.last,
    };
  }
}

const NO_ROLES: readonly string[] = Object.freeze([]);

type IncidentEvent = Exclude<
  WarEvent,
  {
    type:
      | 'incident.declared'
      | 'doc.put'
      | 'doc.delete'
      | 'monitor.state-changed'
      | `exercise.${string}`
      | `device.${string}`;
  }
>;

function applyToIncident(draft: IncidentDraft, event: IncidentEvent, at: number): void {
  const incident = draft.incident;
  incident.updatedAt = Math.max(incident.updatedAt, at);
  const entry: EntryBase = {
    eventId: event.id,
    at,
    actor: event.actor,
    // Most events come before anyone holds a role; share one empty list then.
    actorRoles: incident.roles.size === 0 ? NO_ROLES : rolesOfActor(incident.roles, event.actor),
    caution: cautionOf(event),
  };
  switch (event.type) {
    case 'incident.note-added':
      // The hot path of a long incident: a plain literal, as a spread here cost
      // most of a 100,000-event fold.
      draft.append({
        eventId: entry.eventId,
        at,
        actor: entry.actor,
        actorRoles: entry.actorRoles,
        caution: entry.caution,
        kind: 'note',
        noteKind: event.payload.kind ?? 'note',
        text: event.payload.text,
      });
      return;
    case 'incident.updated': {
      const changes = event.payload;
      if (changes.title !== undefined) incident.title = changes.title;
      if (changes.kind !== undefined) incident.kind = changes.kind;
      if (changes.services !== undefined) incident.services = changes.services;
      if (changes.processes !== undefined) incident.processes = changes.processes;
      draft.append({ ...entry, kind: 'updated', changes });
      return;
    }
    // Single-valued fields: the last change in the one total order wins, on every
    // replica alike; concurrent changes all stay in the timeline.
    case 'incident.status-changed':
      draft.append({ ...entry, kind: 'status', from: incident.status, to: event.payload.status });
      incident.status = event.payload.status;
      moveKeyTimes(draft.keyTimes.auto, event.payload.status, at);
      return;
    case 'incident.severity-changed':
      draft.append({ ...entry, kind: 'severity', from: incident.severity, to: event.payload.severity });
      incident.severity = event.payload.severity;
      return;
    case 'incident.key-time-corrected': {
      const { key, reason } = event.payload;
      const { auto, corrected } = draft.keyTimes;
      const from = corrected[key]?.at ?? auto[key];
      corrected[key] = { at: event.payload.at, by: event.actor, reason, eventId: event.id };
      draft.append({ ...entry, kind: 'key-time', key, from, to: event.payload.at, reason });
      return;
    }
    case 'incident.entry-pinned':
      if (event.payload.pinned) draft.pinned.add(event.payload.eventId);
      else draft.pinned.delete(event.payload.eventId);
      return;
    case 'incident.role-assigned':
    case 'incident.role-handed-over': {
      const { role } = event.payload;
      const person = event.type === 'incident.role-assigned' ? event.payload.person : event.payload.to;
      const previous = incident.roles.get(role)?.person;
      draft.roles.set(role, { person, since: at, by: event.actor, eventId: event.id });
      if (role === 'commander') draft.keyTimes.auto.acknowledged ??= at;
      draft.append({
        ...entry,
        kind: 'role',
        action: event.type === 'incident.role-assigned' ? 'assigned' : 'handed-over',
        role,
        person,
        ...(previous ? { previous } : {}),
        ...(event.type === 'incident.role-handed-over' ? { briefing: event.payload.briefing } : {}),
      });
      return;
    }
    case 'incident.role-released': {
      const { role, note } = event.payload;
      const previous = incident.roles.get(role)?.person;
      draft.roles.delete(role);
      draft.append({
        ...entry,
        kind: 'role',
        action: 'released',
        role,
        ...(previous ? { previous } : {}),
        ...(note ? { note } : {}),
      });
      return;
    }
    case 'incident.monitor-linked': {
      const { monitorId, name, status, reason, latencyMs } = event.payload;
      draft.monitors.add(monitorId);
      draft.append({
        ...entry,
        kind: 'monitor',
        action: 'linked',
        monitorId,
        name,
        status,
        reason,
        ...(latencyMs === undefined ? {} : { latencyMs }),
      });
      return;
    }
    case 'runbook.run-started': {
      const origin = factsOf(event, at);
      const known = incident.runs.get(event.payload.runId);
      if (known) {
        // A run is its first start; another claiming its id (a backdated clock
        // can place it first) never replaces it, and leaves the run contested.
        const contested = claimRun(known, origin);
        if (!contested) return;
        draft.runs.set(contested.id, contested);
        if (known.contestedBy.length === 0) flagStart(draft, known.start.eventId, 'contested');
        draft.append({
          ...entry,
          kind: 'runbook',
          runId: known.id,
          runbookTitle: known.title,
          action: 'started',
          flag: 'duplicate-start',
          ...(known.isExercise ? { isExercise: true } : {}),
        });
        return;
      }
      const run = startRun(event.payload, origin);
      draft.runs.set(run.id, run);
      draft.append({
        ...entry,
        kind: 'runbook',
        runId: run.id,
        runbookTitle: run.title,
        action: 'started',
        ...(run.isExercise ? { isExercise: true } : {}),
      });
      return;
    }
    case 'runbook.step-changed': {
      const run = incident.runs.get(event.payload.runId);
      if (!run) return;
      const { run: next, flag } = changeStep(run, event.payload, factsOf(event, at));
      draft.runs.set(next.id, next);
      const step = stepOf(run, event.payload.stepId);
      const branch =
        step?.kind === 'decision'
          ? step.options.find((option) => option.id === event.payload.branch)?.label
          : undefined;
      draft.append({
        ...entry,
        kind: 'runbook',
        runId: run.id,
        runbookTitle: run.title,
        action: 'step',
        stepId: event.payload.stepId,
        status: event.payload.status,
        ...(step ? { stepTitle: step.title, stepKind: step.kind } : {}),
        ...(branch !== undefined ? { branch } : {}),
        ...(event.payload.note !== undefined ? { note: event.payload.note } : {}),
        ...(event.payload.evidence !== undefined ? { evidence: event.payload.evidence } : {}),
        ...(flag ? { flag } : {}),
        ...(run.isExercise ? { isExercise: true } : {}),
      });
      return;
    }
    case 'comms.message-recorded': {
      if (incident.messages.has(event.payload.messageId)) return;
      const message = recordMessage(event.payload, event.actor, at);
      draft.messages.set(message.id, message);
      const { messageId, audience, channel, destination, subject, text } = event.payload;
      draft.append({
        ...entry,
        kind: 'message',
        action: 'recorded',
        messageId,
        audience,
        channel,
        ...(destination !== undefined ? { destination } : {}),
        ...(subject ? { subject } : {}),
        text,
      });
      return;
    }
    case 'comms.delivery-changed': {
      const message = incident.messages.get(event.payload.messageId);
      if (!message) return;
      const next = deliver(message, event.payload, at);
      if (next === message) return;
      draft.messages.set(next.id, next);
      draft.append({
        ...entry,
        kind: 'message',
        action: event.payload.status,
        messageId: message.id,
        audience: message.audience,
        channel: message.channel,
        ...(message.destination !== undefined ? { destination: message.destination } : {}),
        ...(event.payload.reason !== undefined ? { reason: event.payload.reason } : {}),
        attempts: event.payload.attempts,
      });
      return;
    }
    case 'continuity.threshold-crossed': {
      const { processId, process, threshold, crossedAt } = event.payload;
      // Several laptops may notice the same crossing: the first in the total order
      // wins on every replica. Crossings are a handful per incident, so a scan is cheap.
      const isKnown = incident.timeline.some(
        (known) => known.kind === 'continuity' && known.processId === processId && known.threshold === threshold,
      );
      if (!isKnown) draft.append({ ...entry, kind: 'continuity', processId, process, threshold, crossedAt });
      return;
    }
    default:
      assertNever(event);
  }
}

function factsOf(event: IncidentEvent, at: number): EventFacts {
  return { eventId: event.id, hash: event.hash, deviceId: event.deviceId, actor: event.actor, at };
}

/**
 * Marks the start entry of a run that has just become contested. It happens once
 * per run, so a scan back to the start is affordable; the replacement copies one
 * chunk of the timeline, and the snapshots before keep the entry as it was.
 */
function flagStart(draft: IncidentDraft, eventId: string, flag: StepFlag): void {
  const { timeline } = draft.incident;
  const index = timeline.findLastIndex((known) => known.kind === 'runbook' && known.eventId === eventId);
  const known = timeline.at(index);
  if (index < 0 || known?.kind !== 'runbook') return;
  draft.incident.timeline = timeline.with(index, { ...known, flag });
}

/** Folds events, in any order, into the war-room state. */
export function foldEvents(events: readonly WarEvent[]): WarRoomState {
  // Revocations apply to the device's later events wherever they sort.
  const revoked = revocationsIn(events);
  const start: WarRoomState = revoked.size === 0 ? EMPTY_STATE : { ...EMPTY_STATE, devices: revokedDevices(revoked) };
  const folder = new Folder(start);
  for (const event of inOrder(events)) folder.apply(event);
  return folder.state();
}

/** Placeholders that carry each revocation point before the devices' own events are folded. */
function revokedDevices(revoked: ReadonlyMap<string, number>): Devices {
  const devices = new Map<string, DeviceView>();
  for (const [deviceId, afterSeq] of revoked) {
    devices.set(deviceId, { ...unknownDevice(deviceId, Infinity, 0), revokedAfter: afterSeq });
  }
  return devices;
}

/** Events in the total order; logs read from a store mostly are already, and a check is linear. */
function inOrder(events: readonly WarEvent[]): readonly WarEvent[] {
  let previous: WarEvent | undefined;
  for (const event of events) {
    if (previous && compareEvents(previous, event) >= 0) return [...events].sort(compareEvents);
    previous = event;
  }
  return events;
}

/**
 * Applies events that all sort after the state's last event, without refolding
 * the log. Returns undefined when one does not (an older event arrived by sync):
 * the caller refolds everything then.
 */
export function advanceState(state: WarRoomState, events: readonly WarEvent[]): WarRoomState | undefined {
  if (events.length === 0) return state;
  const ordered = inOrder(events);
  const first = ordered[0];
  if (state.last && first && compareEvents(first, state.last) <= 0) return undefined;
  // A revocation of events already folded: refold, so they leave the state.
  for (const [deviceId, afterSeq] of revocationsIn(ordered)) {
    const device = state.devices.get(deviceId);
    if (device && device.events > 0 && device.revokedAfter === undefined && device.events > afterSeq) return undefined;
  }
  const folder = new Folder(state);
  for (const event of ordered) folder.apply(event);
  return folder.state();
}

/** Incidents, most recently active first. */
export function listIncidents(state: WarRoomState): Incident[] {
  return [...state.incidents.values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1));
}

/** Whether an incident still needs people: everything but closed. */
export function isOpen(incident: Incident): boolean {
  return incident.status !== 'closed';
}

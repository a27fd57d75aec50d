// The incidents of the seeded year, each as a stream of the events a real
// response leaves: the declaration, roles (assigned, handed over at shift
// changes, released), status moves to closure, severity changes, corrected key
// times, monitors linked as evidence, checklist runs with approvals and the
// commands' evidence, messages to the status page, staff and executives with
// their deliveries, RTO crossings, pinned entries, the post-mortem and its
// action items, and notes filling the rest. Each incident writes exactly the
// number of events it is given; its notes are made one at a time as they are
// written, so a 100,000-entry incident costs no more memory than a small one.
import { createHash } from 'node:crypto';
import type { Audience, MessageChannel } from '../../common/comms/audiences';
import { processSchema, type BusinessProcess } from '../../common/continuity/process-schema';
import { BUILT_IN_PROCESSES } from '../../common/continuity/process-library';
import { ACTION_COLLECTION, POSTMORTEM_COLLECTION } from '../../common/continuity/records-schema';
import {
  SEVERITIES,
  type ContinuityThreshold,
  type EventDraft,
  type IncidentKind,
  type IncidentStatus,
  type NoteKind,
  type PersonRef,
  type Severity,
} from '../../common/events/event';
import { BUILT_INS, suitability } from '../../common/runbooks/catalog';
import type { Evidence } from '../../common/runbooks/run-payloads';
import { localText, type Runbook, type RunbookStep } from '../../common/runbooks/runbook-schema';
import type { Cast, Member } from './cast';
import { OVERRIDDEN_RUNBOOKS } from './docs';
import { chatOpsText, incidentTitle, messageText, noteText, PROCESS_OF_SERVICE, REGIONS, SERVICES } from './content';
import type { Hashes, Item } from './item';
import type { MonitorPlan } from './monitors';
import type { Rng } from './rng';
import type { Chain } from './team';
import { DAY, evenMs, HOUR, MINUTE, SECOND } from './time';

export interface Crew {
  readonly commander: Member;
  readonly scribe: Member;
  readonly communications?: Member;
  readonly operations?: Member;
  /** Everyone who writes notes. */
  readonly all: readonly Member[];
}

export interface IncidentSpec {
  readonly id: string;
  readonly isBig: boolean;
  readonly title: string;
  readonly severity: Severity;
  readonly kind: IncidentKind;
  readonly services: readonly string[];
  readonly processes: readonly string[];
  readonly region: string;
  readonly declaredAt: number;
  /** When service came back (the `monitoring` move), or the end for one that never did. */
  readonly mitigatedAt: number;
  /** The end of the response: resolved, or the present for an open incident. */
  readonly respondedUntil: number;
  readonly closedAt: number | undefined;
  /** Every status move, in order. */
  readonly statuses: readonly (readonly [number, IncidentStatus])[];
  readonly crew: Crew;
  /** Events this incident writes, all kinds together. */
  events: number;
  /** Of which pins (the only events that add no timeline entry). */
  pins: number;
}

export interface IncidentContext {
  readonly rng: Rng;
  readonly cast: Cast;
  readonly board: MonitorPlan;
  readonly hashes: Hashes;
  readonly until: number;
  /** Roles given now and then besides the usual four: built-in ones and the workspace's custom roles. */
  readonly extraRoles: readonly string[];
}

const PROCESSES: readonly BusinessProcess[] = BUILT_IN_PROCESSES.map((input) => processSchema.parse(input));
const LONG_SHIFT = 8 * HOUR;

const DURATION: Readonly<Record<Severity, readonly [number, number, number, number]>> = {
  // median, spread, min, max
  SEV1: [3 * HOUR, 0.6, 40 * MINUTE, 30 * HOUR],
  SEV2: [2 * HOUR, 0.7, 20 * MINUTE, 2 * DAY],
  SEV3: [4 * HOUR, 1.0, 15 * MINUTE, 4 * DAY],
  SEV4: [8 * HOUR, 1.0, 15 * MINUTE, 6 * DAY],
};

/** A person as roles name them: their directory entry. */
function ref(member: Member): PersonRef {
  return { id: member.personId, name: member.name };
}

function processesOf(services: readonly string[]): string[] {
  return [...new Set(services.flatMap((service) => PROCESS_OF_SERVICE[service] ?? []))];
}

function crewFor(rng: Rng, cast: Cast, services: readonly string[], severity: Severity): Crew {
  const byName = (name: string) => cast.byName(name);
  const commander = byName(
    rng.weighted([
      ['Camille Laurent', 5],
      ['Priya Raman', 4],
      ['Jonas Weber', 2],
      ['Bob Nguyen', 2],
      ['Dana Kowalski', 2],
      ['Samir Haddad', 1],
    ]),
  );
  const scribe = rng.pick(cast.members.filter((member) => member !== commander));
  const communications =
    severity === 'SEV1' || severity === 'SEV2'
      ? byName(rng.pick(['Élodie Martin', 'Élodie Martin', 'Lucía Ortega']))
      : undefined;
  const specialist = services.some((service) => ['database', 'orders', 'back-office'].includes(service))
    ? 'Dana Kowalski'
    : services.some((service) => ['payment', 'checkout', 'psp'].includes(service))
      ? 'Samir Haddad'
      : services.some((service) => ['dns', 'cdn', 'api-gateway'].includes(service))
        ? 'Jonas Weber'
        : 'Bob Nguyen';
  const operations = severity === 'SEV4' ? undefined : byName(specialist);
  const all = [
    ...new Set([commander, scribe, communications, operations, ...rng.sample(cast.members, rng.int(0, 2))]),
  ].filter((member): member is Member => member !== undefined);
  return {
    commander,
    scribe,
    ...(communications ? { communications } : {}),
    ...(operations ? { operations } : {}),
    all,
  };
}

/** A moment of the year, more often in working hours (UTC 7–18) than at night. */
function declarationTime(rng: Rng, from: number, to: number): number {
  const day = Math.floor(rng.between(from, to) / DAY) * DAY;
  const hour = rng.chance(0.65) ? rng.between(7, 18) : rng.between(0, 24);
  return evenMs(Math.min(Math.max(day + hour * HOUR, from), to));
}

function statusMoves(
  rng: Rng,
  declaredAt: number,
  times: { identified: number; mitigated: number; resolved: number; closed: number | undefined },
  final: IncidentStatus,
): [number, IncidentStatus][] {
  const moves: [number, IncidentStatus][] = [];
  const reach = (status: IncidentStatus) =>
    ['identified', 'monitoring', 'resolved', 'closed'].indexOf(status) <=
    ['investigating', 'identified', 'monitoring', 'resolved', 'closed'].indexOf(final) - 1;
  if (reach('identified') && !rng.chance(0.12)) moves.push([times.identified, 'identified']);
  if (reach('monitoring')) {
    moves.push([times.mitigated, 'monitoring']);
    // Now and then a fix does not hold: back to investigating, then found again.
    if (reach('resolved') && rng.chance(0.06)) {
      const span = times.resolved - times.mitigated;
      moves.push([times.mitigated + span * 0.3, 'investigating']);
      moves.push([times.mitigated + span * 0.45, 'identified']);
      moves.push([times.mitigated + span * 0.6, 'monitoring']);
    }
  }
  if (reach('resolved')) moves.push([times.resolved, 'resolved']);
  if (reach('closed') && times.closed !== undefined) moves.push([times.closed, 'closed']);
  return moves.map(([at, status]) => [evenMs(Math.max(at, declaredAt + 2 * SECOND)), status]);
}

/** The year's ordinary incidents, closed but for `open` of them still running at the end. */
export function planIncidents(
  rng: Rng,
  cast: Cast,
  options: { readonly count: number; readonly open: number; readonly start: number; readonly until: number },
): IncidentSpec[] {
  const { start, until } = options;
  const OPEN_SHAPES: readonly [number, IncidentStatus, Severity][] = [
    [50 * MINUTE, 'investigating', 'SEV2'],
    [5 * HOUR, 'identified', 'SEV3'],
    [2 * DAY, 'monitoring', 'SEV4'],
    [3 * DAY, 'resolved', 'SEV3'],
    [20 * HOUR, 'monitoring', 'SEV2'],
    [9 * HOUR, 'identified', 'SEV4'],
  ];
  const specs: IncidentSpec[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const openShape = index < options.open ? OPEN_SHAPES[index % OPEN_SHAPES.length] : undefined;
    // The first closed ones take each severity once, so even a small seed has them all.
    const firstOfEach = index >= options.open ? SEVERITIES[index - options.open] : undefined;
    const severity: Severity =
      openShape?.[2] ??
      firstOfEach ??
      rng.weighted([
        ['SEV1', 3],
        ['SEV2', 12],
        ['SEV3', 40],
        ['SEV4', 45],
      ] as const);
    const kind = rng.weighted<IncidentKind>([
      ['technical-failure', 50],
      ['performance', 25],
      ['security', 10],
      ['human-error', 15],
    ]);
    const services = rng.sample(
      SERVICES,
      rng.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const),
    );
    const region = rng.pick(REGIONS);
    const [median, spread, min, max] = DURATION[severity];
    let duration = Math.min(Math.max(rng.logNormal(median, spread), min), max);
    let declaredAt: number;
    let closedAt: number | undefined;
    let final: IncidentStatus = 'closed';
    if (openShape) {
      declaredAt = evenMs(until - openShape[0]);
      final = openShape[1];
      duration = final === 'resolved' ? openShape[0] - DAY : openShape[0] - MINUTE;
    } else {
      declaredAt = declarationTime(rng, start + DAY, until - 2 * DAY);
      duration = Math.min(duration, until - 3 * HOUR - declaredAt);
      const closeDelay =
        severity === 'SEV1' || severity === 'SEV2' ? rng.between(2 * DAY, 6 * DAY) : rng.between(HOUR, 3 * DAY);
      closedAt = evenMs(Math.min(declaredAt + duration + closeDelay, until - HOUR));
    }
    const resolvedAt = declaredAt + duration;
    const times = {
      identified: declaredAt + duration * rng.between(0.05, 0.25),
      mitigated: declaredAt + duration * rng.between(0.5, 0.85),
      resolved: resolvedAt,
      closed: closedAt,
    };
    const statuses = statusMoves(rng, declaredAt, times, final);
    const context = { service: services[0] as string, region, person: '', at: declaredAt };
    specs.push({
      id: rng.uuid(),
      isBig: false,
      title: incidentTitle(rng, kind, context),
      severity,
      kind,
      services,
      processes: processesOf(services),
      region,
      declaredAt,
      mitigatedAt: final === 'investigating' || final === 'identified' ? until : times.mitigated,
      respondedUntil: final === 'closed' || final === 'resolved' ? resolvedAt : until - MINUTE,
      closedAt,
      statuses,
      crew: crewFor(rng, cast, services, severity),
      events: 0,
      pins: 0,
    });
  }
  return specs;
}

/** The long one: a checkout outage across every store, five and a half days and still being watched. */
export function bigIncidentSpec(rng: Rng, cast: Cast, until: number): IncidentSpec {
  const declaredAt = evenMs(until - 5.5 * DAY);
  const services = ['checkout', 'payment'];
  const at = (offset: number) => evenMs(declaredAt + offset);
  return {
    id: rng.uuid(),
    isBig: true,
    title: 'Checkout outage across every store',
    severity: 'SEV2',
    kind: 'technical-failure',
    services,
    processes: ['payment', 'online-sales'],
    region: 'store-network',
    declaredAt,
    mitigatedAt: at(4 * DAY + 2 * HOUR),
    respondedUntil: until - MINUTE,
    closedAt: undefined,
    statuses: [
      [at(40 * MINUTE), 'identified'],
      [at(DAY + 3 * HOUR), 'investigating'],
      [at(DAY + 9 * HOUR), 'identified'],
      [at(4 * DAY + 2 * HOUR), 'monitoring'],
    ],
    crew: {
      commander: cast.byName('Camille Laurent'),
      scribe: cast.byName('Priya Raman'),
      communications: cast.byName('Élodie Martin'),
      operations: cast.byName('Samir Haddad'),
      all: cast.members,
    },
    events: 0,
    pins: 0,
  };
}

/** Events of one incident other than its notes, in groups kept or dropped whole to fit its size. */
class Skeleton {
  readonly items: Item[] = [];
  constructor(
    readonly spec: IncidentSpec,
    readonly context: IncidentContext,
  ) {}

  get rng(): Rng {
    return this.context.rng;
  }

  /** The member's window at `at`; between a lost laptop and its replacement, the commander's (or Camille's). */
  window(member: Member, at: number): Chain {
    const { cast } = this.context;
    const laptop = cast.laptopAt(member, at) ?? cast.laptopAt(this.spec.crew.commander, at) ?? cast.own;
    return cast.chain(laptop.window);
  }

  host(member: Member, at: number): Chain {
    const { cast } = this.context;
    const laptop = cast.laptopAt(member, at) ?? cast.laptopAt(this.spec.crew.commander, at) ?? cast.own;
    return cast.chain(laptop.host);
  }

  /** `at` kept inside the response, on an even millisecond. */
  clamp(at: number): number {
    const { spec } = this;
    const end = spec.closedAt ?? this.context.until - 30 * SECOND;
    return evenMs(Math.min(Math.max(at, spec.declaredAt + SECOND), end - SECOND));
  }

  item(at: number, chain: Chain, draft: EventDraft | (() => EventDraft), extra: Partial<Item> = {}): Item {
    return { at: this.clamp(at), chain, draft, ...extra };
  }

  /** Adds the group if it fits in `room`; returns what it used. */
  fit(group: readonly Item[], room: number): number {
    if (group.length > room) return 0;
    this.items.push(...group);
    return group.length;
  }

  text() {
    return {
      service: this.rng.pick(this.spec.services),
      region: this.spec.region,
      person: this.rng.pick(this.spec.crew.all).name,
      severity: this.spec.severity,
    };
  }
}

function roleItem(skeleton: Skeleton, at: number, by: Member, role: string, person: Member): Item {
  const { spec } = skeleton;
  return skeleton.item(at, skeleton.window(by, at), {
    type: 'incident.role-assigned',
    incidentId: spec.id,
    actor: '',
    payload: { role, person: ref(person) },
  });
}

function roleGroups(skeleton: Skeleton): Item[][] {
  const { spec, rng } = skeleton;
  const { crew, declaredAt: declared } = spec;
  const groups: Item[][] = [
    [roleItem(skeleton, declared + rng.between(MINUTE, 4 * MINUTE), crew.commander, 'scribe', crew.scribe)],
  ];
  if (crew.communications)
    groups.push([
      roleItem(
        skeleton,
        declared + rng.between(3 * MINUTE, 9 * MINUTE),
        crew.commander,
        'communications',
        crew.communications,
      ),
    ]);
  if (crew.operations && crew.operations !== crew.commander)
    groups.push([
      roleItem(
        skeleton,
        declared + rng.between(4 * MINUTE, 12 * MINUTE),
        crew.commander,
        'operations',
        crew.operations,
      ),
    ]);
  return groups;
}

/** Shift changes: every eight hours a role goes to someone else, with the briefing the app asks for. */
function handovers(skeleton: Skeleton, role: string, every: number, holders: readonly Member[]): Item[] {
  const { spec, rng } = skeleton;
  const items: Item[] = [];
  let holder = holders[0] as Member;
  for (let at = spec.declaredAt + every; at < spec.respondedUntil - HOUR; at += every) {
    const next = rng.pick(holders.filter((member) => member !== holder));
    const service = rng.pick(spec.services);
    items.push(
      skeleton.item(at + rng.between(0, 20 * MINUTE), skeleton.window(holder, at), {
        type: 'incident.role-handed-over',
        incidentId: spec.id,
        actor: '',
        payload: {
          role,
          to: ref(next),
          briefing: {
            conditions: `${service} ${rng.pick(['stable for the last hour', 'still degraded in two regions', 'error rate back under 1%', 'flapping every few minutes'])}.`,
            actions: rng.pick([
              'Vendor escalation open; rollback of the cache layer prepared.',
              'Second payment provider carries half the traffic.',
              'Watching the queue drain; no change planned before 06:00.',
              'Runbook at the failover step; approval given.',
            ]),
            needs: rng.pick([
              'A database engineer on call before the morning peak.',
              'Someone to answer the stores’ helpdesk tickets.',
              'A decision on the status page wording by 09:00.',
              'Nothing urgent.',
            ]),
          },
        },
      }),
    );
    holder = next;
  }
  return items;
}

const CHANNELS: Readonly<Record<Audience, readonly [MessageChannel, string]>> = {
  'status-page': ['webhook', 'Status page'],
  customers: ['email', 'Customers list'],
  internal: ['slack', '#incidents'],
  executives: ['email', 'Executives list'],
  partners: ['email', 'Partners list'],
  regulator: ['clipboard', 'Regulator portal'],
  social: ['clipboard', 'Social media'],
};

/** A message told to an audience, recorded by the sender's host, and its delivery by that host's outbox. */
function message(skeleton: Skeleton, at: number, audience: Audience, sender: Member): Item[] {
  const { spec, rng } = skeleton;
  const [channel, destination] = CHANNELS[audience];
  const messageId = rng.uuid();
  const host = skeleton.host(sender, at);
  const status = spec.statuses.filter(([when]) => when <= at).at(-1)?.[1] ?? 'investigating';
  const text = messageText(rng, audience, { ...skeleton.text(), status, at });
  const items = [
    skeleton.item(at, host, {
      type: 'comms.message-recorded',
      incidentId: spec.id,
      actor: '',
      payload: {
        messageId,
        audience,
        channel,
        destination,
        ...(channel === 'email' ? { subject: `[${spec.severity}] ${spec.title}`.slice(0, 300) } : {}),
        text,
      },
    }),
  ];
  if (channel === 'clipboard') return items;
  const sent = at + rng.between(SECOND, 5 * SECOND);
  if (rng.chance(0.05)) {
    items.push(
      skeleton.item(sent, host, {
        type: 'comms.delivery-changed',
        incidentId: spec.id,
        actor: '',
        payload: { messageId, status: 'failed', attempts: 1, reason: 'HTTP 502 from the receiving service' },
      }),
      skeleton.item(sent + MINUTE, host, {
        type: 'comms.delivery-changed',
        incidentId: spec.id,
        actor: '',
        payload: { messageId, status: 'sent', attempts: 2 },
      }),
    );
  } else {
    items.push(
      skeleton.item(sent, host, {
        type: 'comms.delivery-changed',
        incidentId: spec.id,
        actor: '',
        payload: { messageId, status: 'sent', attempts: 1 },
      }),
    );
  }
  return items;
}

/** Messages on the incident's cadence: status page and staff for the serious ones, executives for SEV1. */
function commsGroups(skeleton: Skeleton, cap: number): Item[][] {
  const { spec, rng } = skeleton;
  const sender = spec.crew.communications ?? spec.crew.commander;
  const end = spec.respondedUntil;
  const groups: Item[][] = [];
  const every = (audience: Audience, first: number, period: number) => {
    for (let at = spec.declaredAt + first; at < end && groups.length < cap; at += period) {
      groups.push(message(skeleton, at + rng.between(0, 3 * MINUTE), audience, sender));
    }
  };
  if (spec.severity === 'SEV4') {
    if (rng.chance(0.3)) groups.push(message(skeleton, spec.declaredAt + 20 * MINUTE, 'internal', spec.crew.commander));
    return groups;
  }
  every('internal', 5 * MINUTE, spec.isBig ? 2 * HOUR : 12 * HOUR);
  if (spec.severity === 'SEV3') return groups;
  every('status-page', 8 * MINUTE, spec.severity === 'SEV1' || spec.isBig ? 30 * MINUTE : HOUR);
  if (spec.severity === 'SEV1' || spec.isBig) every('executives', 30 * MINUTE, 6 * HOUR);
  if (spec.isBig) {
    for (const offset of [HOUR, DAY, 4 * DAY])
      groups.push(message(skeleton, spec.declaredAt + offset, 'customers', sender));
    groups.push(message(skeleton, spec.declaredAt + 3 * HOUR, 'partners', sender));
  }
  if (spec.closedAt !== undefined)
    groups.push(message(skeleton, spec.respondedUntil + 2 * MINUTE, 'status-page', sender));
  return groups;
}

function linkGroups(skeleton: Skeleton, count: number): Item[][] {
  const { spec, rng, context } = skeleton;
  const at = spec.declaredAt + rng.between(2 * MINUTE, 15 * MINUTE);
  const candidates = context.board.specs.filter(
    (monitor, index) => spec.services.includes(monitor.service) && context.board.isAlive(index, at),
  );
  return rng.sample(candidates, count).map((monitor, position) => [
    skeleton.item(at + position * 40 * SECOND, skeleton.window(spec.crew.operations ?? spec.crew.commander, at), {
      type: 'incident.monitor-linked',
      incidentId: spec.id,
      actor: '',
      payload: {
        monitorId: monitor.definition.id,
        name: monitor.definition.name,
        status: 'down',
        reason: { key: 'monitors.reason.statusMismatch', values: { expected: '2xx', status: 503 } },
        latencyMs: rng.int(2_000, 9_000),
      },
    }),
  ]);
}

/** What a host records of a command, HTTP call or wait it ran at `at`. */
function evidenceOf(rng: Rng, step: RunbookStep, at: number): Evidence {
  const output =
    step.kind === 'command'
      ? step.command.program === 'date'
        ? `${new Date(at).toISOString().slice(0, 19)}Z\n`
        : Array.from({ length: rng.int(1, 12) }, (_, line) => `${step.command.program}: line ${line + 1} ok`).join('\n')
      : step.kind === 'http'
        ? '{"ok":true}'
        : step.kind === 'wait-monitor'
          ? `${step.monitor} is ${step.until}`
          : '';
  const base = {
    outcome: 'ok' as const,
    durationMs: rng.int(80, 90_000),
    outputBytes: Buffer.byteLength(output),
    outputSha256: createHash('sha256').update(output).digest('hex'),
    output,
    isTruncated: false,
    execId: rng.uuid(),
  };
  if (step.kind === 'command')
    return { ...base, kind: 'command', program: step.command.program, args: [...step.command.args], exitCode: 0 };
  if (step.kind === 'http')
    return { ...base, kind: 'http', method: step.http.method, url: step.http.url, httpStatus: 200 };
  return { ...base, kind: 'wait', monitor: step.kind === 'wait-monitor' ? step.monitor : '', until: 'up' };
}

/** A checklist run: started by the commander, worked through step by step until the response ends. */
function runGroup(skeleton: Skeleton, runbook: Runbook, startAt: number): Item[] {
  const { spec, rng, context } = skeleton;
  const runId = rng.uuid();
  const startId = rng.uuid();
  const starter = spec.crew.commander;
  const operator = spec.crew.operations ?? spec.crew.scribe;
  const items: Item[] = [
    skeleton.item(
      startAt,
      skeleton.window(starter, startAt),
      {
        type: 'runbook.run-started',
        incidentId: spec.id,
        actor: '',
        payload: {
          runId,
          runbookId: runbook.id,
          version: 0,
          runbook: JSON.parse(JSON.stringify(runbook)) as Record<string, never>,
        },
      },
      { id: startId, isRemembered: true },
    ),
  ];
  const change = (
    at: number,
    chain: Chain,
    payload: Omit<Extract<EventDraft, { type: 'runbook.step-changed' }>['payload'], 'runId'>,
  ) =>
    skeleton.item(at, chain, {
      type: 'runbook.step-changed',
      incidentId: spec.id,
      actor: '',
      payload: { runId, ...payload },
    });
  let at = startAt;
  let index = 0;
  while (index < runbook.steps.length) {
    const step = runbook.steps[index] as RunbookStep;
    at += rng.between(2 * MINUTE, 12 * MINUTE);
    if (at > spec.respondedUntil) break;
    const doer = step.role === 'communications' ? (spec.crew.communications ?? starter) : operator;
    // A second person approves: neither who started the run nor who asks (the app flags either).
    const approver =
      spec.crew.all.find(
        (member) => member !== starter && member !== doer && context.cast.laptopAt(member, at) !== undefined,
      ) ??
      context.cast.members.find((member) => member !== starter && member !== doer && context.cast.laptopAt(member, at));
    if (step.approval && approver) {
      items.push(change(at, skeleton.window(doer, at), { stepId: step.id, status: 'awaiting-approval' }));
      at += rng.between(MINUTE, 6 * MINUTE);
      items.push(
        skeleton.item(at, skeleton.window(approver, at), () => ({
          type: 'runbook.step-changed',
          incidentId: spec.id,
          actor: '',
          payload: {
            runId,
            stepId: step.id,
            status: 'approved',
            runHash: context.hashes.get(startId) ?? '0'.repeat(64),
          },
        })),
      );
      at += rng.between(20 * SECOND, 3 * MINUTE);
    }
    if (step.kind === 'command' || step.kind === 'http' || step.kind === 'wait-monitor') {
      // The host that runs it records its start and its evidence.
      const host = skeleton.host(doer, at);
      items.push(change(at, host, { stepId: step.id, status: 'running' }));
      at += rng.between(20 * SECOND, 4 * MINUTE);
      items.push(change(at, host, { stepId: step.id, status: 'done', evidence: evidenceOf(rng, step, at) }));
      index += 1;
      continue;
    }
    if (step.kind === 'decision') {
      const option = rng.pick(step.options);
      items.push(
        change(at, skeleton.window(spec.crew.commander, at), { stepId: step.id, status: 'done', branch: option.id }),
      );
      const target =
        option.goto === undefined ? -1 : runbook.steps.findIndex((candidate) => candidate.id === option.goto);
      index = target > index ? target : index + 1;
      continue;
    }
    const isSkipped = rng.chance(0.08);
    items.push(
      change(at, skeleton.window(doer, at), {
        stepId: step.id,
        status: isSkipped ? 'skipped' : 'done',
        ...(isSkipped ? { note: 'Not relevant this time.' } : rng.chance(0.2) ? { note: 'Done, see the notes.' } : {}),
      }),
    );
    index += 1;
  }
  return items;
}

/** Built-in runbooks as the catalogue offers them (version 0): those the team did not save a copy of. */
const RUNNABLE = BUILT_INS.filter((runbook) => !OVERRIDDEN_RUNBOOKS.includes(runbook.id));

function suitedRunbook(rng: Rng, spec: IncidentSpec): Runbook {
  const scored = RUNNABLE.map((runbook) => [runbook, suitability(runbook, spec)] as const).filter(
    ([, score]) => score > 0,
  );
  return scored.length > 0
    ? rng.weighted(scored.map(([runbook, score]) => [runbook, score] as const))
    : rng.pick(RUNNABLE);
}

/** RTO warnings and breaches of the processes the incident stops, written when a window noticed them. */
function thresholdGroup(skeleton: Skeleton): Item[] {
  const { spec } = skeleton;
  const items: Item[] = [];
  const startedAt = spec.declaredAt - (spec.isBig ? 25 * MINUTE : 0);
  for (const processId of spec.processes) {
    const process = PROCESSES.find((candidate) => candidate.id === processId);
    if (!process) continue;
    const rto = process.rtoMinutes * MINUTE;
    const crossings: [ContinuityThreshold, number][] = [
      ['rto-warning', startedAt + rto * 0.75],
      ['rto-breached', startedAt + rto],
    ];
    for (const [threshold, crossedAt] of crossings) {
      if (crossedAt >= spec.mitigatedAt || crossedAt >= spec.respondedUntil) continue;
      const at = Math.max(crossedAt, spec.declaredAt + MINUTE) + 2 * SECOND;
      items.push(
        skeleton.item(at, skeleton.window(spec.crew.commander, at), {
          type: 'continuity.threshold-crossed',
          incidentId: spec.id,
          actor: '',
          payload: { processId, process: localText(process.name, 'en'), threshold, crossedAt: Math.round(crossedAt) },
        }),
      );
    }
  }
  return items;
}

function postmortemGroup(skeleton: Skeleton): Item[] {
  const { spec, rng } = skeleton;
  if (spec.closedAt === undefined) return [];
  const at = spec.respondedUntil + (spec.closedAt - spec.respondedUntil) * 0.6;
  const writer = skeleton.window(spec.crew.commander, at);
  const service = spec.services[0] as string;
  const items: Item[] = [
    skeleton.item(at, writer, {
      type: 'doc.put',
      actor: '',
      payload: {
        collection: POSTMORTEM_COLLECTION,
        docId: spec.id,
        body: {
          summary: `${spec.title}. Customers were affected for ${Math.round((spec.mitigatedAt - spec.declaredAt) / MINUTE)} minutes.`,
          wentWell: 'Roles were filled within minutes; the status page was updated on time.',
          wentBadly: `The alert on ${service} came late and the runbook did not cover the failover.`,
          whys: [
            `${service} stopped answering.`,
            'Its connection pool was exhausted.',
            'A retry storm followed a slow dependency.',
            'Retries had no backoff.',
          ],
        },
      },
    }),
  ];
  for (let count = rng.int(1, 3); count > 0; count -= 1) {
    const due = new Date(spec.closedAt + rng.between(7 * DAY, 40 * DAY)).toISOString().slice(0, 10);
    items.push(
      skeleton.item(at + count * MINUTE, writer, {
        type: 'doc.put',
        actor: '',
        payload: {
          collection: ACTION_COLLECTION,
          docId: rng.uuid(),
          body: {
            incidentId: spec.id,
            title: rng.pick([
              `Add backoff to the ${service} client retries`,
              `Alert on ${service} saturation before it fails`,
              `Extend the failover runbook for ${service}`,
              `Load test ${service} at twice the peak`,
            ]),
            owner: rng.pick(spec.crew.all).name,
            due,
            done: rng.chance(0.6),
          },
        },
      }),
    );
  }
  return items;
}

/** The skeleton of `spec` within its size, without the notes and pins. */
function skeletonOf(spec: IncidentSpec, context: IncidentContext, room: number): Skeleton {
  const skeleton = new Skeleton(spec, context);
  const { rng } = context;
  const { crew, declaredAt } = spec;
  let left = room;
  const take = (group: readonly Item[]) => {
    left -= skeleton.fit(group, left);
  };
  // What every incident has: a commander, and its status moves.
  take([
    roleItem(skeleton, declaredAt + rng.between(20 * SECOND, 3 * MINUTE), crew.commander, 'commander', crew.commander),
  ]);
  take(
    spec.statuses.map(([at, status]) =>
      skeleton.item(at, skeleton.window(crew.commander, at), {
        type: 'incident.status-changed',
        incidentId: spec.id,
        actor: '',
        payload: { status },
      }),
    ),
  );
  for (const group of roleGroups(skeleton)) take(group);
  if (spec.isBig) {
    take([
      skeleton.item(declaredAt + 25 * MINUTE, skeleton.window(crew.commander, declaredAt), {
        type: 'incident.severity-changed',
        incidentId: spec.id,
        actor: '',
        payload: { severity: 'SEV1' },
      }),
    ]);
    take(
      handovers(
        skeleton,
        'commander',
        LONG_SHIFT,
        ['Camille Laurent', 'Priya Raman', 'Jonas Weber', 'Bob Nguyen'].map((name) => context.cast.byName(name)),
      ),
    );
    take(
      handovers(
        skeleton,
        'scribe',
        LONG_SHIFT,
        ['Priya Raman', 'Lucía Ortega', 'Dana Kowalski'].map((name) => context.cast.byName(name)),
      ),
    );
    take(
      handovers(
        skeleton,
        'operations',
        LONG_SHIFT,
        ['Samir Haddad', 'Bob Nguyen', 'Dana Kowalski'].map((name) => context.cast.byName(name)),
      ),
    );
    take(
      handovers(
        skeleton,
        'communications',
        12 * HOUR,
        ['Élodie Martin', 'Lucía Ortega'].map((name) => context.cast.byName(name)),
      ),
    );
  }
  if (!spec.isBig && spec.respondedUntil - declaredAt > LONG_SHIFT + 2 * HOUR) {
    const relief = crew.all.filter((member) => member !== crew.commander);
    take(handovers(skeleton, 'commander', LONG_SHIFT, [crew.commander, ...relief]));
  }
  for (const group of commsGroups(skeleton, spec.isBig ? 2_000 : 60)) take(group);
  for (const group of linkGroups(skeleton, spec.isBig ? 6 : rng.int(0, 2))) take(group);
  if (spec.isBig) {
    const slow = BUILT_INS.find((runbook) => runbook.id === 'slow-checkout') ?? suitedRunbook(rng, spec);
    const down = BUILT_INS.find((runbook) => runbook.id === 'site-down') ?? suitedRunbook(rng, spec);
    take(runGroup(skeleton, slow, declaredAt + 15 * MINUTE));
    take(runGroup(skeleton, down, declaredAt + DAY + 4 * HOUR));
  } else if (spec.severity !== 'SEV4' && rng.chance(spec.severity === 'SEV3' ? 0.25 : 0.7)) {
    take(runGroup(skeleton, suitedRunbook(rng, spec), declaredAt + rng.between(5 * MINUTE, 20 * MINUTE)));
  }
  if (!spec.isBig && rng.chance(0.2)) {
    // One step, more often up than down: the impact turns out larger than first thought.
    const level = SEVERITIES.indexOf(spec.severity);
    const severity =
      SEVERITIES[level === 0 || (level < SEVERITIES.length - 1 && rng.chance(0.3)) ? level + 1 : level - 1] ??
      spec.severity;
    const at = declaredAt + rng.between(10 * MINUTE, 60 * MINUTE);
    take([
      skeleton.item(at, skeleton.window(crew.commander, at), {
        type: 'incident.severity-changed',
        incidentId: spec.id,
        actor: '',
        payload: { severity },
      }),
    ]);
  }
  if (spec.isBig || rng.chance(0.15)) {
    const at = declaredAt + rng.between(30 * MINUTE, 3 * HOUR);
    take([
      skeleton.item(at, skeleton.window(crew.scribe, at), {
        type: 'incident.key-time-corrected',
        incidentId: spec.id,
        actor: '',
        payload: {
          key: 'started',
          at: Math.round(declaredAt - (spec.isBig ? 25 * MINUTE : rng.between(10 * MINUTE, 60 * MINUTE))),
          reason: 'The logs show errors well before the first alert.',
        },
      }),
    ]);
  }
  if (!spec.isBig && rng.chance(0.1)) {
    const at = declaredAt + rng.between(15 * MINUTE, 90 * MINUTE);
    const extra = rng.pick(SERVICES.filter((service) => !spec.services.includes(service)));
    take([
      skeleton.item(at, skeleton.window(crew.commander, at), {
        type: 'incident.updated',
        incidentId: spec.id,
        actor: '',
        payload: { services: [...spec.services, extra] },
      }),
    ]);
  }
  if (!spec.isBig && rng.chance(0.25)) {
    const at = declaredAt + rng.between(2 * MINUTE, 10 * MINUTE);
    take([
      skeleton.item(at, skeleton.window(crew.commander, at), {
        type: 'incident.role-assigned',
        incidentId: spec.id,
        actor: '',
        payload: { role: rng.pick(context.extraRoles), person: ref(rng.pick(crew.all)) },
      }),
    ]);
  }
  take(thresholdGroup(skeleton));
  if (spec.severity === 'SEV1' || spec.severity === 'SEV2') take(postmortemGroup(skeleton));
  if (spec.closedAt !== undefined && crew.communications) {
    const at = spec.respondedUntil + rng.between(MINUTE, 10 * MINUTE);
    take([
      skeleton.item(at, skeleton.window(crew.commander, at), {
        type: 'incident.role-released',
        incidentId: spec.id,
        actor: '',
        payload: { role: 'communications', note: 'Last message sent; handing back to the support team.' },
      }),
    ]);
  }
  skeleton.items.sort((a, b) => a.at - b.at);
  return skeleton;
}

/** Of an incident's events, the most its skeleton may take: notes are most of a response. */
const SKELETON_SHARE = 0.6;

/** The events of one incident, in time order: exactly `spec.events` of them. */
export function* incidentStream(spec: IncidentSpec, context: IncidentContext): Generator<Item, void> {
  const { rng, cast } = context;
  const declarer = spec.crew.all.find((member) => member !== spec.crew.commander) ?? spec.crew.commander;
  const first = cast.laptopAt(declarer, spec.declaredAt) ?? cast.own;
  yield {
    at: spec.declaredAt,
    chain: cast.chain(first.window),
    id: spec.id,
    draft: {
      type: 'incident.declared',
      actor: '',
      payload: {
        title: spec.title,
        severity: spec.severity,
        kind: spec.kind,
        services: [...spec.services],
        ...(spec.processes.length > 0 ? { processes: [...spec.processes] } : {}),
        ...(spec.isBig ? { detectedAt: spec.declaredAt - 6 * MINUTE } : {}),
      },
    },
  };
  // The rest is planned only once the declaration is written: incidents far ahead cost nothing yet.
  const skeleton = skeletonOf(spec, context, Math.floor((spec.events - 1 - spec.pins) * SKELETON_SHARE));
  const room = spec.events - 1 - skeleton.items.length;
  const pins = Math.min(spec.pins, room);
  const notes = room - pins;
  const recent: string[] = [spec.id];
  const pinTimes = Array.from({ length: pins }, () =>
    skeleton.clamp(rng.between(spec.declaredAt + 10 * MINUTE, spec.respondedUntil)),
  ).sort((a, b) => a - b);
  const planned = [
    ...skeleton.items,
    ...pinTimes.map((at) =>
      skeleton.item(at, skeleton.window(spec.crew.scribe, at), () => ({
        type: 'incident.entry-pinned',
        incidentId: spec.id,
        actor: '',
        payload: { eventId: recent[Math.floor(rng.float() * recent.length)] as string, pinned: true },
      })),
    ),
  ].sort((a, b) => a.at - b.at);
  const chatShare = spec.isBig ? 0.45 : spec.severity === 'SEV1' || spec.severity === 'SEV2' ? 0.2 : 0;
  // Notes spread over the response, denser at its start, a few after it (the review's).
  const tail = spec.closedAt === undefined ? 0 : Math.floor(notes * 0.06);
  const main = notes - tail;
  let next = 0;
  for (let index = 0; index < notes; index += 1) {
    const isTail = index >= main;
    const [from, to, position, count] = isTail
      ? [spec.respondedUntil, spec.closedAt ?? spec.respondedUntil, index - main, tail]
      : [spec.declaredAt + MINUTE, spec.respondedUntil, index, main];
    const share = ((position + rng.float()) / count) ** 1.3;
    const at = skeleton.clamp(from + (to - from) * share);
    while (next < planned.length && (planned[next] as Item).at <= at) yield planned[next++] as Item;
    const id = rng.uuid();
    const text = skeleton.text();
    const isChat = rng.chance(chatShare);
    const author = isChat ? undefined : rng.chance(0.4) ? spec.crew.scribe : rng.pick(spec.crew.all);
    const kind = rng.weighted<NoteKind>([
      ['note', 60],
      ['observation', 15],
      ['action', 15],
      ['decision', 10],
    ]);
    yield {
      at,
      id,
      chain: author ? skeleton.window(author, at) : cast.chain(cast.chatOps),
      draft: {
        type: 'incident.note-added',
        incidentId: spec.id,
        actor: '',
        payload: isChat
          ? { text: chatOpsText(rng, { ...text, at }), kind: 'note' }
          : { text: noteText(rng, kind, { ...text, at }), kind },
      },
    };
    recent.push(id);
    if (recent.length > 50) recent.shift();
  }
  while (next < planned.length) yield planned[next++] as Item;
}

/** Monitor outages to line up with the incidents: their services, from declaration to mitigation. */
export function alignmentsOf(specs: readonly IncidentSpec[]) {
  return specs
    .filter((spec) => !spec.isBig && spec.mitigatedAt < spec.respondedUntil + DAY)
    .map((spec) => ({
      services: spec.services,
      from: spec.declaredAt,
      to: Math.min(spec.mitigatedAt, spec.respondedUntil),
    }));
}

// A blameless post-mortem drafted from the record: the incident's facts, its
// business impact, key times, roles, messages, runbook steps and timeline,
// with the parts people write (what went well and badly, five whys, action
// items) and two diagrams. Pure: the caller gives the locale, the translate
// function, the time zone and `now`, so the same record drafts the same
// document. The draft is a list of neutral blocks; markdown, HTML and PDF
// writers (postmortem-render.ts) each escape user text for their format.
import { keyTime, durations } from '../domain/key-times';
import type { Incident, WarRoomState } from '../domain/incidents';
import { normaliseName } from '../domain/documents';
import { roleBoard } from '../domain/roles';
import {
  describeEntry,
  entryKindLabel,
  formatDuration,
  formatInstant,
  incidentKindName,
  roleName,
  type ExportContext,
} from '../domain/timeline-export';
import { KEY_TIMES } from '../events/event';
import { mermaidLabel } from '../monitors/mermaid-label';
import { localText } from '../runbooks/runbook-schema';
import { effectiveStatuses } from '../runbooks/run-state';
import { costByLocalDay } from './calendar';
import { impactedProcesses, processCatalog, processName } from './process-catalog';
import { processImpact, totalImpact, type ProcessImpact } from './impact';
import type { BusinessProcess } from './process-schema';
import type { Block } from '../report/blocks';

export type { Block } from '../report/blocks';

export interface PostmortemInput {
  readonly incident: Incident;
  readonly state: Pick<WarRoomState, 'docs' | 'continuity'>;
}

/** Diagram sources stay well under mermaid's own cap; nodes beyond these are summarised. */
export const DIAGRAM_SOURCE_MAX = 20_000;
export const DIAGRAM_NODES_MAX = 40;
/** Timeline entries written into the draft; a longer record keeps its pinned entries and the latest. */
export const TIMELINE_MAX = 2_000;

export const POSTMORTEM_SECTIONS = [
  'summary',
  'impact',
  'keyTimes',
  'roles',
  'messages',
  'runbooks',
  'timeline',
  'wentWell',
  'wentBadly',
  'whys',
  'actions',
  'diagrams',
] as const;
export type PostmortemSection = (typeof POSTMORTEM_SECTIONS)[number];

export interface ProcessOutcome {
  readonly process: BusinessProcess;
  readonly impact: ProcessImpact;
  /** Recorded RPO crossing, a backup monitor with none, or no way to know. */
  readonly rpo: 'met' | 'breached' | 'unknown';
}

/** When service came back: mitigation, else resolution. */
export function restoredAt(incident: Incident): number | undefined {
  return keyTime(incident.keyTimes, 'mitigated') ?? keyTime(incident.keyTimes, 'resolved');
}

/** Each impacted process's outcome, as the record tells it. */
export function processOutcomes(input: PostmortemInput, now: number): ProcessOutcome[] {
  const { incident, state } = input;
  const startedAt = keyTime(incident.keyTimes, 'started') ?? incident.declaredAt;
  const window = { startedAt, restoredAt: restoredAt(incident) };
  const breachedRpo = new Set(
    incident.timeline.flatMap((entry) =>
      entry.kind === 'continuity' && entry.threshold === 'rpo-breached' ? [entry.processId] : [],
    ),
  );
  return impactedProcesses(processCatalog(state.continuity), incident).map(({ process }) => ({
    process,
    impact: processImpact(process, window, now),
    rpo: breachedRpo.has(process.id) ? 'breached' : process.backupMonitor ? 'met' : 'unknown',
  }));
}

function money(amount: number, currency: string, context: ExportContext): string {
  return new Intl.NumberFormat(context.locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** A name fit for a gantt task: gantt labels are not quoted, so only plain word characters pass. */
export function ganttLabel(text: string): string {
  return (
    text
      .replace(/[^\p{L}\p{N} .'’()-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60) || '-'
  );
}

/** The phases of the incident as a mermaid gantt chart, from its key times. */
export function phasesGantt(incident: Incident, outcomes: readonly ProcessOutcome[], context: ExportContext): string {
  const tr = (key: string) => context.translate(context.locale, key);
  const times = KEY_TIMES.map((key) => keyTime(incident.keyTimes, key));
  const [started, detected, acknowledged, mitigated, resolved] = times;
  const end = context.now;
  const phases: [string, number | undefined, number | undefined][] = [
    ['detect', started, detected],
    ['acknowledge', detected, acknowledged],
    ['mitigate', acknowledged, mitigated],
    ['resolve', mitigated, resolved],
  ];
  const lastEnd = Math.max(
    ...times.filter((time): time is number => time !== undefined),
    ...outcomes.map(({ impact }) => impact.rtoAt),
    resolved === undefined ? end : resolved,
  );
  const span = lastEnd - (started ?? lastEnd);
  // A few ticks whatever the length: mermaid would otherwise crowd its axis.
  const tick =
    span <= 3 * 3_600_000 ? '30minute' : span <= 12 * 3_600_000 ? '2hour' : span <= 4 * 86_400_000 ? '12hour' : '1week';
  const lines = [
    'gantt',
    '  dateFormat x',
    `  axisFormat ${span <= 86_400_000 ? '%H:%M' : '%d/%m %H:%M'}`,
    `  tickInterval ${tick}`,
    // The report is read later: a line at the reader's "today" would mean nothing.
    '  todayMarker off',
    `  section ${ganttLabel(tr('continuity.postmortem.phases'))}`,
  ];
  phases.forEach(([id, from, to], index) => {
    if (from === undefined) return;
    // A phase that took no time still shows, one minute wide.
    const until = Math.max(to ?? end, from + 60_000);
    lines.push(`  ${ganttLabel(tr(`continuity.postmortem.phase.${id}`))} :p${index}, ${from}, ${until}`);
  });
  if (outcomes.length > 0) {
    lines.push(`  section ${ganttLabel(tr('continuity.postmortem.rtoSection'))}`);
    outcomes.slice(0, DIAGRAM_NODES_MAX).forEach(({ process, impact }, index) => {
      const flag = impact.rto === 'missed' || impact.rto === 'breached' ? 'crit, ' : '';
      lines.push(
        `  ${ganttLabel(processName(process, context.locale))} :${flag}r${index}, ${impact.startedAt}, ${impact.rtoAt}`,
      );
    });
  }
  return lines.join('\n').slice(0, DIAGRAM_SOURCE_MAX);
}

/**
 * The service map at the worst moment: the incident's services and processes,
 * with the monitors that were down when the most of them were. Labels go
 * through mermaidLabel, so a hostile name is shown, never run.
 */
export function serviceMapAtWorst(incident: Incident, outcomes: readonly ProcessOutcome[]): string {
  const down = new Set<string>();
  let worst = new Set<string>();
  const names = new Map<string, string>();
  for (const entry of incident.timeline) {
    if (entry.kind !== 'monitor') continue;
    names.set(entry.monitorId, entry.name);
    if (entry.status === 'down') down.add(entry.monitorId);
    else down.delete(entry.monitorId);
    if (down.size > worst.size) worst = new Set(down);
  }
  const lines = [
    'flowchart LR',
    '  classDef down fill:#fee4e2,stroke:#d92d20',
    '  classDef process fill:#eef4ff,stroke:#444ce7',
  ];
  let count = 0;
  const services = new Map<string, string>();
  const serviceNode = (name: string): string | undefined => {
    const key = normaliseName(name);
    const known = services.get(key);
    if (known) return known;
    if (count >= DIAGRAM_NODES_MAX) return undefined;
    const id = `s${services.size}`;
    services.set(key, id);
    count += 1;
    lines.push(`  ${id}["${mermaidLabel(name)}"]`);
    return id;
  };
  for (const service of incident.services) {
    const node = serviceNode(service);
    if (node) lines.push(`  class ${node} down`);
  }
  outcomes.forEach(({ process, impact }, index) => {
    if (count >= DIAGRAM_NODES_MAX) return;
    count += 1;
    const id = `p${index}`;
    const name = typeof process.name === 'string' ? process.name : process.name.en;
    lines.push(`  ${id}(["${mermaidLabel(name)}"]):::process`);
    // Every service the process depends on; the incident's own impacted services are marked down.
    for (const service of process.services) {
      const node = serviceNode(service);
      if (node) lines.push(`  ${node} --> ${id}`);
    }
    if (impact.rto === 'missed' || impact.rto === 'breached') lines.push(`  class ${id} down`);
  });
  [...worst].forEach((monitorId, index) => {
    if (count >= DIAGRAM_NODES_MAX) return;
    count += 1;
    const id = `m${index}`;
    lines.push(`  ${id}["${mermaidLabel(names.get(monitorId) ?? monitorId)}"]:::down`);
  });
  if (count === 0) lines.push('  none["—"]');
  return lines.join('\n').slice(0, DIAGRAM_SOURCE_MAX);
}

/** The draft as blocks, in the order of POSTMORTEM_SECTIONS. */
export function draftPostmortem(input: PostmortemInput, context: ExportContext): Block[] {
  const { incident, state } = input;
  const messages = [...incident.messages.values()].sort((a, b) => a.recordedAt - b.recordedAt);
  const tr = (key: string, values?: Record<string, string | number>) => context.translate(context.locale, key, values);
  const at = (ms: number | undefined) =>
    ms === undefined ? tr('continuity.postmortem.notYet') : formatInstant(ms, context.timeZone);
  const duration = (ms: number | undefined) =>
    ms === undefined ? tr('continuity.postmortem.unknown') : formatDuration(ms, tr('timeline.export.dayUnit'));
  const written = state.continuity.postmortems.get(incident.id)?.body;
  const outcomes = processOutcomes(input, context.now);
  const blocks: Block[] = [];
  const heading = (section: PostmortemSection) =>
    blocks.push({ kind: 'heading', level: 2, text: tr(`continuity.postmortem.section.${section}`) });

  blocks.push({ kind: 'heading', level: 1, text: tr('continuity.postmortem.title', { title: incident.title }) });
  blocks.push({ kind: 'paragraph', text: tr('continuity.postmortem.blameless') });
  blocks.push({
    kind: 'paragraph',
    text: tr('continuity.postmortem.generated', {
      at: formatInstant(context.now, context.timeZone),
      zone: context.timeZone,
    }),
  });

  heading('summary');
  if (written?.summary) blocks.push({ kind: 'paragraph', text: written.summary });
  const none = tr('continuity.postmortem.none');
  blocks.push({
    kind: 'list',
    items: [
      `${tr('continuity.postmortem.severity')}: ${tr(`severity.${incident.severity}`)}`,
      `${tr('continuity.postmortem.type')}: ${incidentKindName(incident.kind, state.docs, context)}`,
      `${tr('continuity.postmortem.status')}: ${tr(`status.${incident.status}`)}`,
      `${tr('continuity.postmortem.declared')}: ${at(incident.declaredAt)} · ${incident.declaredBy}`,
      `${tr('continuity.postmortem.services')}: ${incident.services.join(', ') || none}`,
      `${tr('continuity.postmortem.processes')}: ${outcomes.map(({ process }) => processName(process, context.locale)).join(', ') || none}`,
    ],
  });

  heading('impact');
  const startedAt = keyTime(incident.keyTimes, 'started');
  const restored = restoredAt(incident);
  blocks.push({
    kind: 'paragraph',
    text: tr('continuity.postmortem.downFor', {
      duration: duration(startedAt === undefined ? undefined : (restored ?? context.now) - startedAt),
      from: at(startedAt),
      to: restored === undefined ? tr('continuity.postmortem.stillDown') : at(restored),
    }),
  });
  if (outcomes.length === 0) blocks.push({ kind: 'paragraph', text: tr('continuity.postmortem.noProcess') });
  else {
    const currencies = new Set(outcomes.map(({ process }) => process.currency));
    const [currency] = currencies;
    if (currencies.size === 1 && currency)
      blocks.push({
        kind: 'paragraph',
        text: tr('continuity.postmortem.totalCost', {
          cost: money(totalImpact(outcomes.map(({ impact }) => impact)).cost, currency, context),
        }),
      });
    blocks.push({
      kind: 'table',
      header: ['process', 'downFor', 'cost', 'rto', 'rtoResult', 'rpo', 'rpoResult'].map((column) =>
        tr(`continuity.postmortem.column.${column}`),
      ),
      rows: outcomes.map(({ process, impact, rpo }) => [
        processName(process, context.locale),
        duration(impact.downMs),
        money(impact.cost, process.currency, context),
        duration(process.rtoMinutes * 60_000),
        tr(`continuity.rto.${impact.rto}`),
        duration(process.rpoMinutes * 60_000),
        tr(`continuity.postmortem.rpo.${rpo}`),
      ]),
    });
    if (startedAt !== undefined) {
      const byDay = new Map<string, number>();
      for (const { process, impact } of outcomes)
        for (const day of costByLocalDay(
          impact.startedAt,
          impact.startedAt + impact.downMs,
          process.costPerDay,
          context.timeZone,
        ))
          byDay.set(day.date, (byDay.get(day.date) ?? 0) + day.cost);
      if (byDay.size > 1 && currencies.size === 1 && currency)
        blocks.push({
          kind: 'table',
          header: [tr('continuity.postmortem.column.day'), tr('continuity.postmortem.column.cost')],
          rows: [...byDay].map(([day, cost]) => [day, money(cost, currency, context)]),
        });
    }
  }

  heading('keyTimes');
  blocks.push({
    kind: 'list',
    items: KEY_TIMES.map((key) => `${tr(`keyTime.${key}`)}: ${at(keyTime(incident.keyTimes, key))}`),
  });
  blocks.push({
    kind: 'list',
    items: durations(incident.keyTimes, context.now).map(
      ({ id, ms, isRunning }) =>
        `${tr(`duration.${id}`)}: ${duration(ms)}${isRunning && ms !== undefined ? ` (${tr('continuity.postmortem.running')})` : ''}`,
    ),
  });

  heading('roles');
  const holders = roleBoard(incident.roles, state.docs).rows.filter((row) => row.holder);
  const handovers = incident.timeline.filter((entry) => entry.kind === 'role');
  blocks.push(
    holders.length === 0
      ? { kind: 'paragraph', text: none }
      : {
          kind: 'list',
          items: holders.map((row) => `${roleName(row.role, state.docs, context)}: ${row.holder?.person.name ?? ''}`),
        },
  );
  if (handovers.length > 0)
    blocks.push({
      kind: 'list',
      items: handovers.map((entry) => `${at(entry.at)} · ${entry.actor}: ${describeEntry(entry, state.docs, context)}`),
    });

  heading('messages');
  if (messages.length === 0) blocks.push({ kind: 'paragraph', text: none });
  else
    blocks.push({
      kind: 'table',
      header: ['time', 'audience', 'channel', 'status', 'text'].map((column) =>
        tr(`continuity.postmortem.column.${column}`),
      ),
      rows: messages.map((message) => [
        at(message.recordedAt),
        tr(`comms.audience.${message.audience}`),
        message.destination
          ? `${tr(`comms.channel.${message.channel}`)} (${message.destination})`
          : tr(`comms.channel.${message.channel}`),
        message.status === 'failed' && message.reason
          ? `${tr('comms.status.failed')}: ${message.reason}`
          : tr(`comms.status.${message.status}`),
        message.subject ? `${message.subject}\n${message.text}` : message.text,
      ]),
    });

  heading('runbooks');
  if (incident.runs.size === 0) blocks.push({ kind: 'paragraph', text: none });
  for (const run of incident.runs.values()) {
    blocks.push({ kind: 'heading', level: 3, text: localText(run.title, context.locale) });
    const statuses = effectiveStatuses(run);
    blocks.push({
      kind: 'list',
      items: (run.runbook?.steps ?? []).map((step) => {
        const state = run.steps.get(step.id);
        const status = tr(`runbooks.status.${statuses.get(step.id) ?? 'pending'}`);
        const who = state ? ` · ${at(state.at)} · ${state.actor}` : '';
        return `${localText(step.title, context.locale)}: ${status}${who}`;
      }),
    });
  }

  heading('timeline');
  const timeline = incident.timeline;
  const kept =
    timeline.length <= TIMELINE_MAX
      ? timeline
      : timeline.filter(
          (entry, index) => incident.pinned.has(entry.eventId) || index >= timeline.length - TIMELINE_MAX / 2,
        );
  if (kept.length < timeline.length)
    blocks.push({
      kind: 'paragraph',
      text: tr('continuity.postmortem.timelineCut', { shown: kept.length, total: timeline.length }),
    });
  blocks.push({
    kind: 'table',
    header: ['time', 'author', 'kind', 'text'].map((column) => tr(`continuity.postmortem.column.${column}`)),
    rows: kept.map((entry) => [
      at(entry.at),
      entry.actor,
      entryKindLabel(entry, context),
      describeEntry(entry, state.docs, context),
    ]),
  });

  heading('wentWell');
  blocks.push({ kind: 'paragraph', text: written?.wentWell ?? tr('continuity.postmortem.toWrite') });
  heading('wentBadly');
  blocks.push({ kind: 'paragraph', text: written?.wentBadly ?? tr('continuity.postmortem.toWrite') });
  heading('whys');
  const whys = written?.whys ?? [];
  blocks.push(
    whys.length === 0
      ? { kind: 'paragraph', text: tr('continuity.postmortem.toWrite') }
      : {
          kind: 'list',
          items: whys.map((why, index) => `${tr('continuity.postmortem.why', { n: index + 1 })} ${why}`),
        },
  );

  heading('actions');
  const actions = [...state.continuity.actions]
    .filter(([, stored]) => stored.body.incidentId === incident.id)
    .sort(([, a], [, b]) => (a.body.due < b.body.due ? -1 : a.body.due > b.body.due ? 1 : 0));
  blocks.push(
    actions.length === 0
      ? { kind: 'paragraph', text: tr('continuity.postmortem.toWrite') }
      : {
          kind: 'table',
          header: ['action', 'owner', 'due', 'done'].map((column) => tr(`continuity.postmortem.column.${column}`)),
          rows: actions.map(([, { body }]) => [
            body.title,
            body.owner,
            body.due,
            tr(body.done ? 'continuity.actions.done' : 'continuity.actions.open'),
          ]),
        },
  );

  heading('diagrams');
  blocks.push({
    kind: 'diagram',
    caption: tr('continuity.postmortem.ganttCaption'),
    source: phasesGantt(incident, outcomes, context),
  });
  blocks.push({
    kind: 'diagram',
    caption: tr('continuity.postmortem.mapCaption'),
    source: serviceMapAtWorst(incident, outcomes),
  });
  return blocks;
}

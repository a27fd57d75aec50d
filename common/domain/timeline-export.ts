// An incident's record as files people keep: Markdown for the postmortem, CSV
// for a spreadsheet, JSON for tools. Pure: the caller gives the locale, the
// translate function and the time zone, so the same incident always exports to
// the same bytes. User text is escaped for each format: a note holding Markdown,
// HTML or a spreadsheet formula is shown as the text it is, never interpreted.
import { crossingProcessName } from '../continuity/process-catalog';
import { localText } from '../runbooks/runbook-schema';
import { assertNever } from '../assert';
import { INCIDENT_KINDS, KEY_TIMES, type KeyTime } from '../events/event';
import type { Locale } from '../i18n/locales';
import type { Documents } from './documents';
import type { Incident, TimelineEntry } from './incidents';
import { durations, keyTime } from './key-times';
import { isBuiltInRole, roleBoard } from './roles';

export type ExportFormat = 'markdown' | 'csv' | 'json';

export interface ExportContext {
  readonly locale: Locale;
  /** common/i18n/messages.ts's translate, or one that behaves the same. */
  readonly translate: (locale: Locale, key: string, values?: Record<string, string | number>) => string;
  /** An IANA time zone (`Europe/Paris`); every time is written in it. */
  readonly timeZone: string;
  /** When the export is made: running durations count up to it. */
  readonly now: number;
}

// ---------------------------------------------------------------- names and times

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** `2025-03-12 14:02:33` in the given time zone: unambiguous in both languages and sortable. */
export function formatInstant(ms: number, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    instantFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `2025-03-12` in the given time zone. */
export function formatDay(ms: number, timeZone: string): string {
  return formatInstant(ms, timeZone).slice(0, 10);
}

/** `1 h 05 min`, `12 min 30 s`, `2 d 3 h`: short, and the same units in English and French but the day. */
export function formatDuration(ms: number, dayUnit: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days} ${dayUnit} ${hours} h`;
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${two(rest)} s`;
  return `${rest} s`;
}

/** The name of a role: the catalogue's for a built-in one, the document's for a custom one. */
export function roleName(role: string, docs: Pick<Documents, 'roles'>, context: ExportContext): string {
  if (isBuiltInRole(role)) return context.translate(context.locale, `role.${role}`);
  return docs.roles.get(role)?.name ?? role;
}

/** The name of an incident type: built-in from the catalogue, custom from its document. */
export function incidentKindName(kind: string, docs: Pick<Documents, 'incidentTypes'>, context: ExportContext): string {
  if ((INCIDENT_KINDS as readonly string[]).includes(kind)) return context.translate(context.locale, `kind.${kind}`);
  return docs.incidentTypes.get(kind)?.name ?? kind;
}

/** The kind column of an entry: its note kind for a note, else the kind of change. */
export function entryKindLabel(entry: TimelineEntry, context: ExportContext): string {
  return entry.kind === 'note'
    ? context.translate(context.locale, `noteKind.${entry.noteKind}`)
    : context.translate(context.locale, `timeline.entryKind.${entry.kind}`);
}

/** One entry in words, without its author (who comes first in every format). */
export function describeEntry(entry: TimelineEntry, docs: Documents, context: ExportContext): string {
  const tr = (key: string, values?: Record<string, string | number>) => context.translate(context.locale, key, values);
  const at = (ms: number) => formatInstant(ms, context.timeZone);
  switch (entry.kind) {
    case 'declared':
      return tr('timeline.declaredWithTitle', {
        title: entry.title,
        severity: entry.severity,
        kind: incidentKindName(entry.incidentKind, docs, context),
      });
    case 'updated': {
      const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : tr('timeline.change.none'));
      const { title, kind, services, processes } = entry.changes;
      const changes = [
        title !== undefined ? tr('timeline.change.title', { value: title }) : undefined,
        kind !== undefined ? tr('timeline.change.kind', { value: incidentKindName(kind, docs, context) }) : undefined,
        services !== undefined ? tr('timeline.change.services', { value: list(services) }) : undefined,
        processes !== undefined ? tr('timeline.change.processes', { value: list(processes) }) : undefined,
      ].filter((change): change is string => change !== undefined);
      return tr('timeline.updated', { changes: changes.join('; ') });
    }
    case 'note':
      return entry.text;
    case 'status':
      return tr('timeline.statusChanged', { from: tr(`status.${entry.from}`), to: tr(`status.${entry.to}`) });
    case 'severity':
      return tr('timeline.severityChanged', { from: entry.from, to: entry.to });
    case 'key-time': {
      const key = tr(`keyTime.${entry.key}`);
      const change =
        entry.from === undefined
          ? tr('timeline.keyTimeSet', { key, to: at(entry.to) })
          : tr('timeline.keyTimeCorrected', { key, from: at(entry.from), to: at(entry.to) });
      return `${change} ${tr('timeline.reason', { reason: entry.reason })}`;
    }
    case 'role': {
      const role = roleName(entry.role, docs, context);
      const person = entry.person?.name ?? '';
      const previous = entry.previous?.name;
      const { action } = entry;
      switch (action) {
        case 'assigned':
          return previous
            ? tr('timeline.roleAssignedReplacing', { role, person, previous })
            : tr('timeline.roleAssigned', { role, person });
        case 'handed-over': {
          const line = previous
            ? tr('timeline.roleHandedOverFrom', { role, person, previous })
            : tr('timeline.roleHandedOver', { role, person });
          if (!entry.briefing) return line;
          const { conditions, actions, needs } = entry.briefing;
          return [
            line,
            `${tr('timeline.briefing.conditions')}: ${conditions}`,
            `${tr('timeline.briefing.actions')}: ${actions}`,
            `${tr('timeline.briefing.needs')}: ${needs}`,
          ].join('\n');
        }
        case 'released': {
          const line = previous
            ? tr('timeline.roleReleasedFrom', { role, previous })
            : tr('timeline.roleReleased', { role });
          return entry.note ? `${line} ${tr('timeline.releaseNote', { note: entry.note })}` : line;
        }
        default:
          return assertNever(action);
      }
    }
    case 'monitor': {
      const seen = tr(entry.action === 'linked' ? 'monitors.timeline.linked' : 'monitors.timeline.changed', {
        name: entry.name,
      });
      return `${seen} ${tr(`monitors.status.${entry.status}`)}: ${tr(entry.reason.key, entry.reason.values)}`;
    }
    case 'runbook': {
      const title = localText(entry.runbookTitle, context.locale);
      const line =
        entry.action === 'started'
          ? tr(entry.flag === 'duplicate-start' ? 'runbooks.timeline.startRefused' : 'runbooks.timeline.started', {
              title,
            })
          : tr('runbooks.timeline.step', {
              step: entry.stepTitle ? localText(entry.stepTitle, context.locale) : (entry.stepId ?? ''),
              title,
              status: tr(`runbooks.status.${entry.status ?? 'pending'}`),
            });
      const evidence = entry.evidence;
      const details = [
        entry.branch ? tr('runbooks.timeline.branch', { branch: localText(entry.branch, context.locale) }) : undefined,
        entry.note,
        entry.flag ? tr(`runbooks.timeline.flag.${entry.flag}`) : undefined,
        evidence?.program !== undefined ? `$ ${[evidence.program, ...(evidence.args ?? [])].join(' ')}` : undefined,
        evidence?.url !== undefined ? `${evidence.method ?? 'GET'} ${evidence.url}` : undefined,
        evidence
          ? `exit ${evidence.exitCode ?? evidence.signal ?? evidence.httpStatus ?? '—'}, ${evidence.durationMs} ms, ` +
            `${evidence.outputBytes} B, sha256 ${evidence.outputSha256}`
          : undefined,
      ].filter((part): part is string => part !== undefined);
      return [line, ...details].join('\n');
    }
    case 'message': {
      const values = {
        audience: tr(`comms.audience.${entry.audience}`),
        channel: entry.destination ?? tr(`comms.channel.${entry.channel}`),
        attempts: entry.attempts ?? 0,
        reason: entry.reason ?? '',
      };
      const line = tr(`comms.timeline.${entry.action}`, values);
      return [line, entry.subject, entry.text].filter((part): part is string => part !== undefined).join('\n');
    }
    case 'continuity':
      return tr(`continuity.timeline.${entry.threshold}`, {
        process: crossingProcessName(entry.processId, entry.process, context.locale),
        at: at(entry.crossedAt),
      });
    default:
      return assertNever(entry);
  }
}

// ---------------------------------------------------------------- Markdown

// Characters CommonMark or GFM could read as markup anywhere in a line (a link
// needs its brackets, an image its link); any ASCII punctuation may be
// backslash-escaped. `&` too, so an entity stays as typed.
const MARKDOWN_INLINE = /[\\`*_[\]<>|~&]/g;
// At the start of a line only: headings, list items, setext underlines.
const MARKDOWN_LINE_START = /^(?:[#+=-]|\d+(?=[.)]))/;

/**
 * User text as Markdown that shows exactly that text: markup, HTML and links are
 * escaped; line breaks are kept as hard breaks; leading spaces cannot start a
 * code block. `indent` prefixes continuation lines (inside a list item).
 */
export function escapeMarkdown(text: string, indent = ''): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/\t/g, '    ')
        // Leading spaces would make an indented code block: no-break spaces look the same.
        .replace(/^ +/, (spaces) => '\u00a0'.repeat(spaces.length))
        .replace(MARKDOWN_INLINE, (char) => `\\${char}`)
        .replace(MARKDOWN_LINE_START, (start) => (/^\d/.test(start) ? `${start}\\` : `\\${start}`)),
    )
    .join(`\\\n${indent}`);
}

function markdownKeyTimes(incident: Incident, context: ExportContext, tr: Tr): string[] {
  const at = (ms: number | undefined) =>
    ms === undefined ? tr('timeline.export.notSet') : formatInstant(ms, context.timeZone);
  const lines: string[] = [];
  for (const key of KEY_TIMES) {
    const value = keyTime(incident.keyTimes, key);
    lines.push(
      `- **${escapeMarkdown(tr(`keyTime.${key}`))}:** ${value === undefined ? escapeMarkdown(tr('timeline.export.notYet')) : escapeMarkdown(at(value))}`,
    );
    for (const entry of corrections(incident, key)) {
      const line = tr('timeline.export.correction', {
        by: entry.actor,
        from: at(entry.from),
        to: at(entry.to),
        reason: entry.reason,
      });
      lines.push(`  - ${escapeMarkdown(line, '    ')}`);
    }
  }
  return lines;
}

type Tr = (key: string, values?: Record<string, string | number>) => string;
type KeyTimeEntry = Extract<TimelineEntry, { kind: 'key-time' }>;

function corrections(incident: Incident, key: KeyTime): KeyTimeEntry[] {
  return incident.timeline.filter((entry): entry is KeyTimeEntry => entry.kind === 'key-time' && entry.key === key);
}

function durationText(ms: number | undefined, isRunning: boolean, tr: Tr): string {
  if (ms === undefined) return tr('timeline.export.unknown');
  const value = formatDuration(ms, tr('timeline.export.dayUnit'));
  return isRunning ? tr('timeline.export.running', { value }) : value;
}

function authorWithRoles(entry: TimelineEntry, docs: Documents, context: ExportContext): string {
  if (entry.actorRoles.length === 0) return entry.actor;
  return `${entry.actor} (${entry.actorRoles.map((role) => roleName(role, docs, context)).join(', ')})`;
}

export function timelineToMarkdown(incident: Incident, docs: Documents, context: ExportContext): string {
  const tr: Tr = (key, values) => context.translate(context.locale, key, values);
  const md = (text: string) => escapeMarkdown(text);
  const at = (ms: number) => formatInstant(ms, context.timeZone);
  const field = (label: string, value: string) => `- **${md(label)}:** ${md(value)}`;
  const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : tr('timeline.change.none'));

  const lines: string[] = [
    `# ${md(incident.title)}`,
    '',
    field(tr('timeline.export.severity'), tr(`severity.${incident.severity}`)),
    field(tr('timeline.export.type'), incidentKindName(incident.kind, docs, context)),
    field(tr('timeline.export.status'), tr(`status.${incident.status}`)),
    field(tr('timeline.export.services'), list(incident.services)),
    field(tr('timeline.export.processes'), list(incident.processes)),
    field(
      tr('timeline.export.declared'),
      tr('timeline.export.declaredBy', { when: at(incident.declaredAt), actor: incident.declaredBy }),
    ),
    field(tr('timeline.export.exported'), at(context.now)),
    '',
    md(tr('timeline.export.timeZone', { timeZone: context.timeZone })),
    '',
    `## ${md(tr('timeline.export.keyTimes'))}`,
    '',
    ...markdownKeyTimes(incident, context, tr),
    '',
    `## ${md(tr('timeline.export.durations'))}`,
    '',
    ...durations(incident.keyTimes, context.now).map(({ id, ms, isRunning }) =>
      field(`${tr(`duration.${id}`)} (${id.toUpperCase()})`, durationText(ms, isRunning, tr)),
    ),
    '',
    `## ${md(tr('timeline.export.roles'))}`,
    '',
  ];
  const held = roleBoard(incident.roles, docs).rows.filter((row) => row.holder);
  if (held.length === 0) lines.push(md(tr('timeline.export.noRoles')));
  for (const row of held) {
    if (!row.holder) continue;
    const holder = tr('timeline.export.holder', {
      person: row.holder.person.name,
      since: at(row.holder.since),
      by: row.holder.by,
    });
    lines.push(field(roleName(row.role, docs, context), holder));
  }
  lines.push('', `## ${md(tr('timeline.export.timeline'))}`, '');
  for (const entry of incident.timeline) {
    const head = [
      `**${md(at(entry.at))}**`,
      md(authorWithRoles(entry, docs, context)),
      `_${md(entryKindLabel(entry, context))}_`,
      ...(incident.pinned.has(entry.eventId) ? [`★ **${md(tr('timeline.export.pinned'))}**`] : []),
    ].join(' · ');
    lines.push(`- ${head}\\`, `  ${escapeMarkdown(describeEntry(entry, docs, context), '  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- CSV

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or
 * carriage return) is prefixed with an apostrophe, so it shows as text.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The timeline, oldest first, one entry per row; lines end with CRLF. A byte
 * order mark leads, so spreadsheets read accents as UTF-8.
 */
export function timelineToCsv(incident: Incident, docs: Documents, context: ExportContext): string {
  const tr: Tr = (key, values) => context.translate(context.locale, key, values);
  const header = ['time', 'timeUtc', 'author', 'roles', 'kind', 'text', 'pinned', 'eventId'].map((column) =>
    tr(`timeline.export.columns.${column}`),
  );
  const rows = incident.timeline.map((entry) => [
    formatInstant(entry.at, context.timeZone),
    new Date(entry.at).toISOString(),
    entry.actor,
    entry.actorRoles.map((role) => roleName(role, docs, context)).join('; '),
    entryKindLabel(entry, context),
    describeEntry(entry, docs, context),
    incident.pinned.has(entry.eventId) ? tr('timeline.export.yes') : '',
    entry.eventId,
  ]);
  return `\ufeff${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

// ---------------------------------------------------------------- JSON

const iso = (ms: number) => new Date(ms).toISOString();

function entryJson(entry: TimelineEntry, pinned: ReadonlySet<string>) {
  const common = {
    eventId: entry.eventId,
    at: iso(entry.at),
    actor: entry.actor,
    actorRoles: [...entry.actorRoles],
    pinned: pinned.has(entry.eventId),
  };
  switch (entry.kind) {
    case 'declared':
      return {
        ...common,
        kind: entry.kind,
        title: entry.title,
        severity: entry.severity,
        incidentKind: entry.incidentKind,
      };
    case 'updated':
      return {
        ...common,
        kind: entry.kind,
        changes: {
          ...(entry.changes.title !== undefined ? { title: entry.changes.title } : {}),
          ...(entry.changes.kind !== undefined ? { kind: entry.changes.kind } : {}),
          ...(entry.changes.services !== undefined ? { services: [...entry.changes.services] } : {}),
          ...(entry.changes.processes !== undefined ? { processes: [...entry.changes.processes] } : {}),
        },
      };
    case 'note':
      return { ...common, kind: entry.kind, noteKind: entry.noteKind, text: entry.text };
    case 'status':
    case 'severity':
      return { ...common, kind: entry.kind, from: entry.from, to: entry.to };
    case 'key-time':
      return {
        ...common,
        kind: entry.kind,
        key: entry.key,
        from: entry.from === undefined ? null : iso(entry.from),
        to: iso(entry.to),
        reason: entry.reason,
      };
    case 'role':
      return {
        ...common,
        kind: entry.kind,
        action: entry.action,
        role: entry.role,
        person: entry.person ? { ...entry.person } : null,
        previous: entry.previous ? { ...entry.previous } : null,
        briefing: entry.briefing ? { ...entry.briefing } : null,
        note: entry.note ?? null,
      };
    case 'monitor':
      return {
        ...common,
        kind: entry.kind,
        action: entry.action,
        monitorId: entry.monitorId,
        name: entry.name,
        status: entry.status,
        from: entry.from ?? null,
        reason: { key: entry.reason.key, values: { ...entry.reason.values } },
        latencyMs: entry.latencyMs ?? null,
      };
    case 'runbook':
      return {
        ...common,
        kind: entry.kind,
        action: entry.action,
        runId: entry.runId,
        runbookTitle: entry.runbookTitle,
        stepId: entry.stepId ?? null,
        stepTitle: entry.stepTitle ?? null,
        status: entry.status ?? null,
        branch: entry.branch ?? null,
        note: entry.note ?? null,
        evidence: entry.evidence ? { ...entry.evidence } : null,
        flag: entry.flag ?? null,
        isExercise: entry.isExercise === true,
      };
    case 'message':
      return {
        ...common,
        kind: entry.kind,
        action: entry.action,
        messageId: entry.messageId,
        audience: entry.audience,
        channel: entry.channel,
        destination: entry.destination ?? null,
        subject: entry.subject ?? null,
        text: entry.text ?? null,
        reason: entry.reason ?? null,
        attempts: entry.attempts ?? null,
      };
    case 'continuity':
      return {
        ...common,
        kind: entry.kind,
        processId: entry.processId,
        process: entry.process,
        threshold: entry.threshold,
        crossedAt: iso(entry.crossedAt),
      };
    default:
      return assertNever(entry);
  }
}

/** The JSON export's format name and version: tools check them before reading. */
export const JSON_EXPORT_FORMAT = 'war-room.incident-timeline';
export const JSON_EXPORT_VERSION = 1;

/**
 * The incident and its whole timeline (oldest first) as data: ids rather than
 * translated names (names beside them where a reader needs them), ISO 8601 UTC
 * times, keys in a fixed order.
 */
export function timelineToJson(incident: Incident, docs: Documents, context: ExportContext): string {
  const document = {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    exportedAt: iso(context.now),
    incident: {
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      kind: incident.kind,
      kindName: incidentKindName(incident.kind, docs, context),
      status: incident.status,
      services: [...incident.services],
      processes: [...incident.processes],
      declaredAt: iso(incident.declaredAt),
      declaredBy: incident.declaredBy,
      keyTimes: Object.fromEntries(
        KEY_TIMES.map((key) => {
          const value = keyTime(incident.keyTimes, key);
          const corrected = incident.keyTimes.corrected[key];
          return [
            key,
            {
              at: value === undefined ? null : iso(value),
              corrections: corrections(incident, key).map((entry) => ({
                eventId: entry.eventId,
                by: entry.actor,
                at: iso(entry.at),
                from: entry.from === undefined ? null : iso(entry.from),
                to: iso(entry.to),
                reason: entry.reason,
              })),
              isCorrected: corrected !== undefined,
            },
          ];
        }),
      ),
      durations: Object.fromEntries(
        durations(incident.keyTimes, context.now).map(({ id, ms, isRunning }) => [id, { ms: ms ?? null, isRunning }]),
      ),
      roles: roleBoard(incident.roles, docs).rows.flatMap((row) =>
        row.holder
          ? [
              {
                role: row.role,
                roleName: roleName(row.role, docs, context),
                person: { ...row.holder.person },
                since: iso(row.holder.since),
                by: row.holder.by,
              },
            ]
          : [],
      ),
    },
    timeline: incident.timeline.map((entry) => entryJson(entry, incident.pinned)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

// ---------------------------------------------------------------- files

/** `checkout-fails-at-payment`: lower-case ASCII words of the title, for a file name. */
export function titleSlug(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'incident';
}

const EXTENSIONS = { markdown: 'md', csv: 'csv', json: 'json' } as const satisfies Record<ExportFormat, string>;
export const MIME_TYPES = {
  markdown: 'text/markdown;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
} as const satisfies Record<ExportFormat, string>;

/** `checkout-fails-at-payment-2025-03-12-timeline.md`: the title, the day it was declared. */
export function exportFileName(incident: Incident, format: ExportFormat, timeZone: string): string {
  return `${titleSlug(incident.title)}-${formatDay(incident.declaredAt, timeZone)}-timeline.${EXTENSIONS[format]}`;
}

/** The file's text in one format. */
export function exportTimeline(
  format: ExportFormat,
  incident: Incident,
  docs: Documents,
  context: ExportContext,
): string {
  switch (format) {
    case 'markdown':
      return timelineToMarkdown(incident, docs, context);
    case 'csv':
      return timelineToCsv(incident, docs, context);
    case 'json':
      return timelineToJson(incident, docs, context);
    default:
      return assertNever(format);
  }
}

// The after-action report of an exercise, in the usual shape: what was played
// and by whom, the objectives, each expected action scored, the strengths and
// areas for improvement the facilitator writes, an improvement plan with
// owners and dates, and the exercise timeline (injects fired and the team's
// entries, in order). Pure, like the post-mortem: the caller gives the locale,
// translate, the time zone and `now`. The report is neutral blocks that
// common/report/blocks.ts writes as Markdown, HTML and PDF, escaping each.
import type { Documents } from '../domain/documents';
import type { Incident } from '../domain/incidents';
import {
  describeEntry,
  entryKindLabel,
  formatDuration,
  formatInstant,
  roleName,
  type ExportContext,
} from '../domain/timeline-export';
import type { Block } from '../report/blocks';
import { localText } from '../runbooks/runbook-schema';
import { injectsInOrder, type Inject, type Scenario } from './scenario-schema';
import type { AfterActionNotes } from './session-payloads';
import { scoreExercise, type ActionScore, type ExerciseTiming } from './scoring';

export const AFTER_ACTION_SECTIONS = [
  'summary',
  'objectives',
  'scores',
  'strengths',
  'improvements',
  'plan',
  'timeline',
] as const;
export type AfterActionSection = (typeof AFTER_ACTION_SECTIONS)[number];

export { afterActionNotesSchema, type AfterActionNotes } from './session-payloads';

export interface AfterActionInput {
  readonly scenario: Scenario;
  /** Where the session started and how its clock ran (common/exercises/session.ts sessionTiming). */
  readonly timing: ExerciseTiming;
  /**
   * The injects as they fired; absent, each is taken to have fired at its
   * offset in real time (a plan, before the session is played).
   */
  readonly fired?: readonly { readonly inject: Inject; readonly at: number }[];
  /** When the facilitator ended it; absent while it runs (the report then stops at `now`). */
  readonly endedAt?: number;
  /** The incident the team declared for it; undefined until they do. */
  readonly incident: Incident | undefined;
  readonly docs: Documents;
  readonly notes: AfterActionNotes;
}

export type Tr = (key: string, values?: Record<string, string | number>) => string;

/** How far from its target an action landed, in words; missed before its target came, it was cut short by the end. */
export function byHowMuch(score: ActionScore, tr: Tr, duration: (ms: number) => string): string {
  const value = duration(score.bySeconds * 1000);
  switch (score.outcome) {
    case 'met':
      return score.bySeconds === 0 ? tr('exercises.by.onTime') : tr('exercises.by.early', { duration: value });
    case 'late':
      return tr('exercises.by.late', { duration: value });
    case 'missed':
      return score.bySeconds === 0 ? tr('exercises.by.endedBefore') : tr('exercises.by.overdue', { duration: value });
    case 'pending':
      return tr('exercises.by.remaining', { duration: value });
  }
}

function injectText(inject: Inject, context: ExportContext): string {
  const said = localText(inject.text, context.locale);
  switch (inject.kind) {
    case 'monitor-down':
    case 'monitor-slow':
    case 'monitor-up':
      return `${inject.monitor}: ${said}`;
    case 'stakeholder-message':
    case 'journalist-message':
    case 'phone-call':
      return `${localText(inject.from, context.locale)}: ${said}`;
    case 'alert':
      return inject.source ? `${inject.source}: ${said}` : said;
    case 'question':
    case 'complication':
      return said;
  }
}

/** The report as blocks, in the order of AFTER_ACTION_SECTIONS. */
export function draftAfterAction(input: AfterActionInput, context: ExportContext): Block[] {
  const { scenario, timing, incident, docs, notes } = input;
  const { startedAt } = timing;
  const tr: Tr = (key, values) => context.translate(context.locale, key, values);
  const local = (value: Parameters<typeof localText>[0]) => localText(value, context.locale);
  const at = (ms: number) => formatInstant(ms, context.timeZone);
  const duration = (ms: number) => formatDuration(ms, tr('timeline.export.dayUnit'));
  const elapsed = (ms: number) => tr('exercises.report.elapsed', { elapsed: duration(ms) });
  const end = input.endedAt ?? context.now;
  const none = tr('exercises.report.none');
  const toWrite: Block = { kind: 'paragraph', text: tr('exercises.report.toWrite') };
  const blocks: Block[] = [];
  const heading = (section: AfterActionSection) =>
    blocks.push({ kind: 'heading', level: 2, text: tr(`exercises.report.section.${section}`) });
  const column = (name: string) => tr(`exercises.report.column.${name}`);

  blocks.push({ kind: 'heading', level: 1, text: tr('exercises.report.title', { title: local(scenario.title) }) });
  blocks.push({
    kind: 'paragraph',
    text: tr('exercises.report.generated', { at: at(context.now), zone: context.timeZone }),
  });

  heading('summary');
  const participants = notes.participants.map((person) =>
    person.role ? `${person.name} (${roleName(person.role, docs, context)})` : person.name,
  );
  blocks.push({
    kind: 'list',
    items: [
      `${tr('exercises.report.scenario')}: ${local(scenario.title)}`,
      `${tr('exercises.report.started')}: ${at(startedAt)}`,
      `${tr('exercises.report.duration')}: ${duration(end - startedAt)}${input.endedAt === undefined ? ` (${tr('exercises.report.stillRunning')})` : ''}`,
      `${tr('exercises.report.participants')}: ${participants.join(', ') || none}`,
      `${tr('exercises.report.incident')}: ${
        incident ? `${incident.title} · ${tr(`severity.${incident.severity}`)}` : tr('exercises.report.notDeclared')
      }`,
    ],
  });
  blocks.push({ kind: 'paragraph', text: local(scenario.summary) });

  heading('objectives');
  blocks.push({ kind: 'list', items: scenario.objectives.map(local) });

  heading('scores');
  const score = scoreExercise(scenario, timing, incident, end);
  blocks.push({
    kind: 'paragraph',
    text: tr('exercises.report.score', {
      met: score.met,
      total: score.actions.length,
      late: score.late,
      missed: score.missed,
    }),
  });
  blocks.push({
    kind: 'table',
    header: ['action', 'target', 'actual', 'result', 'by'].map(column),
    rows: score.actions.map((action) => [
      local(action.action.label),
      elapsed(action.action.targetSeconds * 1000),
      action.elapsedSeconds === undefined ? '—' : elapsed(action.elapsedSeconds * 1000),
      tr(`exercises.outcome.${action.outcome}`),
      byHowMuch(action, tr, duration),
    ]),
  });

  heading('strengths');
  blocks.push(notes.strengths.length === 0 ? toWrite : { kind: 'list', items: notes.strengths });
  heading('improvements');
  blocks.push(notes.improvements.length === 0 ? toWrite : { kind: 'list', items: notes.improvements });
  heading('plan');
  blocks.push(
    notes.plan.length === 0
      ? toWrite
      : {
          kind: 'table',
          header: ['planAction', 'owner', 'due'].map(column),
          rows: [...notes.plan]
            .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))
            .map((item) => [item.action, item.owner, item.due]),
        },
  );

  heading('timeline');
  // Injects fired by `end`, then the team's entries; at the same moment the inject comes first.
  const facilitator = tr('exercises.report.facilitator');
  const rows: { at: number; order: number; cells: string[] }[] = [
    ...(
      input.fired ?? injectsInOrder(scenario).map((inject) => ({ inject, at: startedAt + inject.offsetSeconds * 1000 }))
    )
      .filter(({ at: firedAt }) => firedAt <= end)
      .map(({ inject, at: firedAt }) => ({
        at: firedAt,
        order: 0,
        cells: [facilitator, tr(`exercises.inject.${inject.kind}`), injectText(inject, context)],
      })),
    ...(incident?.timeline ?? []).map((entry) => ({
      at: entry.at,
      order: 1,
      cells: [entry.actor, entryKindLabel(entry, context), describeEntry(entry, docs, context)],
    })),
  ];
  rows.sort((a, b) => a.at - b.at || a.order - b.order);
  blocks.push(
    rows.length === 0
      ? { kind: 'paragraph', text: none }
      : {
          kind: 'table',
          header: ['time', 'elapsed', 'source', 'kind', 'text'].map(column),
          rows: rows.map((row) => [at(row.at), elapsed(timing.elapsedMs(row.at)), ...row.cells]),
        },
  );
  return blocks;
}

// What an exercise scenario is: the incident it plays, the injects a
// facilitator fires at offsets from the start (a monitor turning red, a
// journalist calling…), and the actions the team is expected to take by a
// target time. The same schema reads a YAML file, a workspace document and the
// built-in library; scoring.ts measures a team's record against it.
import { z } from 'zod';
import { audienceSchema } from '../comms/audiences';
import { incidentKindSchema, incidentStatusSchema, noteKindSchema, severitySchema, TITLE_MAX } from '../events/event';
import { localTextSchema, RUNBOOK_ID, STEP_ID } from '../runbooks/runbook-schema';

export const SCENARIO_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const ITEM_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const INJECTS_MAX = 100;
export const ACTIONS_MAX = 50;
export const TEXT_MAX = 4_000;
/** An exercise lasts at most a day; most fit in an hour or two. */
export const OFFSET_MAX_SECONDS = 86_400;
/** A target may lie beyond the exercise (the 72-hour regulator notification is played compressed or scored late). */
export const TARGET_MAX_SECONDS = 7 * 86_400;

export const INJECT_KINDS = [
  'monitor-down',
  'monitor-slow',
  'monitor-up',
  'alert',
  'stakeholder-message',
  'journalist-message',
  'phone-call',
  'question',
  'complication',
] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

export const INJECT_CHANNELS = ['email', 'chat', 'phone', 'sms', 'social', 'in-person'] as const;

export const EXPECTED_KINDS = [
  'declare',
  'assign-role',
  'status',
  'message',
  'runbook-started',
  'runbook-step-done',
  'restored',
  'note-kind',
] as const;
export type ExpectedKind = (typeof EXPECTED_KINDS)[number];

const line = (max: number) => z.string().trim().min(1).max(max);
const itemId = z.string().regex(ITEM_ID, { message: 'itemId' });
/** A built-in role id or a custom role's id, as incidents hold them. */
const roleId = line(64);
const names = z.array(line(120)).max(50);

const injectBase = {
  id: itemId,
  offsetSeconds: z.number().int().min(0).max(OFFSET_MAX_SECONDS),
  text: localTextSchema(TEXT_MAX),
};
/** Who speaks and how it reaches the team. */
const sender = { from: localTextSchema(120), channel: z.enum(INJECT_CHANNELS) };

export const injectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...injectBase, kind: z.literal('monitor-down'), monitor: line(120) }),
  z.strictObject({
    ...injectBase,
    kind: z.literal('monitor-slow'),
    monitor: line(120),
    latencyMs: z.number().int().min(1).max(3_600_000).optional(),
  }),
  z.strictObject({ ...injectBase, kind: z.literal('monitor-up'), monitor: line(120) }),
  z.strictObject({ ...injectBase, kind: z.literal('alert'), source: line(120).optional() }),
  z.strictObject({ ...injectBase, ...sender, kind: z.literal('stakeholder-message') }),
  z.strictObject({ ...injectBase, ...sender, kind: z.literal('journalist-message') }),
  /** The text is the caller's script, read aloud by the facilitator. */
  z.strictObject({ ...injectBase, from: localTextSchema(120), kind: z.literal('phone-call') }),
  z.strictObject({ ...injectBase, kind: z.literal('question'), to: roleId.optional() }),
  z.strictObject({ ...injectBase, kind: z.literal('complication') }),
]);
export type Inject = z.infer<typeof injectSchema>;

const actionBase = {
  id: itemId,
  /** Seconds from the exercise start by which it should be done. */
  targetSeconds: z.number().int().min(0).max(TARGET_MAX_SECONDS),
  label: localTextSchema(300),
};

export const expectedActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...actionBase, kind: z.literal('declare') }),
  z.strictObject({ ...actionBase, kind: z.literal('assign-role'), role: roleId }),
  z.strictObject({ ...actionBase, kind: z.literal('status'), status: incidentStatusSchema }),
  z.strictObject({ ...actionBase, kind: z.literal('message'), audience: audienceSchema }),
  z.strictObject({
    ...actionBase,
    kind: z.literal('runbook-started'),
    runbook: z.string().regex(RUNBOOK_ID, { message: 'scenarioId' }),
  }),
  z.strictObject({
    ...actionBase,
    kind: z.literal('runbook-step-done'),
    runbook: z.string().regex(RUNBOOK_ID, { message: 'scenarioId' }),
    step: z.string().regex(STEP_ID, { message: 'itemId' }),
  }),
  /** Service back (mitigated or resolved); the target is usually the RTO of `process`. */
  z.strictObject({ ...actionBase, kind: z.literal('restored'), process: line(64).optional() }),
  z.strictObject({ ...actionBase, kind: z.literal('note-kind'), noteKind: noteKindSchema }),
]);
export type ExpectedAction = z.infer<typeof expectedActionSchema>;

function unique(
  items: readonly { readonly id: string }[],
  list: 'injects' | 'expected',
  problem: string,
  context: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      context.addIssue({
        code: 'custom',
        path: [list, index, 'id'],
        message: problem,
        params: { problem, id: item.id },
      });
    }
    seen.add(item.id);
  });
}

export const scenarioSchema = z
  .strictObject({
    id: z.string().regex(SCENARIO_ID, { message: 'scenarioId' }),
    title: localTextSchema(200),
    summary: localTextSchema(TEXT_MAX),
    objectives: z.array(localTextSchema(500)).min(1).max(20),
    /** The roles the exercise needs filled (built-in role ids or custom ones). */
    roles: z.array(roleId).min(1).max(20),
    /** How long the facilitator plans to run it. */
    durationMinutes: z.number().int().min(5).max(1_440),
    incident: z.strictObject({
      title: localTextSchema(TITLE_MAX),
      severity: severitySchema,
      kind: incidentKindSchema,
      services: names.default([]),
      processes: names.default([]),
    }),
    injects: z.array(injectSchema).min(1).max(INJECTS_MAX),
    expected: z.array(expectedActionSchema).min(1).max(ACTIONS_MAX),
  })
  .superRefine((scenario, context) => {
    unique(scenario.injects, 'injects', 'duplicateInject', context);
    unique(scenario.expected, 'expected', 'duplicateAction', context);
  });
export type Scenario = z.infer<typeof scenarioSchema>;
/** What a file or a form gives before defaults are filled in. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Injects in the order they fire; ties keep the file's order. */
export function injectsInOrder(scenario: Pick<Scenario, 'injects'>): Inject[] {
  return [...scenario.injects].sort((a, b) => a.offsetSeconds - b.offsetSeconds);
}

// What a runbook is: an ordered list of steps, some that people tick and some
// that act (a command, an HTTP call, a wait on a monitor). The same schema
// reads a YAML file, a `runbook` workspace document and the snapshot a run
// keeps of the version it started from.
import { z } from 'zod';
import type { Locale } from '../i18n/locales';

export const RUNBOOK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const STEP_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const STEPS_MAX = 100;
export const ARGS_MAX = 64;
export const ARG_MAX = 4_000;
export const TEXT_MAX = 4_000;
export const STDIN_MAX = 64 * 1024;
/** Variables a step may set for its command. */
export const ENV_MAX = 32;
/**
 * The only variables of the host's own environment a command sees (besides its
 * step's `env`): enough to find programs and read the locale and time zone,
 * none of the tokens a host may hold in its environment.
 */
export const HOST_ENV_PASSED = ['PATH', 'HOME', 'LANG', 'TZ'] as const;
/** Windows cannot start most programs without these; they name places, not credentials. */
const WINDOWS_ENV_PASSED = ['SystemRoot', 'PATHEXT', 'ComSpec', 'TEMP', 'TMP'] as const;

/** The host variables a command sees on a host of this platform (`process.platform`). */
export function hostEnvPassed(platform: string): readonly string[] {
  return platform === 'win32' ? [...HOST_ENV_PASSED, ...WINDOWS_ENV_PASSED] : HOST_ENV_PASSED;
}
/** A command may run at most a day; most need minutes. */
export const TIMEOUT_MAX_SECONDS = 86_400;

const line = (max: number) => z.string().trim().min(1).max(max);

/**
 * Text a person reads: one string, or English and French side by side (the
 * built-in library carries both; a team's own runbooks usually one).
 */
export const localTextSchema = (max: number) =>
  z.union([line(max), z.strictObject({ en: line(max), fr: line(max).optional() })]);
export type LocalText = string | { readonly en: string; readonly fr?: string | undefined };

/** The text in the reader's language, or English when there is no translation. */
export function localText(text: LocalText, locale: Locale): string {
  if (typeof text === 'string') return text;
  return (locale === 'fr' ? text.fr : undefined) ?? text.en;
}

// Shell metacharacters are harmless here, since commands never go through a
// shell; NUL is the one byte no argument vector can carry.
const noNul = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), { params: { problem: 'nul' } });

const stepBase = {
  id: z.string().regex(STEP_ID, { message: 'stepId' }),
  title: localTextSchema(200),
  detail: localTextSchema(TEXT_MAX).optional(),
  /** The role expected to do it: a built-in role id or a custom role's id. */
  role: z.string().trim().min(1).max(64).optional(),
  /** A second person (another name than whoever asked) must approve before it is done or run. */
  approval: z.boolean().optional(),
};

export const commandSpecSchema = z.strictObject({
  /** The program, found on PATH or given as a path. Never a shell line. */
  program: noNul(500).pipe(z.string().trim().min(1)),
  args: z.array(noNul(ARG_MAX)).max(ARGS_MAX).default([]),
  cwd: noNul(1_000).pipe(z.string().trim().min(1)).optional(),
  /**
   * Variables set for the command, on top of HOST_ENV_PASSED. Lower case is
   * allowed: `http_proxy` and `no_proxy` are spelt so by convention.
   */
  env: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, { message: 'envName' }), noNul(ARG_MAX))
    .refine((env) => Object.keys(env).length <= ENV_MAX, { params: { problem: 'tooBig', maximum: ENV_MAX } })
    .optional(),
  timeoutSeconds: z.number().int().min(1).max(TIMEOUT_MAX_SECONDS).default(300),
  expectExit: z.number().int().min(0).max(255).default(0),
  /** Text given to the program on its standard input; without it, input is closed at once. */
  stdin: z.string().max(STDIN_MAX).optional(),
});
export type CommandSpec = z.infer<typeof commandSpecSchema>;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const httpSpecSchema = z.strictObject({
  method: z.enum(HTTP_METHODS).default('POST'),
  url: z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => /^https?:\/\/[^\s]+$/.test(value), { params: { problem: 'url' } }),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(2_000)).optional(),
  /** Header name → name of a secret in the host's secret store; the value never enters the record. */
  secretHeaders: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/))
    .optional(),
  body: z.string().max(STDIN_MAX).optional(),
  timeoutSeconds: z.number().int().min(1).max(300).default(10),
  /** Statuses that count as success; any 2xx by default. */
  expectStatus: z.array(z.number().int().min(100).max(599)).min(1).max(20).optional(),
});
export type HttpSpec = z.infer<typeof httpSpecSchema>;

/**
 * Whether a plain header's value is shown masked: credentials and cookies, and
 * anything whose name says token, key or secret. The value still sits in the
 * record (a runbook should use `secretHeaders`); masking keeps it off screens
 * and screenshots.
 */
export function isSecretBearingHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'authorization' ||
    lower === 'proxy-authorization' ||
    lower === 'cookie' ||
    lower === 'set-cookie' ||
    /token|key|secret|passw|auth|session|signature/.test(lower)
  );
}

/** A wait until a monitor (by id, or by name) shows a status; the host watches its own board. */
export const waitSpecSchema = z.strictObject({
  monitor: z.string().trim().min(1).max(64),
  until: z.enum(['up', 'down']),
  timeoutSeconds: z.number().int().min(1).max(TIMEOUT_MAX_SECONDS).default(900),
});
export type WaitSpec = z.infer<typeof waitSpecSchema>;

export const COMM_AUDIENCES = ['public', 'customers', 'internal', 'executives', 'regulator'] as const;

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...stepBase, kind: z.literal('manual') }),
  z.strictObject({ ...stepBase, kind: z.literal('command'), command: commandSpecSchema }),
  z.strictObject({ ...stepBase, kind: z.literal('http'), http: httpSpecSchema }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('wait-monitor'),
    ...waitSpecSchema.shape,
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('communicate'),
    audience: z.enum(COMM_AUDIENCES),
    /** The id of a comms template document, when the workspace has one. */
    template: z.string().trim().min(1).max(64).optional(),
  }),
  z.strictObject({ ...stepBase, kind: z.literal('timer'), minutes: z.number().int().min(1).max(10_080) }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('decision'),
    options: z
      .array(
        z.strictObject({
          id: z.string().regex(STEP_ID, { message: 'stepId' }),
          label: localTextSchema(200),
          /** The step the run continues at; the steps in between are skipped. Absent: the next step. */
          goto: z.string().regex(STEP_ID, { message: 'stepId' }).optional(),
        }),
      )
      .min(2)
      .max(8),
  }),
]);
export type RunbookStep = z.infer<typeof stepSchema>;
export type StepKind = RunbookStep['kind'];
export const STEP_KINDS = ['manual', 'command', 'http', 'wait-monitor', 'communicate', 'timer', 'decision'] as const;

export const runbookSchema = z
  .strictObject({
    id: z.string().regex(RUNBOOK_ID, { message: 'runbookId' }),
    title: localTextSchema(200),
    summary: localTextSchema(TEXT_MAX).optional(),
    /** Incident types it suits (built-in kinds or custom type ids): suggestions use them. */
    types: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
    /** Impacted services it suits; a match ranks it first. */
    services: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
    /** Words that match an incident's title (`payment`, `ddos`). */
    keywords: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
    steps: z.array(stepSchema).min(1).max(STEPS_MAX),
  })
  .superRefine((runbook, context) => {
    const seen = new Map<string, number>();
    runbook.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        context.addIssue({
          code: 'custom',
          path: ['steps', index, 'id'],
          message: 'duplicateStep',
          params: { problem: 'duplicateStep', id: step.id },
        });
      }
      seen.set(step.id, index);
    });
    runbook.steps.forEach((step, index) => {
      if (step.kind !== 'decision') return;
      step.options.forEach((option, optionIndex) => {
        if (option.goto === undefined) return;
        const target = seen.get(option.goto);
        if (target === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['steps', index, 'options', optionIndex, 'goto'],
            message: 'unknownStep',
            params: { problem: 'unknownStep', id: option.goto },
          });
        } else if (target <= index) {
          // Runs only move forward, so a run always ends and its progress means something.
          context.addIssue({
            code: 'custom',
            path: ['steps', index, 'options', optionIndex, 'goto'],
            message: 'backwardGoto',
            params: { problem: 'backwardGoto', id: option.goto },
          });
        }
      });
    });
  });
export type Runbook = z.infer<typeof runbookSchema>;
/** What a file or a form gives before defaults are filled in. */
export type RunbookInput = z.input<typeof runbookSchema>;

/** Steps that act on the world: the host runs them, and they are dry runs in exercises. A wait only watches. */
export function isActingStep(step: RunbookStep): step is Extract<RunbookStep, { kind: 'command' | 'http' }> {
  return step.kind === 'command' || step.kind === 'http';
}

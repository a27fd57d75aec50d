// Runbooks as YAML files, so teams keep them in git. Import is all or nothing:
// a file with any problem is refused whole, each problem with its line, column
// and a reason in plain words (the house pattern of monitors/monitor-yaml.ts).
import { offsetOf, pathLabel, refuseInOrder as refuse, valueAt, type Path } from '../yaml/locate';
import { LineCounter, parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import { runbooksEn } from '../i18n/catalogue/runbooks';
import { runbookSchema, type Runbook } from './runbook-schema';

export type YamlProblemCode = keyof typeof runbooksEn.yaml;

export interface RunbookYamlProblem {
  /** 1-based, as editors count. */
  readonly line: number;
  readonly column: number;
  /** Where in the runbook: `steps[2].command.timeoutSeconds`. */
  readonly field: string;
  readonly code: YamlProblemCode;
  /** Placeholders of the catalogue text (`runbooks.yaml.<code>`). */
  readonly values: Readonly<Record<string, string>>;
  /** The reason in English, for logs and the command line. */
  readonly message: string;
}

export type RunbookYamlResult =
  | { readonly ok: true; readonly runbook: Runbook }
  | { readonly ok: false; readonly error: RunbookYamlProblem; readonly errors: readonly RunbookYamlProblem[] };

type Issue = z.core.$ZodIssue;

function isCode(name: unknown): name is YamlProblemCode {
  return typeof name === 'string' && Object.hasOwn(runbooksEn.yaml, name);
}

/** Fills `{{name}}` placeholders of an English catalogue line. */
function describe(code: YamlProblemCode, values: Readonly<Record<string, string>>): string {
  return runbooksEn.yaml[code].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

interface Explained {
  readonly path: Path;
  readonly code: YamlProblemCode;
  readonly values: Record<string, string>;
  readonly key?: string;
}

/** One zod issue as a catalogue reason, plus the path it really points at. */
function explain(issue: Issue, data: unknown, base: Path = []): Explained {
  const path = [...base, ...issue.path];
  const field = pathLabel(path);
  if (path.length === 0 && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    return { path, code: 'notRunbook', values: {} };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(data, path) === undefined) return { path, code: 'required', values: { field } };
      return { path, code: 'type', values: { field, expected: issue.expected } };
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        return valueAt(data, path) === undefined
          ? { path, code: 'required', values: { field } }
          : {
              path,
              code: 'oneOf',
              values: { field, options: ('options' in issue ? (issue.options ?? []) : []).map(String).join(', ') },
            };
      }
      const branches = issue.errors;
      // The branch that got furthest (fewest problems) says what the writer most likely meant.
      const closest = [...branches].sort((a, b) => a.length - b.length)[0]?.[0];
      return closest ? explain(closest, data, path) : { path, code: 'invalid', values: { field, detail: '' } };
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { path, code: 'empty', values: { field } };
      return { path, code: 'tooSmall', values: { field, minimum: String(issue.minimum) } };
    case 'too_big':
      return { path, code: 'tooBig', values: { field, maximum: String(issue.maximum) } };
    case 'invalid_value':
      return { path, code: 'oneOf', values: { field, options: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return { path, key, code: 'unknownField', values: { field: pathLabel([...path, key]) } };
    }
    case 'invalid_format':
      // Patterns name their problem in the message (`stepId`, `envName`).
      if (isCode(issue.message)) return { path, code: issue.message, values: { field } };
      return { path, code: 'invalid', values: { field, detail: issue.message } };
    case 'custom': {
      const params: Record<string, unknown> = ('params' in issue ? issue.params : undefined) ?? {};
      const problem = params.problem;
      if (!isCode(problem)) return { path, code: 'invalid', values: { field, detail: issue.message } };
      const values: Record<string, string> = { field };
      for (const [key, value] of Object.entries(params)) if (key !== 'problem') values[key] = String(value);
      return { path, code: problem, values };
    }
    default:
      return { path, code: 'invalid', values: { field, detail: issue.message } };
  }
}

/** The offset of the node a path points at; a missing field points at the map that lacks it. */
function problem(
  lines: LineCounter,
  offset: number,
  field: string,
  code: YamlProblemCode,
  values: Record<string, string>,
): RunbookYamlProblem {
  const { line, col } = lines.linePos(offset);
  return { line, column: col, field, code, values, message: describe(code, values) };
}

/** Reads one runbook from YAML (a Markdown file's front matter works too: see `parseRunbookFile`). */
export function parseRunbookYaml(text: string): RunbookYamlResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return refuse(
      document.errors.map((error) =>
        problem(lines, error.pos[0], '', 'syntax', { detail: error.message.split('\n')[0] ?? '' }),
      ),
    );
  }
  let data: unknown;
  try {
    // Aliases are capped so a small file cannot expand into a huge one.
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return refuse([
      problem(lines, 0, '', 'syntax', { detail: error instanceof Error ? error.message : String(error) }),
    ]);
  }
  const parsed = runbookSchema.safeParse(data);
  if (parsed.success) return { ok: true, runbook: parsed.data };
  return refuse(
    parsed.error.issues.map((issue) => {
      const { path, code, values, key } = explain(issue, data);
      return problem(lines, offsetOf(document, path, key), values.field ?? pathLabel(path), code, values);
    }),
  );
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * A runbook file: plain YAML, or Markdown whose front matter holds the runbook
 * (the Markdown body becomes its summary when it has none). Lines reported for
 * front matter count from the top of the file.
 */
export function parseRunbookFile(text: string): RunbookYamlResult {
  const match = FRONT_MATTER.exec(text);
  if (!match) return parseRunbookYaml(text);
  const [, yaml = '', body = ''] = match;
  const result = parseRunbookYaml(yaml);
  if (!result.ok) {
    const shift = (found: RunbookYamlProblem) => ({ ...found, line: found.line + 1 });
    return { ok: false, error: shift(result.error), errors: result.errors.map(shift) };
  }
  const summary = body.trim();
  if (summary && result.runbook.summary === undefined) {
    return { ok: true, runbook: { ...result.runbook, summary: summary.slice(0, 4_000) } };
  }
  return result;
}

/** The file `parseRunbookYaml` reads back to the same runbook. */
export function exportRunbookYaml(runbook: Runbook): string {
  return stringify(runbook, { lineWidth: 0 });
}

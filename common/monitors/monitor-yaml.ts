// Monitors as a YAML file, so teams keep them in git. Import is all or
// nothing: a file with any problem is refused whole, and every problem is
// reported with its line, column and a reason in plain words, in file order.
import { offsetOf, pathLabel, refuseInOrder as refuse, valueAt, type Path } from '../yaml/locate';
import { LineCounter, parseDocument, stringify } from 'yaml';
import type { z } from 'zod';
import { monitorsFileSchema, type MonitorDefinition } from './monitor-schema';
import { describe, yamlProblem, type Reason, type YamlProblemName } from './reasons';
import { monitorsEn } from '../i18n/catalogue/monitors';

export interface YamlProblem {
  /** 1-based, as editors count. */
  readonly line: number;
  readonly column: number;
  /** The field at fault inside its monitor (`maintenance[0].timeZone`), or a top-level name. */
  readonly field: string;
  readonly reason: Reason<'yaml'>;
  /** The reason in English, for the command line and logs. */
  readonly message: string;
}

export type MonitorsYamlResult =
  | { readonly ok: true; readonly monitors: readonly MonitorDefinition[] }
  | { readonly ok: false; readonly error: YamlProblem; readonly errors: readonly YamlProblem[] };

type Issue = z.core.$ZodIssue;

/** `monitors[3].maintenance[0].from` → `maintenance[0].from`: the line already says which monitor. */
function fieldOf(path: Path): string {
  const inside = path[0] === 'monitors' && typeof path[1] === 'number' ? path.slice(2) : path;
  if (inside.length === 0)
    return path.length > 1 ? `monitors[${String(path[1])}]` : path.length === 1 ? 'monitors' : '';
  return pathLabel(inside);
}

const TYPE_PROBLEM: Readonly<Record<string, YamlProblemName>> = {
  string: 'typeText',
  number: 'typeNumber',
  int: 'typeInteger',
  boolean: 'typeBoolean',
  object: 'typeMap',
  record: 'typeMap',
  array: 'typeList',
};

function isProblemName(name: unknown): name is YamlProblemName {
  return typeof name === 'string' && Object.hasOwn(monitorsEn.yaml, name);
}

/** One zod issue as a catalogue reason, plus the path it really points at (the editor uses it per field). */
export function explain(
  issue: Issue,
  data: unknown,
  base: Path = [],
): { path: Path; reason: Reason<'yaml'>; key?: string } {
  const path = [...base, ...issue.path];
  const field = fieldOf(path);
  if (path.length === 0) return { path, reason: yamlProblem('notMonitorsFile') };
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(data, path) === undefined) return { path, reason: yamlProblem('required', { field }) };
      return { path, reason: yamlProblem(TYPE_PROBLEM[issue.expected] ?? 'invalid', { field, detail: issue.message }) };
    case 'invalid_union': {
      if (issue.discriminator !== undefined && valueAt(data, path) === undefined) {
        return { path, reason: yamlProblem('required', { field }) };
      }
      const branches = issue.errors;
      if (branches.length === 0) {
        const options = 'options' in issue ? (issue.options ?? []) : [];
        return { path, reason: yamlProblem('oneOf', { field, options: options.map(String).join(', ') }) };
      }
      if (branches.every((branch) => branch.length === 1 && branch[0]?.code === 'invalid_type')) {
        const isMissing = valueAt(data, path) === undefined;
        return { path, reason: yamlProblem(isMissing ? 'required' : 'typeSecretText', { field }) };
      }
      // The branch that got furthest (fewest problems) says what the writer most likely meant.
      const closest = [...branches].sort((a, b) => a.length - b.length)[0];
      const first = closest?.[0];
      return first ? explain(first, data, path) : { path, reason: yamlProblem('invalid', { field, detail: '' }) };
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1)
        return { path, reason: yamlProblem('empty', { field }) };
      return { path, reason: yamlProblem('tooSmall', { field, minimum: Number(issue.minimum) }) };
    case 'too_big':
      return { path, reason: yamlProblem('tooBig', { field, maximum: Number(issue.maximum) }) };
    case 'invalid_value':
      return { path, reason: yamlProblem('oneOf', { field, options: issue.values.map(String).join(', ') }) };
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return { path, key, reason: yamlProblem('unknownField', { field: fieldOf([...path, key]) }) };
    }
    case 'invalid_format':
      if (isProblemName(issue.message)) return { path, reason: yamlProblem(issue.message, { field }) };
      return { path, reason: yamlProblem('invalid', { field, detail: issue.message }) };
    case 'custom': {
      const params: Record<string, unknown> = issue.params ?? {};
      const name = params.problem;
      if (!isProblemName(name)) return { path, reason: yamlProblem('invalid', { field, detail: issue.message }) };
      const values: Record<string, string> = { field };
      for (const [key, value] of Object.entries(params)) if (key !== 'problem') values[key] = String(value);
      return { path, reason: yamlProblem(name, values) };
    }
    default:
      return { path, reason: yamlProblem('invalid', { field, detail: issue.message }) };
  }
}

/** The offset of the node a path points at; a missing field points at the map that lacks it. */
function toProblem(lines: LineCounter, offset: number, field: string, reason: Reason<'yaml'>): YamlProblem {
  const { line, col } = lines.linePos(offset);
  return { line, column: col, field, reason, message: describe(reason) };
}

export function parseMonitorsYaml(text: string): MonitorsYamlResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return refuse(
      document.errors.map((error) =>
        toProblem(lines, error.pos[0], '', yamlProblem('syntax', { detail: error.message.split('\n')[0] ?? '' })),
      ),
    );
  }
  let data: unknown;
  try {
    // Aliases are capped so a small file cannot expand into a huge one.
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse([toProblem(lines, 0, '', yamlProblem('syntax', { detail }))]);
  }
  const parsed = monitorsFileSchema.safeParse(data);
  if (parsed.success) return { ok: true, monitors: parsed.data.monitors };
  return refuse(
    parsed.error.issues.map((issue) => {
      const { path, reason, key } = explain(issue, data);
      return toProblem(lines, offsetOf(document, path, key), String(reason.values.field ?? fieldOf(path)), reason);
    }),
  );
}

/** The file `parseMonitorsYaml` reads back to the same monitors. */
export function exportMonitorsYaml(monitors: readonly MonitorDefinition[]): string {
  return stringify({ monitors }, { lineWidth: 0 });
}

// Business processes as a YAML file (`processes:` and a list), so teams keep
// their business impact analysis in git. Import is all or nothing: a file with
// any problem is refused whole, each problem with its line, column and a reason
// in plain words, in file order (the house pattern of runbooks and monitors).
import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { continuityEn } from '../i18n/catalogue/continuity';
import { offsetOf, pathLabel, refuseInOrder, valueAt, type Path } from '../yaml/locate';
import { processSchema, type BusinessProcess } from './process-schema';

export type ProcessYamlCode = keyof typeof continuityEn.yaml;

export interface ProcessYamlProblem {
  readonly line: number;
  readonly column: number;
  readonly field: string;
  readonly code: ProcessYamlCode;
  readonly values: Readonly<Record<string, string>>;
  /** The reason in English, for logs. */
  readonly message: string;
}

export type ProcessYamlResult =
  | { readonly ok: true; readonly processes: readonly BusinessProcess[] }
  | { readonly ok: false; readonly error: ProcessYamlProblem; readonly errors: readonly ProcessYamlProblem[] };

const fileSchema = z.strictObject({
  processes: z.array(processSchema).max(500),
});

function describe(code: ProcessYamlCode, values: Readonly<Record<string, string>>): string {
  return continuityEn.yaml[code].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

interface Explained {
  readonly path: Path;
  readonly code: ProcessYamlCode;
  readonly values: Record<string, string>;
  readonly key?: string;
}

function explain(issue: z.core.$ZodIssue, data: unknown): Explained {
  const path = issue.path;
  const field = pathLabel(path);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { path: [], code: 'notFile', values: {} };
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(data, path) === undefined) return { path, code: 'required', values: { field } };
      return { path, code: 'type', values: { field, expected: issue.expected } };
    case 'too_small':
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
      if (issue.message === 'processId' || issue.message === 'date' || issue.message === 'currency')
        return { path, code: issue.message, values: { field } };
      return { path, code: 'invalid', values: { field, detail: issue.message } };
    default:
      return { path, code: 'invalid', values: { field, detail: issue.message } };
  }
}

export function parseProcessesYaml(text: string): ProcessYamlResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problem = (offset: number, field: string, code: ProcessYamlCode, values: Record<string, string>) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col, field, code, values, message: describe(code, values) };
  };
  if (document.errors.length > 0)
    return refuseInOrder(
      document.errors.map((error) =>
        problem(error.pos[0], '', 'syntax', { detail: error.message.split('\n')[0] ?? '' }),
      ),
    );
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return refuseInOrder([
      problem(0, '', 'syntax', { detail: error instanceof Error ? error.message : String(error) }),
    ]);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success)
    return refuseInOrder(
      parsed.error.issues.map((issue) => {
        const { path, code, values, key } = explain(issue, data);
        return problem(offsetOf(document, path, key), values.field ?? pathLabel(path), code, values);
      }),
    );
  const seen = new Set<string>();
  const duplicates = parsed.data.processes.flatMap((process, index) => {
    if (!seen.has(process.id)) {
      seen.add(process.id);
      return [];
    }
    const path = ['processes', index, 'id'];
    return [problem(offsetOf(document, path), pathLabel(path), 'duplicateId', { id: process.id })];
  });
  if (duplicates.length > 0) return refuseInOrder(duplicates);
  return { ok: true, processes: parsed.data.processes };
}

/** The file `parseProcessesYaml` reads back to the same processes. */
export function exportProcessesYaml(processes: readonly BusinessProcess[]): string {
  return stringify({ processes }, { lineWidth: 0 });
}

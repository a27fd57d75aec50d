// An all-or-nothing YAML import against a zod schema, for importers whose
// refusal codes live in a catalogue (`<feature>.yaml.*`): every problem with
// its line, column, field path, code and an English message, in file order.
// Schemas name their own problems: a pattern by its message, a refinement by
// `params.problem`, each a code of the catalogue.
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { offsetOf, pathLabel, refuseInOrder, valueAt, type Path } from './locate';

/** The codes every importer's catalogue has; each adds its own. */
export type BaseYamlCode =
  'syntax' | 'required' | 'type' | 'empty' | 'tooSmall' | 'tooBig' | 'oneOf' | 'unknownField' | 'invalid';

export interface YamlProblem<C extends string> {
  /** 1-based, as editors count. */
  readonly line: number;
  readonly column: number;
  /** Where in the document: `injects[2].offsetSeconds`. */
  readonly field: string;
  readonly code: C;
  /** Placeholders of the catalogue text. */
  readonly values: Readonly<Record<string, string>>;
  /** The reason in English, for logs and the command line. */
  readonly message: string;
}

export type YamlImport<T, C extends string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: YamlProblem<C>; readonly errors: readonly YamlProblem<C>[] };

export interface YamlCodes<C extends string> {
  /** The English catalogue lines, by code. */
  readonly english: Readonly<Record<C, string>>;
  /** The code for a file that is not a map at all. */
  readonly notMap: C;
}

type Issue = z.core.$ZodIssue;

interface Explained<C> {
  readonly path: Path;
  readonly code: C;
  readonly values: Record<string, string>;
  readonly key?: string;
}

/** One zod issue as a catalogue reason, plus the path it really points at. */
function explain<C extends string>(
  issue: Issue,
  data: unknown,
  codes: YamlCodes<C | BaseYamlCode>,
  base: Path = [],
): Explained<C | BaseYamlCode> {
  const isCode = (name: unknown): name is C => typeof name === 'string' && Object.hasOwn(codes.english, name);
  const path = [...base, ...issue.path];
  const field = pathLabel(path);
  if (path.length === 0 && (typeof data !== 'object' || data === null || Array.isArray(data))) {
    return { path, code: codes.notMap, values: {} };
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
      // The branch that got furthest (fewest problems) says what the writer most likely meant.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]?.[0];
      return closest ? explain(closest, data, codes, path) : { path, code: 'invalid', values: { field, detail: '' } };
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

/** Reads one document and checks it against a schema; any problem refuses the whole file. */
export function importYaml<T, C extends string>(
  text: string,
  schema: z.ZodType<T>,
  codes: YamlCodes<C | BaseYamlCode>,
): YamlImport<T, C | BaseYamlCode> {
  const lines = new LineCounter();
  const problem = (offset: number, field: string, code: C | BaseYamlCode, values: Record<string, string>) => {
    const { line, col } = lines.linePos(offset);
    const message = codes.english[code].replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
    return { line, column: col, field, code, values, message };
  };
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return refuseInOrder(
      document.errors.map((error) =>
        problem(error.pos[0], '', 'syntax', { detail: error.message.split('\n')[0] ?? '' }),
      ),
    );
  }
  let data: unknown;
  try {
    // Aliases are capped so a small file cannot expand into a huge one.
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return refuseInOrder([
      problem(0, '', 'syntax', { detail: error instanceof Error ? error.message : String(error) }),
    ]);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  return refuseInOrder(
    parsed.error.issues.map((issue) => {
      const { path, code, values, key } = explain(issue, data, codes);
      return problem(offsetOf(document, path, key), values.field ?? pathLabel(path), code, values);
    }),
  );
}

// Runbooks as YAML files, so teams keep them in git. Import is all or nothing:
// a file with any problem is refused whole, each problem with its line, column
// and a reason in plain words (the house pattern of monitors/monitor-yaml.ts, through common/yaml/import.ts).
import { stringify } from 'yaml';
import { runbooksEn } from '../i18n/catalogue/runbooks';
import { importYaml, type YamlProblem } from '../yaml/import';
import { runbookSchema, type Runbook } from './runbook-schema';

export type YamlProblemCode = keyof typeof runbooksEn.yaml;

/** A problem at a line and column, a field path (`steps[2].command.timeoutSeconds`) and a `runbooks.yaml.*` code. */
export type RunbookYamlProblem = YamlProblem<YamlProblemCode>;

export type RunbookYamlResult =
  | { readonly ok: true; readonly runbook: Runbook }
  | { readonly ok: false; readonly error: RunbookYamlProblem; readonly errors: readonly RunbookYamlProblem[] };

/** Reads one runbook from YAML (a Markdown file's front matter works too: see `parseRunbookFile`). */
export function parseRunbookYaml(text: string): RunbookYamlResult {
  const result = importYaml(text, runbookSchema, { english: runbooksEn.yaml, notMap: 'notRunbook' });
  return result.ok ? { ok: true, runbook: result.value } : result;
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

// The importers a YAML file or text goes through, by kind: the very functions of
// common/ the screens used before, so problems keep their line and reason. They
// run in the parse worker, or inline where the window has no Worker (unit tests).
import { parseProcessesYaml } from '../../common/continuity/process-yaml';
import { parseScenarioYaml } from '../../common/exercises/scenario-yaml';
import { parseMonitorsYaml } from '../../common/monitors/monitor-yaml';
import { parseRunbookFile } from '../../common/runbooks/runbook-yaml';

export const YAML_PARSERS = {
  monitors: parseMonitorsYaml,
  runbook: parseRunbookFile,
  scenario: parseScenarioYaml,
  processes: parseProcessesYaml,
} as const;

export type YamlKind = keyof typeof YAML_PARSERS;
export type YamlResult<K extends YamlKind> = ReturnType<(typeof YAML_PARSERS)[K]>;

/** What the window sends the worker: a picked file (a handle; the worker reads it) or text. */
export interface YamlParseRequest {
  readonly kind: YamlKind;
  readonly source: Blob | string;
}

/** What comes back: the importer's own result, or why the source could not be read at all. */
export type YamlParseResponse =
  { readonly ok: true; readonly result: YamlResult<YamlKind> } | { readonly ok: false; readonly message: string };

export async function parseYamlSource(request: YamlParseRequest): Promise<YamlParseResponse> {
  try {
    const text = typeof request.source === 'string' ? request.source : await request.source.text();
    return { ok: true, result: YAML_PARSERS[request.kind](text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

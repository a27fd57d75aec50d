// A monitors file turned into the events that apply it: all of it, or (when
// the file has any problem) nothing at all, with every problem's line and reason.
import type { EventDraft } from '../../../common/events/event';
import { MONITOR_COLLECTION } from '../../../common/monitors/monitor-docs';
import { parseMonitorsYaml, type MonitorsYamlResult, type YamlProblem } from '../../../common/monitors/monitor-yaml';

export type ImportPlan =
  | { readonly ok: true; readonly drafts: readonly EventDraft[] }
  | { readonly ok: false; readonly problems: readonly YamlProblem[] };

/** Monitors of the file are added or replaced by id; monitors not in the file stay. */
export function planImport(text: string, actor: string): ImportPlan {
  return planParsed(parseMonitorsYaml(text), actor);
}

/** The same plan from a file already parsed (the window parses in a worker: see renderer/files/). */
export function planParsed(parsed: MonitorsYamlResult, actor: string): ImportPlan {
  if (!parsed.ok) return { ok: false, problems: parsed.errors };
  return {
    ok: true,
    drafts: parsed.monitors.map((monitor) => ({
      type: 'doc.put',
      actor,
      payload: { collection: MONITOR_COLLECTION, docId: monitor.id, body: monitor },
    })),
  };
}

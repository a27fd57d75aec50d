// Monitors as workspace documents (`doc.put` / `doc.delete` in the `monitor`
// collection, body = the definition), so every laptop shares them. A body that
// does not parse is kept with its problem, so the board can say which monitor
// is invalid and why, and the host simply does not run it.
import type { EventOf, PayloadOf } from '../events/event';
import { monitorSchema, type MonitorDefinition } from './monitor-schema';
import { explain } from './monitor-yaml';
import { yamlProblem, type Reason } from './reasons';

export const MONITOR_COLLECTION = 'monitor';

export interface MonitorProblem {
  /** The field at fault, dotted (`url`, `maintenance[0].from`); '' for the whole body. */
  readonly field: string;
  readonly reason: Reason<'yaml'>;
}

export interface MonitorDoc {
  readonly id: string;
  readonly updatedAt: number;
  /** The body as written, so an invalid one can be shown and fixed. */
  readonly body: PayloadOf<'doc.put'>['body'];
  readonly definition: MonitorDefinition | null;
  /** Every problem of an invalid body, in field order; empty when valid. */
  readonly problems: readonly MonitorProblem[];
}

export interface MonitorDocs {
  readonly byId: ReadonlyMap<string, MonitorDoc>;
}

export const EMPTY_MONITOR_DOCS: MonitorDocs = { byId: new Map() };

export type MonitorCheck =
  | { readonly ok: true; readonly definition: MonitorDefinition }
  | { readonly ok: false; readonly problems: readonly MonitorProblem[] };

/** Checks one monitor definition; every problem is worded like a YAML import's. */
export function checkMonitor(body: unknown, docId?: string): MonitorCheck {
  const parsed = monitorSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const { reason } = explain(issue, body);
      return { field: String(reason.values.field ?? issue.path.map(String).join('.')), reason };
    });
    return { ok: false, problems };
  }
  if (docId !== undefined && parsed.data.id !== docId) {
    return {
      ok: false,
      problems: [{ field: 'id', reason: yamlProblem('idMismatch', { id: parsed.data.id, docId }) }],
    };
  }
  return { ok: true, definition: parsed.data };
}

/** Applies one `monitor` document event, copying the map so a state React holds never changes. */
export function applyMonitorDocEvent(
  docs: MonitorDocs,
  event: EventOf<'doc.put'> | EventOf<'doc.delete'>,
  at: number,
): MonitorDocs {
  const byId = new Map(docs.byId);
  const { docId } = event.payload;
  if (event.type === 'doc.delete') {
    byId.delete(docId);
    return { byId };
  }
  const { body } = event.payload;
  const checked = checkMonitor(body, docId);
  byId.set(docId, {
    id: docId,
    updatedAt: at,
    body,
    definition: checked.ok ? checked.definition : null,
    problems: checked.ok ? [] : checked.problems,
  });
  return { byId };
}

/** The definitions the host runs: the valid documents, by id. */
export function validMonitors(docs: MonitorDocs): MonitorDefinition[] {
  return [...docs.byId.values()]
    .flatMap((doc) => (doc.definition ? [doc.definition] : []))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The services a monitor stands for: its name and its tags. An incident listing one gets its changes as evidence. */
export function monitorServices(definition: Pick<MonitorDefinition, 'name' | 'tags'>): string[] {
  const seen = new Set<string>();
  return [definition.name, ...(definition.tags ?? [])].filter((name) => {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

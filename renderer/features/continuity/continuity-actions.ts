// What people write from the continuity screens, as `doc.put` / `doc.delete`
// events, and the threshold crossings an open incident view notices.
import type { PayloadOf } from '../../../common/events/event';
import { PROCESS_COLLECTION, type BusinessProcess } from '../../../common/continuity/process-schema';
import {
  ACTION_COLLECTION,
  POSTMORTEM_COLLECTION,
  RISK_COLLECTION,
  type ActionItem,
  type Postmortem,
  type Risk,
} from '../../../common/continuity/records-schema';
import type { Crossing } from '../../../common/continuity/impact';
import { getEventStore } from '../../db';

type Body = PayloadOf<'doc.put'>['body'];

/** A schema's output as the plain JSON events carry (undefined fields dropped). */
function asJson(value: object): Body {
  return JSON.parse(JSON.stringify(value)) as Body;
}

export async function putProcesses(processes: readonly BusinessProcess[], actor: string): Promise<void> {
  await getEventStore().append(
    processes.map((process) => ({
      type: 'doc.put' as const,
      actor,
      payload: { collection: PROCESS_COLLECTION, docId: process.id, body: asJson(process) },
    })),
  );
}

export async function deleteDoc(collection: string, docId: string, actor: string): Promise<void> {
  await getEventStore().append([{ type: 'doc.delete', actor, payload: { collection, docId } }]);
}

export async function putRisk(id: string, risk: Risk, actor: string): Promise<void> {
  await getEventStore().append([
    { type: 'doc.put', actor, payload: { collection: RISK_COLLECTION, docId: id, body: asJson(risk) } },
  ]);
}

export async function putPostmortem(incidentId: string, body: Postmortem, actor: string): Promise<void> {
  await getEventStore().append([
    { type: 'doc.put', actor, payload: { collection: POSTMORTEM_COLLECTION, docId: incidentId, body: asJson(body) } },
  ]);
}

export async function putAction(id: string, item: ActionItem, actor: string): Promise<void> {
  await getEventStore().append([
    { type: 'doc.put', actor, payload: { collection: ACTION_COLLECTION, docId: id, body: asJson(item) } },
  ]);
}

/** Records crossings; the fold keeps one per process and threshold whoever writes it. */
export async function recordCrossings(
  incidentId: string,
  crossings: readonly (Crossing & { readonly process: string })[],
  actor: string,
): Promise<void> {
  if (crossings.length === 0) return;
  await getEventStore().append(
    crossings.map((crossing) => ({
      type: 'continuity.threshold-crossed' as const,
      incidentId,
      actor,
      payload: {
        processId: crossing.processId,
        process: crossing.process,
        threshold: crossing.threshold,
        crossedAt: crossing.at,
      },
    })),
  );
}

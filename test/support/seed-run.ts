// A checklist run in a host's own record, for tests and benches that ask the
// host to run steps: the host runs only what its record holds.
import type { PayloadOf } from '../../common/events/event';
import type { RunbookInput } from '../../common/runbooks/runbook-schema';
import type { Host } from '../../main/host/host';

/** An incident's id is its declaration's event id. */
async function declare(host: Pick<Host, 'append' | 'log'>, title: string): Promise<string> {
  const log = await host.log();
  const before = await log.vector();
  await host.append([
    { type: 'incident.declared', actor: 'Test', payload: { title, severity: 'SEV2', kind: 'technical-failure' } },
  ]);
  // A first write of the host's chain opens with its enrolment.
  const declared = (await log.eventsBeyond(before, 10)).find((event) => event.type === 'incident.declared');
  if (declared?.type !== 'incident.declared') throw new Error('the declaration was not recorded');
  return declared.id;
}

export interface SeededRun {
  readonly incidentId: string;
  readonly runId: string;
}

export async function seedRun(
  host: Pick<Host, 'append' | 'log'>,
  steps: RunbookInput['steps'],
  /** An incident of the record, or a new one declared for the run. */
  options: { incidentId?: string; runId?: string; exercise?: boolean; liveActions?: boolean } = {},
): Promise<SeededRun> {
  const incidentId = options.incidentId ?? (await declare(host, 'Seeded incident'));
  const runId = options.runId ?? 'run-1';
  const runbook = {
    id: 'seeded',
    title: 'Seeded runbook',
    steps,
  } as unknown as PayloadOf<'runbook.run-started'>['runbook'];
  await host.append([
    {
      type: 'runbook.run-started',
      incidentId,
      actor: 'Test',
      payload: {
        runId,
        runbookId: 'seeded',
        version: 1,
        runbook,
        ...(options.exercise ? { exercise: true } : {}),
        ...(options.liveActions ? { liveActions: true } : {}),
      },
    },
  ]);
  return { incidentId, runId };
}

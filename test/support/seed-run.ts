// A checklist run in a host's own record, for tests and benches that ask the
// host to run steps: the host runs only what its record holds. Approvals come
// from other devices than the one that started the run: `peer` writes as one,
// signed and enrolled to its person, as a teammate's laptop does.
import type { EventDraft, PayloadOf, WarEvent } from '../../common/events/event';
import { signedDevice } from './signed-device';
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
  /** The hash of the run-started event: what an approval of this run names. */
  readonly runHash: string;
}

export async function seedRun(
  host: Pick<Host, 'append' | 'log'>,
  steps: RunbookInput['steps'],
  /** An incident of the record, or a new one declared for the run. */
  options: { incidentId?: string; runId?: string; exercise?: boolean; liveActions?: boolean } = {},
): Promise<SeededRun> {
  const incidentId = options.incidentId ?? (await declare(host, 'Seeded incident'));
  const runId = options.runId ?? 'run-1';
  const before = await (await host.log()).vector();
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
  const started = (await (await host.log()).eventsBeyond(before, 10)).find(
    (event) => event.type === 'runbook.run-started',
  );
  if (started?.type !== 'runbook.run-started') throw new Error('the run was not recorded');
  return { incidentId, runId, runHash: started.hash };
}

export interface Peer {
  readonly deviceId: string;
  /** The person the device is enrolled to: every event it writes is theirs. */
  readonly person: string;
  /** Seals and signs drafts on this device's chain, at `nowMs`, and hands them to the host as a sync would. */
  write(drafts: readonly EventDraft[], nowMs?: number): Promise<readonly WarEvent[]>;
}

/** Another device of the war-room (a teammate's laptop), whose events reach the host by sync. */
export function peer(host: Pick<Host, 'log'>, label: string, person: string, workspace = 'default'): Peer {
  // The device's id is made from its key; `label` names it in refusals.
  const device = signedDevice(person, { workspace });
  const { deviceId } = device;
  return {
    deviceId,
    person,
    async write(drafts, nowMs = Date.now()) {
      const events = device.write(drafts, nowMs);
      const result = await (await host.log()).apply(events);
      if (!result.ok) throw new Error(`the host refused ${label}'s events: ${result.error.code}`);
      return events;
    },
  };
}

// A checklist against the real event store (fake IndexedDB): who may approve a
// step, what an approval names, what a contested run offers, and the exact
// confirmation of a command's environment and an HTTP call's headers.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventDraft, PayloadOf, WarEvent } from '../../../common/events/event';
import { MemoryEventLog } from '../../../common/sync/memory-log';
import { runbookSchema, type RunbookInput, type RunbookStep } from '../../../common/runbooks/runbook-schema';
import { getEventStore, getProjection, useWarRoomState } from '../../db';
import { setLocale } from '../../i18n';
import { CommandConfirm } from './CommandConfirm';
import { RunChecklist } from './RunChecklist';

beforeAll(() => {
  // jsdom has no modal dialogs; an open dialog is enough here.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
});
afterEach(async () => {
  cleanup();
  await act(() => setLocale('en'));
});

const RUNBOOK: RunbookInput = {
  id: 'restart-shop',
  title: 'Restart the shop',
  steps: [
    {
      id: 'restart',
      kind: 'command',
      title: 'Restart',
      approval: true,
      command: { program: 'systemctl', args: ['restart', 'shop'] },
    },
  ],
};

function Harness({ incidentId, runId, actor }: { incidentId: string; runId: string; actor: string }) {
  const state = useWarRoomState(getProjection());
  const run = state?.incidents.get(incidentId)?.runs.get(runId);
  if (!state || !run) return null;
  return <RunChecklist incidentId={incidentId} run={run} docs={state.docs} actor={actor} />;
}

let runs = 0;

/** Another laptop of the war-room; its events reach this window as a sync would bring them. */
function laptop(deviceId: string) {
  let ids = 0;
  const log = new MemoryEventLog('default', deviceId, () => `${deviceId}-${(ids += 1)}`);
  return async (drafts: EventDraft[]): Promise<WarEvent[]> => {
    const events = log.write(drafts, Date.now());
    const result = await getEventStore().apply(events);
    if (!result.ok) throw new Error(result.error.code);
    return events;
  };
}

async function startedElsewhere(starter: string, requester = starter) {
  runs += 1;
  const write = laptop(`laptop-${runs}`);
  const [declared] = await write([
    {
      type: 'incident.declared',
      actor: starter,
      payload: { title: 'Shop down', severity: 'SEV1', kind: 'technical-failure' },
    },
  ]);
  const incidentId = declared!.id;
  const runId = `run-${runs}`;
  const runbook = JSON.parse(
    JSON.stringify(runbookSchema.parse(RUNBOOK)),
  ) as PayloadOf<'runbook.run-started'>['runbook'];
  const [started] = await write([
    {
      type: 'runbook.run-started',
      incidentId,
      actor: starter,
      payload: { runId, runbookId: 'restart-shop', version: 1, runbook },
    },
    {
      type: 'runbook.step-changed',
      incidentId,
      actor: requester,
      payload: { runId, stepId: 'restart', status: 'awaiting-approval' },
    },
  ]);
  return { incidentId, runId, started: started!, write };
}

function isDisabled(element: HTMLElement): boolean {
  return (element as HTMLButtonElement).disabled;
}

function step(): HTMLElement {
  return screen.getByTestId('run-step');
}

describe('approving a step of a checklist', () => {
  it('lets another person on another device approve, naming the exact start it approves', async () => {
    const { incidentId, runId, started } = await startedElsewhere('Alice');
    render(<Harness incidentId={incidentId} runId={runId} actor="Bob" />);
    const approve = await within(await screen.findByTestId('run-step')).findByTestId('step-approve');
    await waitFor(() => expect(isDisabled(approve)).toBe(false));
    fireEvent.click(approve);
    await waitFor(() => expect(within(step()).getByTestId('approved-by').textContent).toBe('Approved by Bob'));
    const events = await getEventStore().all();
    const approval = events.find(
      (event) => event.type === 'runbook.step-changed' && event.payload.runId === runId && event.actor === 'Bob',
    );
    expect(approval?.type === 'runbook.step-changed' && approval.payload).toMatchObject({
      status: 'approved',
      runHash: started.hash,
    });
    // Whoever approved does not also run it.
    expect(isDisabled(within(step()).getByTestId('step-run'))).toBe(true);
    expect(within(step()).getByTestId('approval-refused').dataset.refusal).toBe('approver-runs');
  });

  it('offers no approval to the person who started the run, and says why, in English and French', async () => {
    // Carol asked for the approval on Alice's laptop; Alice, elsewhere, still may not approve.
    const { incidentId, runId } = await startedElsewhere('Alice', 'Carol');
    render(<Harness incidentId={incidentId} runId={runId} actor="alice" />);
    const approve = await within(await screen.findByTestId('run-step')).findByTestId('step-approve');
    expect(isDisabled(approve)).toBe(true);
    expect(approve.dataset.blocked).toBe('approveStarter');
    expect(approve.textContent).toBe('You started this checklist: another person must approve');
    await act(() => setLocale('fr'));
    expect(approve.textContent).toBe('Vous avez démarré cette liste : une autre personne doit approuver');
  });

  it('offers no approval on the device that started the run, whoever is named in the window', async () => {
    await getEventStore().append([
      {
        type: 'incident.declared',
        actor: 'Alice',
        payload: { title: 'Here', severity: 'SEV2', kind: 'technical-failure' },
      },
    ]);
    const incidentId = (await getEventStore().all()).findLast((event) => event.type === 'incident.declared')!.id;
    const runbook = JSON.parse(
      JSON.stringify(runbookSchema.parse(RUNBOOK)),
    ) as PayloadOf<'runbook.run-started'>['runbook'];
    await getEventStore().append([
      {
        type: 'runbook.run-started',
        incidentId,
        actor: 'Alice',
        payload: { runId: 'run-here', runbookId: 'restart-shop', version: 1, runbook },
      },
      {
        type: 'runbook.step-changed',
        incidentId,
        actor: 'Alice',
        payload: { runId: 'run-here', stepId: 'restart', status: 'awaiting-approval' },
      },
    ]);
    // The device changes hands after it started the run: the next person at it still may not approve.
    const starter = (await getEventStore().person())?.name ?? '';
    const next = `${starter} (next shift)`;
    await getEventStore().changePerson(next);
    render(<Harness incidentId={incidentId} runId="run-here" actor={next} />);
    const approve = await within(await screen.findByTestId('run-step')).findByTestId('step-approve');
    await waitFor(() => expect(approve.dataset.blocked).toBe('approveStarterDevice'));
    expect(isDisabled(approve)).toBe(true);
  });

  it('asks for a new approval when the one in force names no start', async () => {
    const { incidentId, runId } = await startedElsewhere('Alice');
    await laptop('bob-old-laptop')([
      {
        type: 'runbook.step-changed',
        incidentId,
        actor: 'Bob',
        payload: { runId, stepId: 'restart', status: 'approved' },
      },
    ]);
    render(<Harness incidentId={incidentId} runId={runId} actor="Carol" />);
    const refused = await within(await screen.findByTestId('run-step')).findByTestId('approval-refused');
    expect(refused.dataset.refusal).toBe('legacy-approval');
    expect(within(step()).queryByTestId('step-run')).toBeNull();
    await waitFor(() => expect(isDisabled(within(step()).getByTestId('step-approve'))).toBe(false));
  });

  it('offers nothing that acts on a run two starts claim, and names both starters', async () => {
    const { incidentId, runId, started } = await startedElsewhere('Alice');
    await laptop('bob-laptop')([
      {
        type: 'runbook.step-changed',
        incidentId,
        actor: 'Bob',
        payload: { runId, stepId: 'restart', status: 'approved', runHash: started.hash },
      },
    ]);
    const runbook = JSON.parse(
      JSON.stringify(
        runbookSchema.parse({
          ...RUNBOOK,
          steps: [{ ...RUNBOOK.steps[0]!, command: { program: 'sh', args: ['-c', 'id'] } }],
        }),
      ),
    ) as PayloadOf<'runbook.run-started'>['runbook'];
    await laptop('mallory-laptop')([
      {
        type: 'runbook.run-started',
        incidentId,
        actor: 'Mallory',
        payload: { runId, runbookId: 'restart-shop', version: 1, runbook },
      },
    ]);
    render(<Harness incidentId={incidentId} runId={runId} actor="Carol" />);
    expect((await screen.findByTestId('run-contested')).textContent).toContain('Alice, Mallory');
    expect(within(step()).queryByTestId('step-run')).toBeNull();
    expect(within(step()).queryByTestId('step-approve')).toBeNull();
  });
});

describe('the confirmation of a step that acts', () => {
  const parsed = (input: RunbookInput['steps'][number]) =>
    runbookSchema.parse({ id: 'x', title: 'X', steps: [input] }).steps[0] as Extract<
      RunbookStep,
      { kind: 'command' | 'http' }
    >;

  it('shows every header of an HTTP call, with the values that carry credentials masked', () => {
    const step = parsed({
      id: 'flag',
      kind: 'http',
      title: 'Flag',
      http: {
        method: 'POST',
        url: 'https://flags.example/api',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc123', 'X-Api-Key': 'k-999' },
        secretHeaders: { 'X-Token': 'flags-token' },
      },
    });
    render(<CommandConfirm step={step} isDryRun={false} onConfirm={() => undefined} onCancel={() => undefined} />);
    const headers = screen.getAllByTestId('confirm-header');
    expect(headers.map((header) => [header.dataset.header, header.dataset.masked])).toEqual([
      ['Content-Type', 'false'],
      ['Authorization', 'true'],
      ['X-Api-Key', 'true'],
      ['X-Token', 'true'],
    ]);
    expect(headers[0]!.textContent).toBe('Content-Type: application/json');
    const text = screen.getByTestId('command-confirm').textContent ?? '';
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('k-999');
    expect(headers[3]!.textContent).toBe('X-Token: «flags-token»');
  });

  it('shows the whole environment of a command: what the host passes on, and the step’s own', () => {
    const step = parsed({
      id: 'deploy',
      kind: 'command',
      title: 'Deploy',
      command: { program: 'deploy', args: [], env: { DEPLOY_TARGET: 'blue' } },
    });
    render(<CommandConfirm step={step} isDryRun={false} onConfirm={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByTestId('confirm-env-host').textContent).toBe(
      'From this host: PATH, HOME, LANG, TZ. Nothing else of the host’s environment is passed on.',
    );
    expect(screen.getAllByTestId('confirm-env-var').map((pair) => pair.textContent)).toEqual(['DEPLOY_TARGET=blue']);
  });
});

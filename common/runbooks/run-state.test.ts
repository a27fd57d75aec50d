import { describe, expect, it } from 'vitest';
import { foldEvents } from '../domain/incidents';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { BUILT_INS, catalogOf, suggestRunbooks } from './catalog';
import { BUILT_IN_RUNBOOKS } from './library';
import { NO_RUNBOOK_DOCS } from './runbook-docs';
import { effectiveStatuses, runProgress } from './run-state';
import { localText, runbookSchema, type Runbook } from './runbook-schema';

let ids = 0;
function writer(deviceId: string, startMs = 1_000) {
  let head: ChainHead = EMPTY_HEAD;
  let now = startMs;
  const events: WarEvent[] = [];
  return {
    events,
    write(draft: EventDraft): WarEvent {
      const sealed = sealEvents(head, [draft], {
        workspace: 'default',
        deviceId,
        nowMs: (now += 1_000),
        newId: () => `${deviceId}-${(ids += 1)}`,
      });
      head = sealed.head;
      events.push(...sealed.events);
      return sealed.events[0]!;
    },
  };
}

const rollback = BUILT_INS.find((runbook) => runbook.id === 'bad-config-rollback')!;

function started(runbook: Runbook = rollback) {
  const log = writer('a');
  const incident = log.write({
    type: 'incident.declared',
    actor: 'Alice',
    payload: { title: 'Config push broke login', severity: 'SEV2', kind: 'human-error' },
  });
  const incidentId = incident.id;
  log.write({
    type: 'runbook.run-started',
    incidentId,
    actor: 'Alice',
    payload: { runId: 'run-1', runbookId: runbook.id, version: 0, runbook: JSON.parse(JSON.stringify(runbook)) },
  });
  const step = (
    actor: string,
    payload: Omit<Extract<EventDraft, { type: 'runbook.step-changed' }>['payload'], 'runId'>,
  ) => log.write({ type: 'runbook.step-changed', incidentId, actor, payload: { runId: 'run-1', ...payload } });
  const run = () => foldEvents(log.events).incidents.get(incidentId)!;
  return { log, incidentId, step, run };
}

describe('runbook runs in the fold', () => {
  it('starts a run from a snapshot and records each step change in the timeline', () => {
    const { step, run } = started();
    step('Alice', { stepId: 'freeze', status: 'done' });
    const incident = run();
    const current = incident.runs.get('run-1')!;
    expect(current.runbook?.steps).toHaveLength(rollback.steps.length);
    expect(runProgress(current)).toMatchObject({ finished: 1, total: rollback.steps.length });
    expect(runProgress(current).current?.id).toBe('timestamp');
    expect(
      incident.timeline
        .filter((entry) => entry.kind === 'runbook')
        .map((entry) => entry.kind === 'runbook' && entry.action),
    ).toEqual(['started', 'step']);
  });

  it('does not count an approval by the person who asked for it, and flags it', () => {
    const { log, incidentId, step } = started();
    step('Bob', { stepId: 'rollback', status: 'awaiting-approval' });
    // Approvals come from other devices than the one that started the run (see run-binding.test.ts).
    const others = writer('b', 60_000);
    const approve = (actor: string) =>
      others.write({
        type: 'runbook.step-changed',
        incidentId,
        actor,
        payload: { runId: 'run-1', stepId: 'rollback', status: 'approved' },
      });
    const incident = () => foldEvents([...log.events, ...others.events]).incidents.get(incidentId)!;
    approve('bob ');
    let state = incident().runs.get('run-1')!.steps.get('rollback')!;
    expect(state).toMatchObject({ status: 'awaiting-approval', requestedBy: 'Bob' });
    expect(incident().timeline.at(-1)).toMatchObject({ kind: 'runbook', flag: 'same-person' });
    approve('Carol');
    state = incident().runs.get('run-1')!.steps.get('rollback')!;
    expect(state).toMatchObject({
      status: 'approved',
      requestedBy: 'Bob',
      approval: { actor: 'Carol', deviceId: 'b' },
    });
  });

  it('keeps a step finished without approval, flagged: the record shows what happened', () => {
    const { step, run } = started();
    step('Bob', { stepId: 'rollback', status: 'running' });
    expect(run().runs.get('run-1')!.steps.get('rollback')!.status).toBe('running');
    expect(run().timeline.at(-1)).toMatchObject({ kind: 'runbook', flag: 'not-approved' });
  });

  it('skips the steps a decision jumps over, and keeps evidence on the step', () => {
    const { step, run } = started();
    step('Alice', { stepId: 'choose', status: 'done', branch: 'forward' });
    step('Alice', {
      stepId: 'timestamp',
      status: 'done',
      evidence: {
        kind: 'command',
        outcome: 'ok',
        program: 'date',
        args: ['-u'],
        exitCode: 0,
        durationMs: 3,
        outputBytes: 21,
        outputSha256: 'a'.repeat(64),
        output: '2025-06-04T10:00:00Z\n',
        isTruncated: false,
      },
    });
    const current = run().runs.get('run-1')!;
    const statuses = effectiveStatuses(current);
    expect(statuses.get('rollback')).toBe('skipped');
    expect(statuses.get('fix-forward')).toBe('pending');
    expect(current.steps.get('timestamp')?.evidence?.exitCode).toBe(0);
    const chose = run().timeline.find((entry) => entry.kind === 'runbook' && entry.stepId === 'choose');
    expect(chose).toMatchObject({ branch: { en: 'Fix forward (small, understood fix)' } });
  });

  it('shows a run from a newer version as unreadable rather than dropping it', () => {
    const { run } = started({ ...rollback, steps: [{ ...rollback.steps[0]!, kind: 'hologram' } as never] });
    const current = run().runs.get('run-1')!;
    expect(current.runbook).toBeUndefined();
    expect(localText(current.title, 'fr')).toBe('Mauvaise modification de configuration (retour arrière)');
  });

  it('versions workspace runbooks, and an edited copy replaces the built-in one', () => {
    const log = writer('a');
    const body = JSON.parse(JSON.stringify({ ...rollback, title: 'Our rollback' }));
    log.write({ type: 'doc.put', actor: 'Alice', payload: { collection: 'runbook', docId: rollback.id, body } });
    log.write({ type: 'doc.put', actor: 'Bob', payload: { collection: 'runbook', docId: rollback.id, body } });
    const { runbooks } = foldEvents(log.events);
    expect(runbooks.byId.get(rollback.id)).toMatchObject({ version: 2, updatedBy: 'Bob' });
    const entries = catalogOf(runbooks);
    expect(entries.filter((entry) => entry.runbook.id === rollback.id)).toEqual([
      expect.objectContaining({ source: 'workspace', overridesBuiltIn: true, version: 2 }),
    ]);
  });
});

describe('the built-in library', () => {
  it('parses, and every text has an English and a French version', () => {
    expect(BUILT_INS).toHaveLength(BUILT_IN_RUNBOOKS.length);
    const texts: unknown[] = [];
    const collect = (value: unknown, key = ''): void => {
      if (['title', 'summary', 'detail', 'label'].includes(key)) texts.push(value);
      else if (Array.isArray(value)) value.forEach((item) => collect(item));
      else if (typeof value === 'object' && value !== null)
        for (const [name, child] of Object.entries(value)) collect(child, name);
    };
    collect(BUILT_IN_RUNBOOKS);
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(text).toMatchObject({ en: expect.any(String), fr: expect.any(String) });
    for (const runbook of BUILT_IN_RUNBOOKS) expect(runbookSchema.safeParse(runbook).success).toBe(true);
  });

  it('suggests by impacted service first, then by type and title', () => {
    const entries = catalogOf(NO_RUNBOOK_DOCS);
    const title = (entry: (typeof entries)[number]) => localText(entry.runbook.title, 'en');
    const payment = suggestRunbooks(
      entries,
      { kind: 'technical-failure', services: ['payment'], title: 'Card payments fail' },
      title,
    );
    expect(payment.suggested[0]?.runbook.id).toBe('payment-outage');
    const config = suggestRunbooks(entries, { kind: 'human-error', services: [], title: 'Login broken' }, title);
    expect(config.suggested[0]?.runbook.id).toBe('bad-config-rollback');
    expect(config.others.length + config.suggested.length).toBe(entries.length);
  });
});

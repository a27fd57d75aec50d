// Every kind of timeline entry through the real panel (jsdom, i18next, the
// virtualised list's first rows): what changed, from what to what, by whom,
// and user text as text.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { foldEvents, type Incident } from '../../../common/domain/incidents';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../../../common/events/chain';
import { DEFAULT_WORKSPACE, type EventDraft, type WarEvent } from '../../../common/events/event';
import { setLocale } from '../../i18n';
import { TimelinePanel } from './TimelinePanel';

const T0 = Date.UTC(2025, 2, 12, 13, 0, 0);
const MIN = 60_000;
const HOSTILE = '<img src=x onerror=alert(1)>';

function incidentOf(drafts: ((incidentId: string) => EventDraft)[]): Incident {
  let head: ChainHead = EMPTY_HEAD;
  let counter = 0;
  const events: WarEvent[] = [];
  const write = (draft: EventDraft) => {
    const sealed = sealEvents(head, [draft], {
      workspace: DEFAULT_WORKSPACE,
      deviceId: 'laptop',
      nowMs: T0 + events.length * MIN,
      newId: () => `ev-${(counter += 1)}`,
    });
    head = sealed.head;
    events.push(...sealed.events);
    return sealed.events[0]!;
  };
  const declared = write({
    type: 'incident.declared',
    actor: 'Camille',
    payload: { title: 'Checkout down', severity: 'SEV2', kind: 'performance' },
  });
  for (const draft of drafts) write(draft(declared.id));
  return foldEvents(events).incidents.get(declared.id)!;
}

const INCIDENT = incidentOf([
  (incidentId) => ({
    type: 'incident.role-assigned',
    incidentId,
    actor: 'Camille',
    payload: { role: 'commander', person: { name: 'Camille' } },
  }),
  (incidentId) => ({
    type: 'incident.note-added',
    incidentId,
    actor: 'Camille',
    payload: { text: `First line\n${HOSTILE}`, kind: 'decision' },
  }),
  (incidentId) => ({
    type: 'incident.updated',
    incidentId,
    actor: 'Bob',
    payload: { services: ['checkout', 'search'] },
  }),
  (incidentId) => ({ type: 'incident.status-changed', incidentId, actor: 'Bob', payload: { status: 'identified' } }),
  (incidentId) => ({ type: 'incident.severity-changed', incidentId, actor: 'Bob', payload: { severity: 'SEV1' } }),
  (incidentId) => ({
    type: 'incident.key-time-corrected',
    incidentId,
    actor: 'Dana',
    payload: { key: 'detected', at: T0 - 5 * MIN, reason: 'The pager fired earlier' },
  }),
  (incidentId) => ({
    type: 'incident.role-handed-over',
    incidentId,
    actor: 'Camille',
    payload: {
      role: 'commander',
      to: { name: 'Dana' },
      briefing: { conditions: 'Stable on backup', actions: 'Rollback ready', needs: 'A DBA' },
    },
  }),
  (incidentId) => ({
    type: 'incident.role-released',
    incidentId,
    actor: 'Dana',
    payload: { role: 'commander', note: 'Shift over' },
  }),
]);

afterEach(async () => {
  cleanup();
  await act(() => setLocale('en'));
});

function rows(): HTMLElement[] {
  return screen.getAllByTestId('timeline-entry');
}

describe('TimelinePanel', () => {
  it('shows every kind of entry, newest first, each saying what changed', () => {
    render(<TimelinePanel incident={INCIDENT} actor="Alice" now={T0 + 60 * MIN} />);
    expect(rows().map((row) => row.dataset.kind)).toEqual([
      'role',
      'role',
      'key-time',
      'severity',
      'status',
      'updated',
      'note',
      'role',
      'declared',
    ]);
    const [released, handedOver, keyTime, severity, status, updated, note, assigned, declared] = rows() as [
      HTMLElement,
      ...HTMLElement[],
    ];
    expect(declared!.textContent).toContain('declared the incident: SEV2, Performance.');
    expect(declared!.textContent).toContain('Checkout down');
    expect(assigned!.textContent).toContain('assigned Incident commander to Camille.');
    expect(within(note!).getByTestId('note-kind').textContent).toBe('Decision');
    expect(within(note!).getByTestId('note-text').textContent).toBe(`First line\n${HOSTILE}`);
    expect(note!.textContent).toContain('Incident commander');
    expect(updated!.textContent).toContain('changed the impacted services to checkout, search.');
    expect(status!.textContent).toContain('moved the incident from Investigating to Identified.');
    expect(severity!.textContent).toContain('changed the severity from SEV2 to SEV1.');
    expect(keyTime!.textContent).toMatch(/corrected the key time “Detected” from .+ to .+\./);
    expect(keyTime!.textContent).toContain('Reason: The pager fired earlier');
    expect(handedOver!.textContent).toContain('handed over Incident commander from Camille to Dana.');
    const briefing = within(handedOver!).getByTestId('briefing');
    expect(briefing.textContent).toContain('SituationStable on backup');
    expect(briefing.textContent).toContain('Actions under wayRollback ready');
    expect(briefing.textContent).toContain('NeedsA DBA');
    expect(released!.textContent).toContain('released Incident commander (held by Dana).');
    expect(released!.textContent).toContain('Note: Shift over');
    expect(document.querySelector('[data-testid="timeline"] img')).toBeNull();
  });

  it('filters by kind and words, and says how many entries show', () => {
    render(<TimelinePanel incident={INCIDENT} actor="Alice" now={T0 + 60 * MIN} />);
    fireEvent.click(screen.getByTestId('timeline-filter-kind-role'));
    expect(rows().map((row) => row.dataset.kind)).toEqual(['role', 'role', 'role']);
    expect(screen.getByTestId('timeline-count').textContent).toBe('3 of 9 entries');
    fireEvent.click(screen.getByTestId('timeline-filter-clear'));
    fireEvent.change(screen.getByTestId('timeline-search'), { target: { value: 'PAGER' } });
    expect(rows().map((row) => row.dataset.kind)).toEqual(['key-time']);
  });

  it('speaks French', async () => {
    await act(() => setLocale('fr'));
    render(<TimelinePanel incident={INCIDENT} actor="Alice" now={T0 + 60 * MIN} />);
    const [released, handedOver] = rows();
    expect(released!.textContent).toContain('a libéré le rôle Responsable de l’incident (tenu par Dana).');
    expect(within(handedOver!).getByTestId('briefing').textContent).toContain('Actions en cours');
    expect(screen.getByTestId('timeline-count').textContent).toBe('9 entrées');
  });
});

// The role board against the real event store (fake IndexedDB) and i18next.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../app/commands';
import { getEventStore, getProjection, useWarRoomState } from '../../db';
import { setLocale } from '../../i18n';
import { RoleBoard } from './RoleBoard';

function Harness({ incidentId }: { incidentId: string }) {
  const state = useWarRoomState(getProjection());
  const incident = state?.incidents.get(incidentId);
  if (!state || !incident) return null;
  return <RoleBoard incident={incident} docs={state.docs} actor="Camille" />;
}

async function declare(title: string): Promise<string> {
  const [declared] = await getEventStore().append([
    { type: 'incident.declared', actor: 'Camille', payload: { title, severity: 'SEV1', kind: 'technical-failure' } },
  ]);
  return declared!.id;
}

function row(role: string): HTMLElement {
  const found = screen.getAllByTestId('role-row').find((element) => element.dataset.role === role);
  if (!found) throw new Error(`no row for ${role}`);
  return found;
}

afterEach(async () => {
  cleanup();
  await act(() => setLocale('en'));
});

describe('the role board', () => {
  it('assigns the commander by typing a name, and the vacancy warning names only what is left', async () => {
    const incidentId = await declare('Checkout fails');
    render(<Harness incidentId={incidentId} />);
    expect((await screen.findByTestId('role-vacancy-warning')).textContent).toContain(
      'Nobody holds: Incident commander and Communications lead.',
    );
    fireEvent.click(within(row('commander')).getByTestId('role-assign'));
    fireEvent.change(screen.getByTestId('assign-person'), { target: { value: 'Alice Martin' } });
    fireEvent.click(screen.getByTestId('assign-submit'));
    await waitFor(() => expect(within(row('commander')).getByTestId('role-holder').textContent).toBe('Alice Martin'));
    expect(within(row('commander')).getByTestId('role-by').textContent).toBe('Camille');
    expect(screen.getByTestId('role-vacancy-warning').textContent).toBe('⚠ Nobody holds: Communications lead.');
  });

  it('refuses a handover without a briefing, says what is missing, and writes nothing', async () => {
    const incidentId = await declare('Stores offline');
    await getEventStore().append([
      {
        type: 'incident.role-assigned',
        incidentId,
        actor: 'Camille',
        payload: { role: 'commander', person: { name: 'Alice' } },
      },
    ]);
    render(<Harness incidentId={incidentId} />);
    await waitFor(() => expect(within(row('commander')).getByTestId('role-holder').textContent).toBe('Alice'));
    const before = (await getEventStore().all()).length;

    fireEvent.click(within(row('commander')).getByTestId('role-handover'));
    fireEvent.click(screen.getByTestId('handover-submit'));
    expect(screen.getByTestId('handover-error-to').textContent).toBe('Say who takes the role over.');
    expect(screen.getByTestId('handover-error-conditions').textContent).toBe('Describe the current conditions.');
    expect(screen.getByTestId('handover-error-actions').textContent).toBe('List the actions under way, even if none.');
    expect(screen.getByTestId('handover-error-needs').textContent).toBe('Say what the role needs next.');
    expect(screen.getByTestId('handover-errors').textContent).toBe(
      '4 fields need attention before the handover is recorded.',
    );
    expect(document.activeElement).toBe(screen.getByTestId('handover-to'));

    // Blank text is no briefing either, and handing over to the holder is refused.
    fireEvent.change(screen.getByTestId('handover-to'), { target: { value: ' alice ' } });
    fireEvent.change(screen.getByTestId('briefing-conditions'), { target: { value: 'Checkout down' } });
    fireEvent.change(screen.getByTestId('briefing-actions'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('handover-submit'));
    expect(screen.getByTestId('handover-error-to').textContent).toBe(
      'Alice already holds this role: hand it over to someone else.',
    );
    expect(screen.queryByTestId('handover-error-conditions')).toBeNull();
    expect(screen.getByTestId('handover-error-actions')).toBeTruthy();
    expect(screen.getByTestId('briefing-actions').getAttribute('aria-invalid')).toBe('true');

    // Validation refuses before any write starts, so the log is already final here.
    expect((await getEventStore().all()).length).toBe(before);
    expect(within(row('commander')).getByTestId('role-holder').textContent).toBe('Alice');

    fireEvent.change(screen.getByTestId('handover-to'), { target: { value: 'Bob' } });
    fireEvent.change(screen.getByTestId('briefing-actions'), { target: { value: 'Rolling back 4.2' } });
    fireEvent.change(screen.getByTestId('briefing-needs'), { target: { value: 'A decision on refunds' } });
    fireEvent.click(screen.getByTestId('handover-submit'));
    await waitFor(() => expect(within(row('commander')).getByTestId('role-holder').textContent).toBe('Bob'));
    const events = await getEventStore().all();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)?.payload).toEqual({
      role: 'commander',
      to: { name: 'Bob' },
      briefing: { conditions: 'Checkout down', actions: 'Rolling back 4.2', needs: 'A decision on refunds' },
    });
    expect(screen.queryByTestId('handover-form')).toBeNull();
  });

  it('opens and focuses the assign form of a role when asked by command', async () => {
    const incidentId = await declare('Search is slow');
    render(<Harness incidentId={incidentId} />);
    await screen.findByTestId('role-board');
    act(() => sendCommand('assignRole', { role: 'scribe' }));
    const form = await screen.findByTestId('assign-form');
    expect(form.textContent).toContain('Assign Scribe');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('assign-person')));
  });

  it('picks someone from the directory and flags one person holding three roles', async () => {
    const incidentId = await declare('Payments degraded');
    await getEventStore().append([
      {
        type: 'doc.put',
        actor: 'Camille',
        payload: { collection: 'person', docId: 'p1', body: { name: 'Bob Durand', team: 'Stores' } },
      },
      {
        type: 'incident.role-assigned',
        incidentId,
        actor: 'Camille',
        payload: { role: 'scribe', person: { id: 'p1', name: 'Bob Durand' } },
      },
      {
        type: 'incident.role-assigned',
        incidentId,
        actor: 'Camille',
        payload: { role: 'operations', person: { name: 'bob durand' } },
      },
    ]);
    render(<Harness incidentId={incidentId} />);
    await waitFor(() => expect(within(row('scribe')).getByTestId('role-holder')).toBeTruthy());
    expect(screen.queryByTestId('role-overload-warning')).toBeNull();

    fireEvent.click(within(row('commander')).getByTestId('role-assign'));
    fireEvent.change(screen.getByTestId('assign-person'), { target: { value: 'stores' } });
    const option = screen.getByTestId('person-option');
    expect(option.textContent).toContain('holds 2 roles here');
    fireEvent.mouseDown(option);
    expect(screen.getByTestId('assign-person-status').textContent).toBe('From the directory · Stores');
    fireEvent.click(screen.getByTestId('assign-submit'));
    expect((await screen.findByTestId('role-overload-warning')).textContent).toContain(
      'Bob Durand holds 3 roles (Incident commander, Scribe, and Operations lead)',
    );
    expect(screen.getAllByTestId('role-overload')).toHaveLength(3);
  });

  it('speaks French', async () => {
    await act(() => setLocale('fr'));
    const incidentId = await declare('Le site est lent');
    render(<Harness incidentId={incidentId} />);
    expect((await screen.findByTestId('role-vacancy-warning')).textContent).toContain(
      'Personne n’occupe : Responsable de l’incident et Responsable communication.',
    );
    expect(within(row('commander')).getByTestId('role-assign').textContent).toBe('Attribuer');
  });
});

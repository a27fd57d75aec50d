// The people directory against the real event store (fake IndexedDB) and i18next.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getEventStore, getProjection, useWarRoomState } from '../../db';
import { PeopleView } from './PeopleView';

function Harness() {
  const state = useWarRoomState(getProjection());
  return state ? <PeopleView docs={state.docs} actor="Camille" /> : null;
}

afterEach(cleanup);

describe('the people directory', () => {
  it('shows every bad field at once and writes nothing, then adds the person', async () => {
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('person-add'));
    const before = (await getEventStore().all()).length;
    fireEvent.change(screen.getByTestId('person-contact'), { target: { value: 'x'.repeat(201) } });
    fireEvent.click(screen.getByTestId('person-submit'));
    expect(screen.getByTestId('person-error-name').textContent).toBe('Give the person’s name.');
    expect(screen.getByTestId('person-error-contact').textContent).toBe('At most 200 characters.');
    expect(document.activeElement).toBe(screen.getByTestId('person-name'));
    expect((await getEventStore().all()).length).toBe(before);

    fireEvent.change(screen.getByTestId('person-name'), { target: { value: 'Alice Martin' } });
    fireEvent.change(screen.getByTestId('person-contact'), { target: { value: 'alice@example.org' } });
    fireEvent.change(screen.getByTestId('person-skills'), { target: { value: 'PostgreSQL, payments, postgresql' } });
    fireEvent.click(screen.getByTestId('person-submit'));
    const row = await screen.findByTestId('person-row');
    expect(within(row).getByTestId('person-row-name').textContent).toBe('Alice Martin');
    expect(within(row).getByTestId('person-row-skills').textContent).toBe('PostgreSQLpayments');
  });

  it('lists the roles a person holds on open incidents, with links, and not on closed ones', async () => {
    const store = getEventStore();
    const [open, closed] = await store.append([
      {
        type: 'incident.declared',
        actor: 'C',
        payload: { title: 'Checkout down', severity: 'SEV1', kind: 'security' },
      },
      { type: 'incident.declared', actor: 'C', payload: { title: 'Old outage', severity: 'SEV3', kind: 'security' } },
      { type: 'doc.put', actor: 'C', payload: { collection: 'person', docId: 'p-bob', body: { name: 'Bob Durand' } } },
    ]);
    await store.append([
      {
        type: 'incident.role-assigned',
        incidentId: open!.id,
        actor: 'C',
        payload: { role: 'scribe', person: { id: 'p-bob', name: 'Bob Durand' } },
      },
      {
        type: 'incident.role-assigned',
        incidentId: closed!.id,
        actor: 'C',
        payload: { role: 'commander', person: { name: 'Bob Durand' } },
      },
      { type: 'incident.status-changed', incidentId: closed!.id, actor: 'C', payload: { status: 'closed' } },
    ]);
    render(<Harness />);
    fireEvent.change(await screen.findByTestId('people-search'), { target: { value: 'bob' } });
    await waitFor(() => expect(screen.getAllByTestId('person-row')).toHaveLength(1));
    // The roles arrive with the second write, which the window may fold a moment later.
    const links = await screen.findAllByTestId('person-role-link');
    expect(links.map((link) => link.textContent)).toEqual(['Scribe · Checkout down']);
    expect(links[0]!.getAttribute('href')).toBe(`#/incidents/${open!.id}`);
  });
});

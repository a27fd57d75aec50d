// The first slice through real components, a real (in-memory) IndexedDB and i18next.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getEventStore, getProjection, useWarRoomState } from '../../db';
import { setLocale } from '../../i18n';
import { Dashboard } from '../dashboard/Dashboard';
import { IncidentView } from './IncidentView';

function Harness() {
  const state = useWarRoomState(getProjection());
  const [openId, setOpenId] = useState<string | null>(null);
  if (!state) return null;
  return openId ? (
    <IncidentView state={state} incidentId={openId} actor="Alice" onBack={() => setOpenId(null)} />
  ) : (
    <Dashboard state={state} actor="Alice" onOpen={setOpenId} />
  );
}

afterEach(async () => {
  cleanup();
  await act(() => setLocale('en'));
});

describe('declaring an incident and adding notes', () => {
  it('declares, opens the incident and shows a hostile note as text', async () => {
    const { container } = render(<Harness />);
    fireEvent.click(await screen.findByTestId('declare-open'));
    fireEvent.change(screen.getByTestId('declare-title'), { target: { value: 'Payment page returns 500' } });
    fireEvent.click(screen.getByTestId('declare-severity-SEV1'));
    fireEvent.change(screen.getByTestId('declare-kind'), { target: { value: 'security' } });
    fireEvent.click(screen.getByTestId('declare-submit'));

    expect(await screen.findByTestId('incident-title')).toHaveProperty('textContent', 'Payment page returns 500');
    expect(screen.getByTestId('severity').textContent).toBe('SEV1');
    expect(screen.getByTestId('timeline').textContent).toContain('declared the incident: SEV1, Security.');

    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    fireEvent.change(screen.getByTestId('note-input'), { target: { value: hostile } });
    fireEvent.keyDown(screen.getByTestId('note-input'), { key: 'Enter', ctrlKey: true });

    await waitFor(() => expect(screen.getAllByTestId('note-text')).toHaveLength(1));
    expect(screen.getByTestId('note-text').textContent).toBe(hostile);
    expect(container.querySelector('img, script')).toBeNull();
    expect((screen.getByTestId('note-input') as HTMLTextAreaElement).value).toBe('');

    fireEvent.click(screen.getByTestId('back-to-list'));
    expect((await screen.findAllByTestId('incident-row')).length).toBeGreaterThan(0);
  });

  it('tells the user what is missing instead of declaring an empty incident', async () => {
    render(<Harness />);
    const before = (await getEventStore().all()).length;
    fireEvent.click(await screen.findByTestId('declare-open'));
    fireEvent.click(screen.getByTestId('declare-submit'));
    expect((await screen.findByTestId('declare-error')).textContent).toBe('Say in a few words what is happening.');
    expect((await getEventStore().all()).length).toBe(before);
  });

  it('speaks French when asked', async () => {
    await act(() => setLocale('fr'));
    render(<Harness />);
    expect((await screen.findByTestId('declare-open')).textContent).toBe('Déclarer un incident');
  });
});

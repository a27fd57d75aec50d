// The incident's comms panel and composer in jsdom: a countdown per audience,
// the overdue alert, the live preview with the empty variables named, and
// hostile text shown as text, in English and French.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foldEvents, type WarRoomState } from '../../../common/domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../../../common/events/chain';
import { DEFAULT_WORKSPACE } from '../../../common/events/event';
import { setLocale } from '../../i18n';
import { IncidentComms } from './IncidentComms';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const MIN = 60_000;
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(1)</script>';

function stateOf(): { state: WarRoomState; id: string } {
  const { events } = sealEvents(
    EMPTY_HEAD,
    [
      {
        type: 'incident.declared',
        actor: 'Camille',
        payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure', services: ['Web shop'] },
      },
    ],
    { workspace: DEFAULT_WORKSPACE, deviceId: 'laptop', nowMs: T0, newId: () => 'inc-1' },
  );
  return { state: foldEvents(events), id: 'inc-1' };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
});
afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await act(() => setLocale('en'));
});

function show(now: number) {
  vi.setSystemTime(now);
  const { state, id } = stateOf();
  render(<IncidentComms state={state} incident={state.incidents.get(id)!} actor="Camille" />);
}

describe('the comms panel', () => {
  it('counts down per audience and raises the alarm once one is overdue', async () => {
    await act(() => setLocale('en'));
    show(T0 + MIN);
    expect(screen.getByTestId('comms-due-status-page').textContent).toContain('Status page in 4:00');
    expect(screen.getByTestId('comms-due-executives').textContent).toContain('Executives in 9:00');
    expect(screen.queryByTestId('comms-overdue')).toBeNull();
    cleanup();
    show(T0 + 6 * MIN);
    expect(screen.getByTestId('comms-due-status-page').dataset.state).toBe('overdue');
    expect(screen.getByTestId('comms-overdue').textContent).toBe(
      'Overdue: a message was due for Status page, Internal staff.',
    );
  });

  it('previews a template filled from the incident, names the empty variables, and shows hostile text as text', async () => {
    await act(() => setLocale('en'));
    show(T0 + MIN);
    fireEvent.click(screen.getByTestId('comms-due-customers'));
    const preview = screen.getByTestId('composer-preview');
    expect(preview.textContent).toContain('Service disruption: Web shop');
    expect(screen.getByTestId('composer-empty').textContent).toBe('2 variables are empty: Impact, Workaround');
    fireEvent.change(screen.getByTestId('composer-var-impact'), { target: { value: HOSTILE } });
    expect(preview.textContent).toContain(HOSTILE);
    expect(preview.querySelector('img, script')).toBeNull();
    expect(screen.getByTestId('composer-empty').textContent).toBe('1 variable is empty: Workaround');
  });

  it('speaks French, with the French template for the audience', async () => {
    await act(() => setLocale('fr'));
    show(T0 + MIN);
    expect(screen.getByTestId('comms-due-internal').textContent).toContain('Équipes internes dans 4:00');
    fireEvent.click(screen.getByTestId('comms-due-internal'));
    expect(screen.getByTestId('composer-preview').textContent).toContain('Touché : Web shop depuis le');
    expect(screen.getByTestId('composer-empty').textContent).toContain('variables sont vides');
  });
});

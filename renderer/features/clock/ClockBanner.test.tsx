// The clock band in both languages, from the host's sync status.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../common/bridge/contract';
import { setLocale } from '../../i18n';
import { useUiStore } from '../../store/ui-store';
import { ClockBanner } from './ClockBanner';

const MINUTE = 60_000;

function status(patch: Partial<SyncStatus>): SyncStatus {
  return {
    state: 'refused',
    hubUrl: 'https://hub.example',
    workspace: 'default',
    waiting: 3,
    lastSyncedAt: null,
    error: 'clock-ahead: laptop #4: its clock says …',
    clockOffsetMs: null,
    isClockOff: true,
    ...patch,
  };
}

async function shown(locale: 'en' | 'fr', patch: Partial<SyncStatus>): Promise<HTMLElement | null> {
  await setLocale(locale);
  render(<ClockBanner status={status(patch)} />);
  return screen.queryByRole('alert');
}

afterEach(async () => {
  cleanup();
  useUiStore.setState({ access: null });
  await setLocale('en');
});

describe('the clock banner', () => {
  it('says how far ahead this computer’s clock is, in English and in French', async () => {
    // Refused by the hub as ahead: a clock within the bound can seal events beyond it (its
    // hybrid clock drawn ahead by a teammate's), and is still the one to fix.
    const patch = { clockOffsetMs: 3 * MINUTE + 20_000 + 1_234 };
    expect((await shown('en', patch))?.textContent).toBe(
      'This computer’s clock is 3 min 20 s ahead: fix it, your events are held back until then.' +
        'Turn on automatic date and time in the system settings.',
    );
    cleanup();
    expect(screen.queryByRole('alert')).toBeNull();
    expect((await shown('fr', patch))?.textContent).toBe(
      'L’horloge de cet ordinateur avance de 3 min 20 s : corrigez-la, vos événements sont retenus d’ici là.' +
        'Activez la date et l’heure automatiques dans les réglages du système.',
    );
  });

  it('says how far behind, in English and in French', async () => {
    const patch = { state: 'online' as const, error: null, clockOffsetMs: -2 * 60 * MINUTE + 900 };
    expect((await shown('en', patch))?.querySelector('strong')?.textContent).toBe(
      'This computer’s clock is 2 h behind: fix it, the team’s latest events are held back until then.',
    );
    cleanup();
    expect((await shown('fr', patch))?.querySelector('strong')?.textContent).toBe(
      'L’horloge de cet ordinateur retarde de 2 h : corrigez-la, les derniers événements de l’équipe sont retenus d’ici là.',
    );
  });

  it('says so before anything is refused, once the clock is beyond the bound', async () => {
    const banner = await shown('en', { state: 'online', error: null, waiting: 0, clockOffsetMs: 10 * MINUTE + 2_000 });
    expect(banner?.dataset.direction).toBe('ahead');
    expect(banner?.querySelector('strong')?.textContent).toBe(
      'This computer’s clock is 10 min ahead: fix it, your events are held back until then.',
    );
  });

  it('on a refusal with no offset beyond the bound, says events wait for their time', async () => {
    const banner = await shown('en', { clockOffsetMs: 20_000 });
    expect(banner?.dataset.direction).toBe('refused');
    expect(banner?.textContent).toContain('they wait here until their time comes');
    cleanup();
    expect((await shown('fr', { clockOffsetMs: null }))?.textContent).toContain('attendent ici que leur heure vienne');
  });

  it('names the laptop’s clock, not theirs, in a teammate’s browser', async () => {
    useUiStore.setState({ access: { isAtLaptop: false, laptopOnly: [] } });
    const banner = await shown('en', { clockOffsetMs: 10 * MINUTE });
    expect(banner?.textContent).toBe(
      'The clock of the laptop hosting this war-room is 10 min ahead: until it is fixed, the events written here are held back.',
    );
  });

  it('is not there while the clock is right, or without a hub', async () => {
    expect(await shown('en', { state: 'online', isClockOff: false, clockOffsetMs: 4 * MINUTE })).toBeNull();
    expect(await shown('en', { state: 'disabled', isClockOff: true, clockOffsetMs: 10 * MINUTE })).toBeNull();
    render(<ClockBanner status={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

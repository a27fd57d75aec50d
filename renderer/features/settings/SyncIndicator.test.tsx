// Why the hub refused a sync, worded in the window's language from the host's code.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../common/bridge/contract';
import { setLocale } from '../../i18n';
import { SyncIndicator } from './SyncIndicator';

const refused: SyncStatus = {
  state: 'refused',
  hubUrl: 'https://hub.example',
  workspace: 'default',
  waiting: 2,
  lastSyncedAt: null,
  error: 'wrong-device-key: laptop-a #7 is not signed by the key laptop-a enrolled with',
  refusal: 'wrong-device-key',
  clockOffsetMs: null,
  isClockOff: false,
};

afterEach(async () => {
  cleanup();
  await setLocale('en');
});

describe('the sync indicator of a refused sync', () => {
  it('says why in English and in French, before the hub’s own sentence', async () => {
    await setLocale('en');
    render(<SyncIndicator status={refused} />);
    expect(screen.getByTestId('sync-status').title).toBe(
      'Hub refused the sync: an event is signed by another key than the one its device enrolled with.\n' +
        'wrong-device-key: laptop-a #7 is not signed by the key laptop-a enrolled with',
    );
    cleanup();
    await setLocale('fr');
    render(<SyncIndicator status={refused} />);
    expect(screen.getByTestId('sync-status').title).toMatch(
      /^Le hub a refusé la synchronisation : un événement est signé par une autre clé que celle avec laquelle son appareil s’est enrôlé\.\n/,
    );
  });
});

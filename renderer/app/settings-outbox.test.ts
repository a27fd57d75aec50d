// The person's choices reach the host even when it could not take them at first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../common/bridge/contract';
import { fail, ok, type Result } from '../../common/bridge/result';
import { hostStatus } from '../../test/support/host-status';
import { createSettingsOutbox, SETTINGS_RESEND_MS } from './settings-outbox';

/**
 * A host holding settings, that saves each `settings:update` it is sent unless
 * `isDown`; its answers take `delayMs` and its status is set by the tests.
 */
function settingsHost(delayMs = 0) {
  const host = {
    ...hostStatus('online'),
    saved: { locale: null, displayName: 'Camille' } as Settings,
    sent: [] as Partial<Settings>[],
    isDown: false,
    /** LAN mode, as a teammate's browser: the host never takes the laptop owner's settings from it. */
    isForbidden: false,
    call: vi.fn(async (_channel: string, patch: Partial<Settings>): Promise<Result<Settings>> => {
      host.sent.push(patch);
      const isDown = host.isDown;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (isDown) return fail('unavailable', 'settings:update: no answer from the host');
      if (host.isForbidden) return fail('forbidden', 'settings-laptop-only');
      host.saved = { ...host.saved, ...patch };
      return ok(host.saved);
    }),
  };
  return host;
}

/** What an outbox told its window: saved settings, and whether changes wait. */
function heard() {
  const saved: Settings[] = [];
  const pending: boolean[] = [];
  return {
    saved,
    isPending: () => pending.at(-1) ?? false,
    listeners: { onSaved: (settings: Settings) => saved.push(settings), onPending: (is: boolean) => pending.push(is) },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('settings the host could not take at once', () => {
  it('saves a change at once when the host answers', async () => {
    const host = settingsHost();
    const seen = heard();
    const outbox = createSettingsOutbox(host as never, seen.listeners);
    outbox.save({ locale: 'fr' });
    await vi.advanceTimersByTimeAsync(0);
    expect(host.sent).toEqual([{ locale: 'fr' }]);
    expect(seen.saved).toEqual([{ locale: 'fr', displayName: 'Camille' }]);
    expect(seen.isPending()).toBe(false);
  });

  it('keeps a change the host missed and sends it again until it is saved', async () => {
    const host = settingsHost();
    host.isDown = true;
    const seen = heard();
    const outbox = createSettingsOutbox(host as never, seen.listeners);
    outbox.save({ locale: 'fr' });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.isPending()).toBe(true);
    await vi.advanceTimersByTimeAsync(SETTINGS_RESEND_MS * 3);
    expect(host.sent.length).toBeGreaterThanOrEqual(3);
    expect(host.saved.locale).toBeNull();
    expect(seen.saved).toEqual([]);
    host.isDown = false;
    await vi.advanceTimersByTimeAsync(SETTINGS_RESEND_MS * 2);
    expect(host.saved.locale).toBe('fr');
    expect(seen.saved).toEqual([{ locale: 'fr', displayName: 'Camille' }]);
    expect(seen.isPending()).toBe(false);
    // Saved: nothing more is sent.
    const sent = host.sent.length;
    await vi.advanceTimersByTimeAsync(SETTINGS_RESEND_MS * 5);
    expect(host.sent).toHaveLength(sent);
  });

  it('asks once a host that forbids the change, and keeps nothing waiting', async () => {
    const host = settingsHost();
    host.isForbidden = true;
    const seen = heard();
    const outbox = createSettingsOutbox(host as never, seen.listeners);
    outbox.save({ locale: 'fr' });
    await vi.advanceTimersByTimeAsync(SETTINGS_RESEND_MS * 5);
    host.setStatus('online');
    await vi.advanceTimersByTimeAsync(SETTINGS_RESEND_MS * 5);
    expect(host.sent).toEqual([{ locale: 'fr' }]);
    expect(host.saved.locale).toBeNull();
    expect(seen.saved).toEqual([]);
    expect(seen.isPending()).toBe(false);
    outbox.stop();
  });

  it('sends at once when the host comes back online', async () => {
    const host = settingsHost();
    host.isDown = true;
    const outbox = createSettingsOutbox(host as never, heard().listeners);
    outbox.save({ displayName: 'Élodie' });
    await vi.advanceTimersByTimeAsync(0);
    host.isDown = false;
    host.setStatus('offline');
    host.setStatus('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(host.saved.displayName).toBe('Élodie');
    expect(host.sent).toHaveLength(2);
    // The resend the failure had planned finds nothing left to send.
    await vi.advanceTimersByTimeAsync(SETTINGS_RESEND_MS * 3);
    expect(host.sent).toHaveLength(2);
  });

  it('sends a change made while another was on its way, and the latest choice wins', async () => {
    const host = settingsHost(100);
    const seen = heard();
    const outbox = createSettingsOutbox(host as never, seen.listeners);
    outbox.save({ locale: 'fr' });
    await vi.advanceTimersByTimeAsync(10);
    outbox.save({ locale: 'en' });
    outbox.save({ displayName: 'Bob' });
    await vi.advanceTimersByTimeAsync(500);
    expect(host.sent).toEqual([{ locale: 'fr' }, { locale: 'en', displayName: 'Bob' }]);
    expect(host.saved).toEqual({ locale: 'en', displayName: 'Bob' });
    // Heard once the host holds every change, never with the intermediate French.
    expect(seen.saved).toEqual([{ locale: 'en', displayName: 'Bob' }]);
  });

  it('stops sending when stopped', async () => {
    const host = settingsHost();
    host.isDown = true;
    const outbox = createSettingsOutbox(host as never, heard().listeners);
    outbox.save({ locale: 'fr' });
    await vi.advanceTimersByTimeAsync(0);
    outbox.stop();
    host.isDown = false;
    host.setStatus('online');
    await vi.advanceTimersByTimeAsync(SETTINGS_RESEND_MS * 3);
    expect(host.sent).toHaveLength(1);
    expect(host.listening()).toBe(0);
  });
});

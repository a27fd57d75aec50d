// The window takes the host's settings late, whatever the host's first answers were.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../common/bridge/contract';
import { fail, ok, type Result } from '../../common/bridge/result';
import { hostStatus } from '../../test/support/host-status';
import { catchUpSettings, SETTINGS_RETRY_MS } from './catch-up-settings';

const FRENCH: Settings = { locale: 'fr', displayName: 'Camille' };

/** A host that answers `settings:get` with the next scripted result, and whose status tests set. */
function scriptedHost(answers: Result<Settings>[]) {
  const host = {
    ...hostStatus('connecting'),
    asked: 0,
    call: vi.fn(async () => {
      host.asked += 1;
      return answers.shift() ?? fail('unavailable', 'no answer scripted');
    }),
  };
  return host;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('settings a slow host did not give at startup', () => {
  it('asks again after each failed try while online, and takes the first answer', async () => {
    const host = scriptedHost([
      fail('unavailable', 'settings:get: no answer from the host'),
      fail('unavailable', 'x'),
      ok(FRENCH),
    ]);
    const taken: Settings[] = [];
    catchUpSettings(host as never, (settings) => taken.push(settings));
    expect(host.asked).toBe(0);
    host.setStatus('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(host.asked).toBe(1);
    await vi.advanceTimersByTimeAsync(SETTINGS_RETRY_MS);
    expect(host.asked).toBe(2);
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(SETTINGS_RETRY_MS);
    expect(taken).toEqual([FRENCH]);
    // Done: no more questions, no more listening, whatever the host does next.
    host.setStatus('offline');
    host.setStatus('online');
    await vi.advanceTimersByTimeAsync(SETTINGS_RETRY_MS * 5);
    expect(host.asked).toBe(3);
    expect(host.listening()).toBe(0);
    expect(taken).toEqual([FRENCH]);
  });

  it('asks at once when the host is already online, and again when it comes back', async () => {
    const host = scriptedHost([fail('unavailable', 'the host connection closed'), ok(FRENCH)]);
    host.setStatus('online');
    const taken: Settings[] = [];
    catchUpSettings(host as never, (settings) => taken.push(settings));
    await vi.advanceTimersByTimeAsync(0);
    expect(host.asked).toBe(1);
    host.setStatus('offline');
    host.setStatus('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(taken).toEqual([FRENCH]);
    // The retry the failure had planned is cancelled with the rest.
    await vi.advanceTimersByTimeAsync(SETTINGS_RETRY_MS * 3);
    expect(host.asked).toBe(2);
  });

  it('stops asking when stopped', async () => {
    const host = scriptedHost([fail('unavailable', 'x')]);
    const stop = catchUpSettings(host as never, () => undefined);
    host.setStatus('online');
    await vi.advanceTimersByTimeAsync(0);
    stop();
    await vi.advanceTimersByTimeAsync(SETTINGS_RETRY_MS * 3);
    expect(host.asked).toBe(1);
    expect(host.listening()).toBe(0);
  });
});

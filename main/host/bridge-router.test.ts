import { describe, expect, it } from 'vitest';
import { createLogger } from '../services/logger';
import { createRouter, HostEvents, type Handlers } from './bridge-router';

const silent = createLogger('test', () => undefined);
const settings = { locale: 'fr' as const, displayName: 'Alice' };
const status = {
  state: 'disabled' as const,
  hubUrl: null,
  workspace: 'default',
  waiting: 0,
  lastSyncedAt: null,
  error: null,
  clockOffsetMs: null,
  isClockOff: false,
};
const info = {
  name: 'War-room',
  version: '1',
  mode: 'browser' as const,
  platform: 'linux',
  systemLocale: 'fr',
  userName: 'a',
  dataDir: '/x',
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app:get-info': async () => info,
    'app:get-access': async (_request, caller) => ({ isAtLaptop: caller.isAtLaptop, laptopOnly: [] }),
    'settings:get': async () => settings,
    'settings:update': async (patch) => ({ ...settings, ...patch }),
    'sync:exchange': async () => ({ ok: true, answer: { vector: {}, events: [], hasMore: false } }),
    'sync:get-status': async () => status,
    'hub:join': async () => status,
    'hub:leave': async () => status,
    'record:verify': async () => ({ checked: 0, devices: [], breaks: [] }),
    'record:identity': async () => ({ sponsor: 'host-device', kind: 'window' as const, person: { name: 'a' } }),
    'devices:revoke': async ({ deviceId }) => ({ deviceId, afterSeq: 0 }),
    'monitor:snapshot': async () => ({ isRunning: false, monitors: [], alerts: [], isAlertmanagerEnabled: false }),
    'monitor:history': async () => ({ samples: [] }),
    'monitor:check-now': async () => ({ isKnown: false }),
    'secret:list': async () => ({ names: [] }),
    'secret:set': async () => ({ names: [] }),
    'runbook:run-step': async ({ execId }) => ({ execId }),
    'runbook:cancel': async () => ({ isCancelled: false }),
    'runbook:ack-output': async () => ({}),
    'comms:send': async () => ({ status: 'queued' }),
    'comms:outbox': async () => ({ items: [] }),
    'comms:retry': async () => ({ items: [] }),
    'backup:create': async () => ({
      backupId: 'backup-1',
      fileName: 'b.warroom-backup',
      bytes: 0,
      events: 0,
      devices: 0,
      isEncrypted: false,
    }),
    'backup:read': async () => ({ data: '', isLast: true }),
    'backup:upload': async () => ({ bytes: 0 }),
    'backup:restore': async () => ({ ok: false, reason: 'no-upload', detail: '' }),
    'shell:take-opened-file': async () => ({ file: null }),
    'exercise:start': async () => ({ sessionId: 's1' }),
    'exercise:control': async () => ({}),
    'exercise:inject': async () => ({}),
    ...overrides,
  };
}

describe('bridge router', () => {
  it('answers a known call with its validated response', async () => {
    const route = createRouter(handlers(), silent);
    expect(await route('settings:update', { displayName: '  Bob  ' })).toEqual({
      ok: true,
      value: { locale: 'fr', displayName: 'Bob' },
    });
  });

  it('rejects an unknown channel without calling anything', async () => {
    const route = createRouter(handlers(), silent);
    const result = await route('shell:exec', { command: 'rm -rf /' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await route('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await route(42, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('rejects an invalid payload with the field and reason', async () => {
    let called = false;
    const route = createRouter(
      handlers({
        'settings:update': async () => {
          called = true;
          return settings;
        },
      }),
      silent,
    );
    const result = await route('settings:update', { locale: 'de', extra: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-payload');
      expect(result.error.message).toContain('locale');
    }
    expect(called).toBe(false);
  });

  it('turns a failing handler into an internal error value', async () => {
    const route = createRouter(
      handlers({ 'settings:get': async () => Promise.reject(new Error('disk full')) }),
      silent,
    );
    expect(await route('settings:get', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'settings:get: disk full' },
    });
  });

  it('does not let a handler send a response outside the contract', async () => {
    const route = createRouter(
      handlers({ 'settings:get': async () => ({ ...settings, secret: 'token' }) as typeof settings }),
      silent,
    );
    expect(await route('settings:get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('validates host events before fanning them out', () => {
    const events = new HostEvents();
    const seen: unknown[] = [];
    const unsubscribe = events.subscribe((name, payload) => seen.push([name, payload]));
    events.emit('settings:changed', settings);
    expect(() => events.emit('settings:changed', { locale: 'xx' } as never)).toThrow();
    unsubscribe();
    events.emit('settings:changed', settings);
    expect(seen).toEqual([['settings:changed', settings]]);
  });
});

import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../common/bridge/result';
import type { Router } from '../host/bridge-router';
import { handleIpcCall } from './ipc-router';

const seen: unknown[] = [];
const route: Router = async (channel, payload) => {
  seen.push([channel, payload]);
  return channel === 'settings:get' ? ok({ locale: null, displayName: null }) : fail('unknown-channel', 'unknown');
};

describe('IPC call handling', () => {
  it('passes a well-formed call from the app window to the router', async () => {
    expect(await handleIpcCall(route, 'app://warroom/index.html', { channel: 'settings:get', payload: {} })).toEqual(
      ok({ locale: null, displayName: null }),
    );
  });

  it('refuses a frame that is not the app, before routing anything', async () => {
    seen.length = 0;
    for (const frame of ['https://evil.example/', 'file:///tmp/x.html', undefined]) {
      expect(await handleIpcCall(route, frame, { channel: 'settings:get', payload: {} })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(seen).toEqual([]);
  });

  it('refuses malformed messages', async () => {
    for (const message of [
      null,
      'settings:get',
      { channel: 1 },
      { channel: 'settings:get', payload: {}, extra: true },
    ]) {
      expect(await handleIpcCall(route, 'app://warroom/index.html', message)).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../common/bridge/result';
import type { Router } from '../host/bridge-router';
import { handleIpcCall } from './ipc-router';
import type { IpcSenderFacts } from './security';

const seen: unknown[] = [];
const route: Router = async (channel, payload) => {
  seen.push([channel, payload]);
  return channel === 'settings:get' ? ok({ locale: null, displayName: null }) : fail('unknown-channel', 'unknown');
};
const windows: ReadonlySet<number> = new Set([1]);
const appFrame: IpcSenderFacts = { frameUrl: 'app://warroom/index.html', isTopFrame: true, webContentsId: 1 };

describe('IPC call handling', () => {
  it('passes a well-formed call from the app window to the router', async () => {
    expect(await handleIpcCall(route, appFrame, windows, { channel: 'settings:get', payload: {} })).toEqual(
      ok({ locale: null, displayName: null }),
    );
  });

  it('refuses an unknown frame, origin or window, before routing anything', async () => {
    seen.length = 0;
    const senders: IpcSenderFacts[] = [
      { ...appFrame, frameUrl: 'https://evil.example/' },
      { ...appFrame, frameUrl: 'file:///tmp/x.html' },
      { ...appFrame, frameUrl: undefined },
      // An iframe showing the app is still an iframe.
      { ...appFrame, isTopFrame: false },
      // A window the app never created.
      { ...appFrame, webContentsId: 99 },
    ];
    for (const sender of senders) {
      expect(await handleIpcCall(route, sender, windows, { channel: 'settings:get', payload: {} })).toMatchObject({
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
      expect(await handleIpcCall(route, appFrame, windows, message)).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      });
    }
  });
});

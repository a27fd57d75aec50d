// The renderer's WebSocket transport and client against the real web host:
// the same client code the window runs, over real sockets on loopback.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHost } from '../../main/host/host';
import { testHostOptions } from '../support/test-host';
import { startWebHost, type WebHost } from '../../main/host/web-host';
import { createBridgeClient } from '../../renderer/bridge/client';
import { createWsTransport } from '../../renderer/bridge/ws-transport';

let dir: string;
let web: WebHost;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-bridge-'));
  await mkdir(join(dir, 'renderer'));
  const host = await createHost(testHostOptions(join(dir, 'data')));
  web = await startWebHost({ host, rendererDir: join(dir, 'renderer'), port: 0 });
});
afterEach(async () => {
  await web.close();
  await rm(dir, { recursive: true, force: true });
});

function socketFactory(origin: string) {
  return (url: string) => new WebSocket(url, { origin }) as unknown as globalThis.WebSocket;
}

describe('renderer bridge over WebSocket', () => {
  it('calls the host, hears its events, and reports errors as values', async () => {
    const transport = createWsTransport(
      `ws://127.0.0.1:${web.port}/bridge`,
      socketFactory(`http://127.0.0.1:${web.port}`),
    );
    const client = createBridgeClient(transport);
    const info = await client.call('app:get-info', {});
    expect(info).toMatchObject({ ok: true, value: { version: '1.2.3', mode: 'browser' } });

    const heard = new Promise((resolve) => client.on('settings:changed', resolve));
    expect(await client.call('settings:update', { displayName: 'Alice' })).toMatchObject({
      ok: true,
      value: { displayName: 'Alice' },
    });
    expect(await heard).toEqual({ locale: null, displayName: 'Alice' });

    const refused = await client.call('settings:update', { locale: 'xx' } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    transport.close();
  });

  it('reconnects when the host comes back, and answers again', async () => {
    const port = web.port;
    const transport = createWsTransport(`ws://127.0.0.1:${port}/bridge`, socketFactory(`http://127.0.0.1:${port}`));
    const client = createBridgeClient(transport);
    expect((await client.call('settings:get', {})).ok).toBe(true);
    const wentOffline = new Promise((resolve) => transport.onStatus((value) => value === 'offline' && resolve(value)));
    await web.close();
    await wentOffline;
    const host = await createHost(testHostOptions(join(dir, 'data')));
    web = await startWebHost({ host, rendererDir: join(dir, 'renderer'), port });
    expect(await client.call('settings:get', {})).toMatchObject({ ok: true });
    transport.close();
  });

  it('reports the host as offline when it refuses the page', async () => {
    const transport = createWsTransport(`ws://127.0.0.1:${web.port}/bridge`, socketFactory('http://evil.example'));
    const status = await new Promise((resolve) => transport.onStatus((value) => value === 'offline' && resolve(value)));
    expect(status).toBe('offline');
    transport.close();
  });
});

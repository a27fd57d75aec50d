// The web host over real HTTP and WebSocket on loopback.
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testHostOptions } from '../../test/support/test-host';
import { decodeOutputFrame, MAX_FRAME_BYTES } from '../../common/bridge/wire';
import { createHost, type Host } from './host';
import { startWebHost, type WebHost } from './web-host';

let dir: string;
let web: WebHost;
let host: Host;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-web-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>War-room</title>');
  await writeFile(join(rendererDir, 'assets', 'app-1.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  host = await createHost(testHostOptions(join(dir, 'data'), { version: '9.9.9', systemLocale: 'fr-FR' }));
  web = await startWebHost({ host, rendererDir, port: 0 });
});

afterEach(async () => {
  await web.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw request, so that the path reaches the server exactly as written. */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const origin = () => `http://127.0.0.1:${web.port}`;

function connect(from = origin()): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${web.port}/bridge`, { origin: from });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)),
  );
}

function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('web host', () => {
  it('serves the renderer with a strict content security policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('War-room');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app-1.js')).headers['cache-control']).toContain('immutable');
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('do not serve');
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', { Host: `evil.example:${web.port}` })).status).toBe(421);
  });

  it('answers bridge calls over WebSocket', async () => {
    const socket = await connect();
    socket.send(JSON.stringify({ kind: 'call', id: 1, channel: 'app:get-info', payload: {} }));
    expect(await nextMessage(socket)).toMatchObject({
      kind: 'result',
      id: 1,
      result: { ok: true, value: { mode: 'browser', version: '9.9.9', systemLocale: 'fr-FR' } },
    });
    socket.send(JSON.stringify({ kind: 'call', id: 2, channel: 'fs:read', payload: { path: '/etc/passwd' } }));
    expect(await nextMessage(socket)).toMatchObject({
      id: 2,
      result: { ok: false, error: { code: 'unknown-channel' } },
    });
    socket.close();
  });

  it('pushes host events to every connected window', async () => {
    const writer = await connect();
    const watcher = await connect();
    const heard = nextMessage(watcher);
    writer.send(JSON.stringify({ kind: 'call', id: 7, channel: 'settings:update', payload: { locale: 'fr' } }));
    expect(await heard).toEqual({
      kind: 'event',
      name: 'settings:changed',
      payload: { locale: 'fr', displayName: null },
    });
    writer.close();
    watcher.close();
  });

  it('streams command output as binary frames holding the exact bytes', async () => {
    const socket = await connect();
    const bytes = Uint8Array.from({ length: 70_000 }, (_, index) => (index * 131 + 7) % 256);
    const heard = new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
      socket.once('message', (data: Buffer, isBinary) => resolve({ data, isBinary })),
    );
    host.events.emit('runbook:output', { execId: 'exec-1', seq: 3, data: bytes });
    const { data, isBinary } = await heard;
    expect(isBinary).toBe(true);
    expect(decodeOutputFrame(new Uint8Array(data))).toEqual({ execId: 'exec-1', seq: 3, data: bytes });
    socket.close();
  });

  it('refuses a bridge connection from a page it did not serve', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow(/403/);
    await expect(connect(`http://127.0.0.1:${web.port + 1}`)).rejects.toThrow(/403/);
  });

  it('hangs up on a malformed frame, and on an oversized one', async () => {
    const socket = await connect();
    const code = closed(socket);
    socket.send('{"kind":"call","id":');
    expect(await code).toBe(1008);

    const big = await connect();
    const bigCode = closed(big);
    big.send(
      JSON.stringify({ kind: 'call', id: 1, channel: 'settings:get', payload: { x: 'y'.repeat(MAX_FRAME_BYTES + 1) } }),
    );
    expect(await bigCode).toBe(1009);
  });
});

describe('web host in LAN mode', () => {
  let lan: WebHost;
  const token = 'join-token-0123456789';
  beforeEach(async () => {
    const host = await createHost(testHostOptions(join(dir, 'lan-data')));
    lan = await startWebHost({ host, rendererDir: join(dir, 'renderer'), port: 0, lanToken: token });
  });
  afterEach(() => lan.close());

  const getLan = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      // Traffic stays on loopback even though the host listens on every interface.
      const req = request({ host: '127.0.0.1', port: lan.port, path, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  it('refuses every browser that has not presented the join token', async () => {
    expect((await getLan('/')).status).toBe(401);
    expect((await getLan('/?join=wrong-token-0000000000')).status).toBe(401);
    expect((await getLan('/', { Cookie: 'warroom_join=wrong' })).status).toBe(401);
  });

  it('trades the token in the address for a cookie, then serves the app', async () => {
    const joined = await getLan(`/?join=${token}`);
    expect(joined.status).toBe(303);
    expect(joined.headers.location).toBe('/');
    const cookie = String(joined.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe(`warroom_join=${token}`);
    expect(String(joined.headers['set-cookie'])).toContain('HttpOnly');
    expect((await getLan('/', { Cookie: cookie })).status).toBe(200);
  });

  it('opens the bridge only to a page of its own that holds the token', async () => {
    const open = (headers: Record<string, string>) =>
      new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${lan.port}/bridge`, { headers });
        socket.once('open', () => {
          socket.close();
          resolve();
        });
        socket.once('error', reject);
      });
    const origin = `http://127.0.0.1:${lan.port}`;
    await expect(open({ Origin: origin })).rejects.toThrow(/401/);
    await expect(open({ Origin: 'http://evil.example', Cookie: `warroom_join=${token}` })).rejects.toThrow(/403/);
    await expect(open({ Origin: origin, Cookie: `warroom_join=${token}` })).resolves.toBeUndefined();
  });

  // A real peer that is not this machine's loopback: this machine's own LAN address.
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

  it.skipIf(lanAddress === undefined)(
    'keeps commands, secrets and the hub for the person at the laptop (skipped: no non-loopback IPv4 address)',
    async () => {
      const call = async (address: string, channel: string) => {
        const origin = `http://${address}:${lan.port}`;
        const socket = new WebSocket(`ws://${address}:${lan.port}/bridge`, {
          headers: { Origin: origin, Cookie: `warroom_join=${token}` },
        });
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        const answer = new Promise<Record<string, unknown>>((resolve) =>
          socket.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)),
        );
        socket.send(JSON.stringify({ kind: 'call', id: 1, channel, payload: {} }));
        const result = (await answer).result as { ok: boolean; error?: { code: string } };
        socket.close();
        return result.ok ? 'ok' : result.error?.code;
      };
      const teammate = lanAddress ?? '';
      expect(await call(teammate, 'runbook:run-step')).toBe('forbidden');
      expect(await call(teammate, 'secret:list')).toBe('forbidden');
      expect(await call(teammate, 'hub:join')).toBe('forbidden');
      // The shared record stays open to the teammate…
      expect(await call(teammate, 'app:get-info')).toBe('ok');
      // …and the person at the laptop keeps every call (this one then fails on its empty payload).
      expect(await call('127.0.0.1', 'runbook:run-step')).toBe('invalid-payload');
      expect(await call('127.0.0.1', 'secret:list')).toBe('ok');
    },
  );
});

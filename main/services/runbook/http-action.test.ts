// HTTP steps against a real server on loopback.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpSpecSchema } from '../../../common/runbooks/runbook-schema';
import { systemClock } from '../clock';
import { FakeClock } from '../fake-clock';
import { startHttpAction } from './http-action';

let server: Server | undefined;
const sockets = new Set<Socket>();

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

const secrets: Record<string, string> = { 'flags-token': 'Bearer s3cret' };
const options = (clock = systemClock) => ({
  clock,
  secret: async (name: string) => secrets[name] ?? null,
  onOutput: () => undefined,
});

describe('HTTP steps', () => {
  it('calls the address with the secret header looked up on the host, and keeps the response', async () => {
    let seen: { method?: string; auth?: string; body: string } = { body: '' };
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (part: Buffer) => (body += part.toString()));
      request.on('end', () => {
        seen = { method: request.method, auth: request.headers.authorization, body };
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"enabled":false}');
      });
    });
    const spec = httpSpecSchema.parse({
      method: 'PATCH',
      url: `${url}/api/flags/sign-up`,
      secretHeaders: { Authorization: 'flags-token' },
      body: '{"enabled": false}',
    });
    const result = await startHttpAction(spec, options()).done;
    expect(result).toMatchObject({ outcome: 'ok', status: 200 });
    expect(seen).toEqual({ method: 'PATCH', auth: 'Bearer s3cret', body: '{"enabled": false}' });
    expect(result.output.text).toContain('{"enabled":false}');
    expect(result.output.text).not.toContain('s3cret');
  });

  it('fails on an unexpected status and on a missing secret', async () => {
    const url = await serve((_request, response) => response.writeHead(500).end('boom'));
    expect(await startHttpAction(httpSpecSchema.parse({ url }), options()).done).toMatchObject({
      outcome: 'http-error',
      status: 500,
    });
    const missing = httpSpecSchema.parse({ url, secretHeaders: { Authorization: 'no-such-secret' } });
    expect((await startHttpAction(missing, options()).done).error).toContain('no-such-secret');
  });

  it('gives up when the server does not answer in time', async () => {
    let arrived: () => void = () => undefined;
    const seen = new Promise<void>((resolve) => (arrived = resolve));
    const url = await serve(() => arrived());
    const clock = new FakeClock();
    const running = startHttpAction(httpSpecSchema.parse({ url, timeoutSeconds: 5 }), options(clock));
    await seen;
    await clock.advance(5_000);
    expect(await running.done).toMatchObject({ outcome: 'timed-out', status: null });
  });
});

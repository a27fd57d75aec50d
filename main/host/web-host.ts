// Browser mode: the host served over HTTP on loopback. It serves the built
// renderer and carries the bridge over one WebSocket per window. Only pages it
// served itself may connect: the Host header and the WebSocket Origin are
// checked, so neither another site in the same browser nor DNS rebinding gets in.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isCallName, isEventName, type EventPayload } from '../../common/bridge/contract';
import { fail } from '../../common/bridge/result';
import {
  BRIDGE_PATH,
  callFrameSchema,
  encodeOutputFrame,
  MAX_FRAME_BYTES,
  type ServerFrame,
} from '../../common/bridge/wire';
import { RENDERER_CSP } from '../../common/csp';
import { createLogger } from '../services/logger';
import type { Host } from './host';
import { handleMonitorRoute, isMonitorRoute } from './monitor-routes';
import { contentTypeOf, resolveStaticPath } from './static-files';
import {
  checkBridgeUpgrade,
  checkPageRequest,
  isCallAllowed,
  isLoopbackAddress,
  lanRefusal,
  type AccessPolicy,
} from './web-access';

export interface WebHostOptions {
  readonly host: Host;
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** LAN mode: listen beyond loopback, and require this token of every browser. */
  readonly lanToken?: string | null;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const log = createLogger('web-host');

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

async function serveStatic(rendererDir: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = new URL(request.url ?? '/', 'http://x').pathname;
  const file = resolveStaticPath(rendererDir, pathname);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() }).end('Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': info.size,
    // Built assets carry a content hash in their name; the page itself must never be stale.
    'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
    ...securityHeaders(),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function attachBridge(host: Host, socket: WebSocket, isLocalPeer: boolean): void {
  const unsubscribe = host.events.subscribe((name, payload) => {
    if (!isEventName(name) || socket.readyState !== socket.OPEN) return;
    if (name === 'runbook:output') socket.send(encodeOutputFrame(payload as EventPayload<'runbook:output'>));
    else send(socket, { kind: 'event', name, payload });
  });
  socket.on('close', unsubscribe);
  // ws reports oversized or broken frames as errors, then closes; without a
  // listener the error would take the whole host down.
  socket.on('error', (error) => log.warn('bridge connection error', error.message));
  socket.on('message', (data, isBinary) => {
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      parsed = undefined;
    }
    const frame = callFrameSchema.safeParse(parsed);
    if (!frame.success) {
      // Without a valid frame there is no call id to answer; say why and hang up.
      socket.close(1008, 'malformed bridge frame');
      return;
    }
    const { id, channel, payload } = frame.data;
    if (isCallName(channel) && !isCallAllowed(channel, isLocalPeer)) {
      log.warn(`refused ${channel} from a LAN peer`);
      send(socket, { kind: 'result', id, result: fail('forbidden', lanRefusal(channel)) });
      return;
    }
    host
      .route(channel, payload, { isAtLaptop: isLocalPeer })
      .catch((error: unknown) => fail('internal', error instanceof Error ? error.message : String(error)))
      .then((result) => send(socket, { kind: 'result', id, result }));
  });
}

function listen(server: Server, port: number, address: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = 0;
  const policy = (): AccessPolicy => ({ lanToken: options.lanToken ?? null, port });
  const server = createServer((request, response) => {
    // Heartbeats and Alertmanager are programs with tokens of their own, not pages.
    if (isMonitorRoute(request.url)) {
      handleMonitorRoute(options.host.monitoring, request, response, log).catch((error: unknown) => {
        log.error('monitor route failed', error);
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
      return;
    }
    const access = checkPageRequest(
      { host: request.headers.host, url: request.url, cookie: request.headers.cookie },
      policy(),
    );
    if (access.kind === 'deny') {
      response
        .writeHead(access.status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() })
        .end(access.reason);
      return;
    }
    if (access.kind === 'join') {
      response
        .writeHead(303, { Location: access.location, 'Set-Cookie': access.setCookie, ...securityHeaders() })
        .end();
      return;
    }
    serveStatic(options.rendererDir, request, response).catch((error: unknown) => {
      log.error('static file failed', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const access = checkBridgeUpgrade(
      { host: request.headers.host, url: request.url, cookie: request.headers.cookie, origin: request.headers.origin },
      policy(),
    );
    const isBridge = new URL(request.url ?? '/', 'http://x').pathname === BRIDGE_PATH;
    if (access.kind !== 'allow' || !isBridge) {
      log.warn(access.kind === 'deny' ? access.reason : `no WebSocket at ${request.url ?? ''}`);
      const status = access.kind === 'deny' ? access.status : 404;
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) =>
      attachBridge(options.host, ws, isLoopbackAddress(request.socket.remoteAddress)),
    );
  });
  port = await listen(server, options.port, options.lanToken ? '0.0.0.0' : LOOPBACK);
  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    close: () =>
      new Promise((resolveClose) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

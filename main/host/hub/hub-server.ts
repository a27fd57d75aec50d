// The team hub's HTTP server (routes in hub-protocol.ts). It holds no state of
// its own: events and tokens are in the database, changes are heard through it,
// so any number of hub processes can serve one PostgreSQL. Every request is
// authenticated before its body is read, and a body is never buffered past
// MAX_BATCH_BYTES. A refusal stores nothing and says why; a failure of the hub
// itself is a 503, which clients retry, never a refusal.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { answerExchange } from '../../../common/sync/exchange';
import type { AdmitEnrolment } from '../../../common/sync/plan';
import {
  exchangeRequestSchema,
  MAX_BATCH_BYTES,
  type ExchangeResponse,
  type SyncError,
} from '../../../common/sync/protocol';
import type { Logger } from '../../services/logger';
import type { SqlEventStore } from '../store/sql-event-log';
import {
  BEARER_PROTOCOL_PREFIX,
  HEALTH_PATH,
  LIVE_PROTOCOL,
  matchWorkspaceRoute,
  REFUSAL_STATUS,
  type HubFailureCode,
} from './hub-protocol';
import { LiveBroadcaster } from './live-broadcaster';
import type { WorkspaceRegistry } from './workspace-registry';

/**
 * Laptops enrol their hosts, windows and teammates' browsers through the hub;
 * nobody enrols a hub but the hub itself, so "a hub may revoke any device" stays
 * the hub administrator's power.
 */
const admitLaptop: AdmitEnrolment = (event) =>
  event.payload.kind === 'hub'
    ? { code: 'not-allowed', message: `${event.deviceId}: only a hub enrols a hub device`, eventId: event.id }
    : undefined;

export interface HubServerOptions {
  readonly store: SqlEventStore;
  readonly registry: WorkspaceRegistry;
  /** 0 picks a free port. */
  readonly port: number;
  /** The address to bind; loopback unless told otherwise. */
  readonly host?: string;
  readonly log: Logger;
  readonly heartbeatMs?: number;
}

export interface HubServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const HEARTBEAT_MS = 30_000;

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/**
 * Answers a refusal. `isBodyUnread`: the request's body was not (or not all)
 * read; closing the connection after the answer spares reading what is left.
 */
function refuse(response: ServerResponse, error: SyncError, status: number, isBodyUnread = false): void {
  const body: ExchangeResponse = { ok: false, error };
  sendJson(response, status, body, isBodyUnread ? { Connection: 'close' } : {});
}

function fail(response: ServerResponse, status: number, code: HubFailureCode, message: string): void {
  sendJson(response, status, { ok: false, failure: { code, message } });
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** The token of a live socket: the Authorization header, else a `bearer.` subprotocol. */
function liveToken(request: IncomingMessage): string | null {
  const fromHeader = bearerToken(request.headers.authorization);
  if (fromHeader) return fromHeader;
  const protocols = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((value) => value.trim());
  const bearer = protocols.find((value) => value.startsWith(BEARER_PROTOCOL_PREFIX));
  return bearer ? bearer.slice(BEARER_PROTOCOL_PREFIX.length) : null;
}

type Body = { ok: true; text: string } | { ok: false; error: SyncError };

/**
 * The deepest nesting of arrays and objects a request body may have: far beyond
 * any event (a runbook in a payload nests about ten), far below what the
 * recursive checks after it (validation, hashing) can walk before the stack runs
 * out. A deeper body is malformed, refused like any other.
 */
export const MAX_BODY_DEPTH = 256;

/** Whether `value` nests deeper than `max`; measured without recursion, so any depth is safe to measure. */
function nestsDeeper(value: unknown, max: number): boolean {
  const pending: [object, number][] = typeof value === 'object' && value !== null ? [[value, 1]] : [];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) pending.push([child as object, depth + 1]);
    }
  }
  return false;
}

const oversized = (bytes: string): SyncError => ({
  code: 'oversized',
  message: `request body of ${bytes} bytes; at most ${MAX_BATCH_BYTES}`,
});

/** Reads a request body, giving up (without keeping it) as soon as it passes the limit. */
function readBody(request: IncomingMessage): Promise<Body> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > MAX_BATCH_BYTES) return Promise.resolve({ ok: false, error: oversized(String(declared)) });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BATCH_BYTES) {
        request.off('data', onData);
        chunks.length = 0;
        resolve({ ok: false, error: oversized(`more than ${MAX_BATCH_BYTES}`) });
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    request.once('error', reject);
  });
}

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const { store, registry, log } = options;
  const live = new LiveBroadcaster({ store, log, heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS });
  await live.start();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    handleProtocols: (protocols) => (protocols.has(LIVE_PROTOCOL) ? LIVE_PROTOCOL : false),
  });

  /** Checks the token against the workspace; answers the refusal itself when it does not grant access. */
  async function authorize(token: string | null, workspace: string): Promise<(SyncError & { status: number }) | null> {
    const access = await registry.access(token, workspace);
    switch (access) {
      case 'granted':
        return null;
      case 'unknown-token':
        return { code: 'unauthorized', message: 'no token, or an unknown one', status: 401 };
      case 'other-workspace':
        return { code: 'unauthorized', message: `this token does not open workspace "${workspace}"`, status: 403 };
    }
  }

  async function handleSync(request: IncomingMessage, response: ServerResponse, workspace: string): Promise<void> {
    const denied = await authorize(bearerToken(request.headers.authorization), workspace);
    if (denied) {
      const { status, ...error } = denied;
      refuse(response, error, status, true);
      return;
    }
    const body = await readBody(request);
    if (!body.ok) {
      refuse(response, body.error, REFUSAL_STATUS.oversized, true);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      // A RangeError (a body nested too deep for the parser) included: the client's fault, not the hub's.
      refuse(response, { code: 'malformed', message: 'the body is not JSON' }, REFUSAL_STATUS.malformed);
      return;
    }
    // Refused here, before anything recursive walks it: a stack overflow further on would be a 503, retried forever.
    if (nestsDeeper(json, MAX_BODY_DEPTH)) {
      const message = `the body nests arrays or objects deeper than ${MAX_BODY_DEPTH} levels`;
      refuse(response, { code: 'malformed', message }, REFUSAL_STATUS.malformed);
      return;
    }
    const parsed = exchangeRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}` : 'invalid';
      refuse(response, { code: 'malformed', message: `not an exchange request: ${where}` }, REFUSAL_STATUS.malformed);
      return;
    }
    // The fault tests kill the hub on this line: it is the start of the write.
    log.debug(`exchange for ${workspace}: storing ${parsed.data.events.length} events`);
    const answer = await answerExchange(store.log(workspace), parsed.data, undefined, { admit: admitLaptop });
    if (!answer.ok) {
      log.info(`refused a batch for ${workspace}: ${answer.error.code}`, answer.error);
      refuse(response, answer.error, REFUSAL_STATUS[answer.error.code]);
      return;
    }
    sendJson(response, 200, answer);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(request.url ?? '/', 'http://hub');
    if (pathname === HEALTH_PATH) {
      if (request.method !== 'GET') return fail(response, 405, 'method-not-allowed', 'GET only');
      await store.ping();
      return sendJson(response, 200, { ok: true, storage: store.kind });
    }
    const route = matchWorkspaceRoute(pathname);
    if (!route || route.action !== 'sync') return fail(response, 404, 'not-found', `no route ${pathname}`);
    if (request.method !== 'POST') return fail(response, 405, 'method-not-allowed', 'POST only');
    await handleSync(request, response, route.workspace);
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const route = matchWorkspaceRoute(new URL(request.url ?? '/', 'http://hub').pathname);
    if (!route || route.action !== 'live') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const denied = await authorize(liveToken(request), route.workspace);
    if (denied) {
      const reason = denied.status === 403 ? '403 Forbidden' : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${reason}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => live.add(route.workspace, ws));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error(`${request.method ?? '?'} ${request.url ?? '?'} failed`, error);
      if (!response.headersSent) fail(response, 503, 'unavailable', 'the hub could not serve this request; retry');
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log.debug('live upgrade socket error', error.message));
    upgrade(request, socket, head).catch((error: unknown) => {
      log.error('live upgrade failed', error);
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
    });
  });

  const host = options.host ?? DEFAULT_HOST;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    async close() {
      await live.close();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

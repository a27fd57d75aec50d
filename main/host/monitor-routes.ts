// The web host's machine routes for monitoring: a cron job's heartbeat
// (`POST|GET /heartbeat/<monitor id>?token=…`) and Prometheus Alertmanager's
// webhook (`POST /alertmanager`, bearer token or `?token=`). They answer
// programs, not browsers, so they skip the page checks and carry their own:
// the monitor's token, the Alertmanager token, a JSON body of bounded size.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../services/logger';
import type { Monitoring } from './monitoring';

/** Alertmanager groups up to thousands of alerts in one post; 4 MiB holds them with room. */
export const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;

const HEARTBEAT_PATH = /^\/heartbeat\/([^/]+)\/?$/;
const ALERTMANAGER_PATH = '/alertmanager';

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  response
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    })
    .end(text);
}

/** The body, or null once it passed the cap (the request is then answered 413 and drained). */
function readBody(request: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (declared > max) {
      request.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let isOver = false;
    request.on('data', (chunk: Buffer) => {
      if (isOver) return;
      size += chunk.length;
      if (size > max) {
        isOver = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(isOver ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function bearer(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? url.searchParams.get('token');
}

/** Whether this request is for a monitoring route; the caller passes the others on to its pages. */
export function isMonitorRoute(rawUrl: string | undefined): boolean {
  try {
    const pathname = new URL(rawUrl ?? '/', 'http://x').pathname;
    return pathname === ALERTMANAGER_PATH || HEARTBEAT_PATH.test(pathname);
  } catch {
    return false;
  }
}

export async function handleMonitorRoute(
  monitoring: Monitoring,
  request: IncomingMessage,
  response: ServerResponse,
  log: Logger,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://x');
  const beat = HEARTBEAT_PATH.exec(url.pathname);
  if (beat?.[1] !== undefined) {
    if (request.method !== 'POST' && request.method !== 'GET') {
      reply(response, 405, { ok: false, error: 'use POST or GET' }, { Allow: 'POST, GET' });
      return;
    }
    // A beat carries no body worth reading, but a client may send one.
    request.resume();
    let monitorId: string;
    try {
      monitorId = decodeURIComponent(beat[1]);
    } catch {
      reply(response, 400, { ok: false, error: 'malformed monitor id' });
      return;
    }
    const verdict = await monitoring.acceptHeartbeat(monitorId, url.searchParams.get('token'));
    const status = verdict === 'accepted' ? 200 : verdict === 'forbidden' ? 403 : 404;
    reply(response, status, verdict === 'accepted' ? { ok: true } : { ok: false, error: verdict });
    return;
  }
  if (request.method !== 'POST') {
    reply(response, 405, { ok: false, error: 'use POST' }, { Allow: 'POST' });
    return;
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    request.resume();
    reply(response, 415, { ok: false, error: 'send application/json' });
    return;
  }
  const body = await readBody(request, MAX_WEBHOOK_BYTES);
  if (body === null) {
    reply(response, 413, { ok: false, error: `the body is larger than ${MAX_WEBHOOK_BYTES} bytes` });
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    reply(response, 400, { ok: false, error: 'the body is not JSON' });
    return;
  }
  const receipt = await monitoring.receiveAlertmanager(bearer(request, url), parsed);
  if (receipt === 'forbidden') {
    log.warn('refused an Alertmanager webhook: wrong or missing token');
    reply(response, 403, { ok: false, error: 'forbidden' });
    return;
  }
  if (!receipt.ok) {
    reply(response, 400, { ok: false, error: receipt.error.message });
    return;
  }
  reply(response, 200, { ok: true, changes: receipt.changes.length });
}

export interface MonitorListener {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The monitoring routes on their own loopback listener, for the desktop app,
 * which has no web host: cron jobs and a local Alertmanager post here. Anything
 * else gets a 404.
 */
export async function startMonitorListener(
  monitoring: Monitoring,
  options: { readonly port: number; readonly log: Logger },
): Promise<MonitorListener> {
  const server = createServer((request, response) => {
    if (!isMonitorRoute(request.url)) {
      request.resume();
      reply(response, 404, { ok: false, error: 'not a monitoring route' });
      return;
    }
    handleMonitorRoute(monitoring, request, response, options.log).catch((error: unknown) => {
      options.log.error('monitor route failed', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

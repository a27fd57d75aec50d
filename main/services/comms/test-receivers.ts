// Real receivers on loopback for the outbox tests and bench: an HTTP webhook
// that keeps every request and can fail the first ones, and an SMTP server
// (smtp-server) that keeps every message and can refuse the first ones.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The status the receiver answered. */
  readonly status: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly port: number;
  readonly requests: Received[];
  /** Requests answered 2xx: the copies a person would have seen. */
  accepted(): Received[];
  close(): Promise<void>;
}

/** Answers 503 to the first `failFirst` requests, then 200. */
export async function startWebhookReceiver(
  options: { failFirst?: number; port?: number } = {},
): Promise<WebhookReceiver> {
  let failures = options.failFirst ?? 0;
  const requests: Received[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = failures > 0 ? 503 : 200;
      if (failures > 0) failures -= 1;
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'busy');
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    accepted: () => requests.filter((request) => request.status < 300),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Mail {
  readonly raw: string;
  readonly from: string;
  readonly to: readonly string[];
}

export interface SmtpReceiver {
  readonly port: number;
  readonly mails: Mail[];
  /** DATA commands refused with a temporary error. */
  readonly refused: () => number;
  close(): Promise<void>;
}

/** Refuses the first `failFirst` messages with 451 (try again later), then accepts. */
export async function startSmtpReceiver(options: { failFirst?: number; port?: number } = {}): Promise<SmtpReceiver> {
  let failures = options.failFirst ?? 0;
  let refused = 0;
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          refused += 1;
          const error = Object.assign(new Error('busy, try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        mails.push({
          raw: Buffer.concat(chunks).toString('utf8'),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((address) => address.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

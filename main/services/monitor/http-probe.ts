// HTTP(S) checks over node:http/https with keep-alive agents: one deadline
// for connect, headers and body together, a cap on the body, redirects
// followed by hand (to catch loops and to keep secrets on their origin), the
// TLS certificate's expiry read from the peer, and every failure in words.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates, connect as tlsConnect, TLSSocket } from 'node:tls';
import { readJsonPath } from '../../../common/monitors/json-path';
import { isSecretRef, secretTextParts, type MonitorOf } from '../../../common/monitors/monitor-schema';
import { reason, warning, type Reason } from '../../../common/monitors/reasons';
import {
  connectionReason,
  describeError,
  failure,
  milliseconds,
  resolveSecretText,
  seconds,
  success,
  type ProbeContext,
  type ProbeResult,
} from './probe';

const DAY = 86_400_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  /** For monitors with `verifyTls: false`: kept apart so no unverified socket serves a verified monitor. */
  readonly httpsUnverified: https.Agent;
  destroy(): void;
}

/** @param extraCertificates PEM certificates of private CAs to trust besides the public ones (a company's internal CA). */
export function createHttpAgents(extraCertificates: readonly string[] = []): HttpAgents {
  // A free socket is dropped after 4 s, before the 5 s idle timeout many
  // servers use, so it is rarely reused just as the server closes it.
  const options = { keepAlive: true, timeout: 4_000, scheduling: 'lifo' } as const;
  const ca = extraCertificates.length > 0 ? [...rootCertificates, ...extraCertificates] : undefined;
  const agents = {
    http: new http.Agent(options),
    https: new https.Agent({ ...options, ca }),
    httpsUnverified: new https.Agent({ ...options, rejectUnauthorized: false }),
  };
  return {
    ...agents,
    destroy() {
      agents.http.destroy();
      agents.https.destroy();
      agents.httpsUnverified.destroy();
    },
  };
}

/** A failure with its reason, thrown inside the probe and caught at its edge. */
class ProbeFailure extends Error {
  constructor(readonly reason: Reason<'reason'>) {
    super(reason.key);
  }
}

type Phase = 'connect' | 'headers' | 'body';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** When the peer certificate stops being valid, for HTTPS. */
  readonly certificateValidTo: number | null;
}

export interface HttpRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly verifyTls: boolean;
  readonly maxBodyBytes: number;
  /** Without body assertions the body is counted and dropped, not kept. */
  readonly keepBody: boolean;
}

function timeoutReason(phase: Phase, timeoutMs: number): Reason<'reason'> {
  const values = { seconds: seconds(timeoutMs) };
  if (phase === 'connect') return reason('timeoutConnect', values);
  return reason(phase === 'headers' ? 'timeoutHeaders' : 'timeoutBody', values);
}

function portOf(url: URL): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

/** Reads the certificate of a server whose certificate failed verification, sending nothing. */
function peekCertificate(url: URL, signal: AbortSignal): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: url.hostname,
      port: portOf(url),
      // SNI carries host names only (RFC 6066).
      servername: isIP(url.hostname) === 0 ? url.hostname : undefined,
      rejectUnauthorized: false,
    });
    const done = (validTo: number | null) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(validTo);
    };
    const onAbort = () => done(null);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      const validTo = Date.parse(socket.getPeerCertificate().valid_to ?? '');
      done(Number.isNaN(validTo) ? null : validTo);
    });
    socket.once('error', () => done(null));
  });
}

async function tlsReason(error: unknown, url: URL, context: ProbeContext): Promise<Reason<'reason'> | null> {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  switch (code) {
    case 'CERT_HAS_EXPIRED': {
      const validTo = await peekCertificate(url, context.signal);
      if (validTo === null) return reason('certificateUntrusted', { code });
      return reason('certificateExpired', { days: Math.max(0, Math.floor((context.now() - validTo) / DAY)) });
    }
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return reason('certificateSelfSigned');
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return reason('certificateWrongHost', { host: url.hostname });
    default:
      if (/^(?:CERT_|UNABLE_TO_|ERR_TLS_|ERR_SSL_)/.test(code)) return reason('certificateUntrusted', { code });
      return null;
  }
}

function requestOnce(request: HttpRequest, agents: HttpAgents, context: ProbeContext): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let phase: Phase = 'connect';
    let settled = false;
    const isHttps = request.url.protocol === 'https:';
    const agent = isHttps ? (request.verifyTls ? agents.https : agents.httpsUnverified) : agents.http;
    const client = isHttps ? https : http;
    const outgoing = client.request(request.url, {
      method: request.method,
      agent,
      headers: {
        'user-agent': 'war-room-monitor',
        accept: '*/*',
        ...request.headers,
        ...(request.body === undefined ? {} : { 'content-length': Buffer.byteLength(request.body) }),
      },
    });

    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      context.signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (failureReason: Reason<'reason'>) => {
      finish(() => reject(new ProbeFailure(failureReason)));
      outgoing.destroy();
    };
    const onAbort = () => fail(timeoutReason(phase, context.timeoutMs));
    if (context.signal.aborted) {
      onAbort();
      return;
    }
    context.signal.addEventListener('abort', onAbort, { once: true });

    outgoing.on('socket', (socket) => {
      if (!socket.connecting) {
        phase = 'headers';
        return;
      }
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
        if (phase === 'connect') phase = 'headers';
      });
    });
    outgoing.on('error', (error) => finish(() => reject(error)));
    outgoing.on('response', (response) => {
      phase = 'body';
      const socket = response.socket;
      const validTo = socket instanceof TLSSocket ? Date.parse(socket.getPeerCertificate().valid_to ?? '') : Number.NaN;
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > request.maxBodyBytes) {
          fail(reason('bodyTooLarge', { limit: Math.round(request.maxBodyBytes / 1024) }));
          return;
        }
        if (request.keepBody) chunks.push(chunk);
      });
      response.on('end', () =>
        finish(() =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: request.keepBody ? Buffer.concat(chunks) : Buffer.alloc(0),
            certificateValidTo: Number.isNaN(validTo) ? null : validTo,
          }),
        ),
      );
      // A server that closes mid-body ends the response without 'end'.
      response.on('close', () => {
        if (!response.complete) fail(reason('connectionClosed'));
      });
      response.on('error', () => fail(reason('connectionClosed')));
    });
    outgoing.end(request.body);
  });
}

/** One request, retried once when a kept-alive socket turns out closed by the server before any answer. */
export async function sendHttpRequest(
  request: HttpRequest,
  agents: HttpAgents,
  context: ProbeContext,
): Promise<HttpAnswer> {
  try {
    return await requestOnce(request, agents, context);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const isStaleSocket = (code === 'ECONNRESET' || code === 'EPIPE') && !context.signal.aborted;
    if (!isStaleSocket) throw error;
    return requestOnce(request, agents, context);
  }
}

/** Any failure of a request in words: timeouts, TLS, refused connections, broken HTTP. */
export async function httpFailureReason(error: unknown, url: URL, context: ProbeContext): Promise<Reason<'reason'>> {
  if (error instanceof ProbeFailure) return error.reason;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('HPE_')) {
    return reason('protocolError', { detail: error instanceof Error ? error.message : code });
  }
  if (code === 'ECONNRESET' && error instanceof Error && error.message === 'socket hang up') {
    return reason('connectionClosed');
  }
  return (
    (await tlsReason(error, url, context)) ??
    connectionReason(error, url.hostname, portOf(url)) ??
    reason('networkError', { detail: describeError(error) })
  );
}

function statusMatches(expected: readonly (number | string)[], status: number): boolean {
  return expected.some((entry) =>
    typeof entry === 'number' ? entry === status : String(status).startsWith(entry.slice(0, 1)),
  );
}

function bodyReason(monitor: MonitorOf<'http'>, body: string): Reason<'reason'> | null {
  if (monitor.keyword) {
    const isPresent = body.includes(monitor.keyword.text);
    if (monitor.keyword.mode === 'present' && !isPresent)
      return reason('keywordMissing', { keyword: monitor.keyword.text });
    if (monitor.keyword.mode === 'absent' && isPresent)
      return reason('keywordPresent', { keyword: monitor.keyword.text });
  }
  if (monitor.regex) {
    const isMatch = new RegExp(monitor.regex.pattern, monitor.regex.flags).test(body);
    if (monitor.regex.mode === 'present' && !isMatch) return reason('regexMissing', { pattern: monitor.regex.pattern });
    if (monitor.regex.mode === 'absent' && isMatch) return reason('regexPresent', { pattern: monitor.regex.pattern });
  }
  if (monitor.json) {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      return reason('notJson');
    }
    const found = readJsonPath(document, monitor.json.path);
    if (!found.found) return reason('jsonPathMissing', { path: monitor.json.path });
    if (monitor.json.equals !== undefined && found.value !== monitor.json.equals) {
      return reason('jsonPathMismatch', {
        path: monitor.json.path,
        expected: JSON.stringify(monitor.json.equals),
        actual: JSON.stringify(found.value) ?? 'undefined',
      });
    }
  }
  return null;
}

function certificateVerdict(
  monitor: MonitorOf<'http'>,
  validTo: number | null,
  now: number,
): { expired: Reason<'reason'> | null; warnings: Reason<'warning'>[] } {
  if (validTo === null) return { expired: null, warnings: [] };
  const daysLeft = Math.floor((validTo - now) / DAY);
  if (validTo <= now)
    return { expired: reason('certificateExpired', { days: Math.floor((now - validTo) / DAY) }), warnings: [] };
  return {
    expired: null,
    warnings: daysLeft <= monitor.certificateExpiryDays ? [warning('certificateExpiresSoon', { days: daysLeft })] : [],
  };
}

export async function probeHttp(
  monitor: MonitorOf<'http'>,
  agents: HttpAgents,
  context: ProbeContext,
): Promise<ProbeResult> {
  const started = performance.now();
  // The address being asked, kept for wording a failure.
  let asked: URL | null = null;
  try {
    let url = new URL(await resolveSecretText(monitor.url, context.secrets));
    const origin = url.origin;
    const headers: Record<string, string> = {};
    // Headers built from secrets go only to the origin they were written for.
    const publicHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(monitor.headers ?? {})) {
      headers[name] = await resolveSecretText(value, context.secrets);
      if (!secretTextParts(value).some(isSecretRef)) publicHeaders[name] = headers[name];
    }
    let method: string = monitor.method;
    let body = monitor.body === undefined ? undefined : await resolveSecretText(monitor.body, context.secrets);
    const keepBody = monitor.keyword !== undefined || monitor.regex !== undefined || monitor.json !== undefined;
    const visited = new Set<string>();

    for (let redirects = 0; ; redirects += 1) {
      asked = url;
      visited.add(url.href);
      const answer = await sendHttpRequest(
        {
          url,
          method,
          headers: url.origin === origin ? headers : publicHeaders,
          body,
          verifyTls: monitor.verifyTls,
          maxBodyBytes: monitor.maxBodyKiB * 1024,
          keepBody,
        },
        agents,
        context,
      );
      const location = answer.headers.location;
      if (monitor.followRedirects && REDIRECTS.has(answer.status) && location !== undefined) {
        const next: URL = new URL(location, url);
        if (visited.has(next.href)) {
          // Reasons reach the event log: a URL built from secrets shows its origin only.
          const shown = secretTextParts(monitor.url).some(isSecretRef) ? next.origin : next.href;
          return failure(reason('redirectLoop', { url: shown }), milliseconds(started));
        }
        if (redirects + 1 > monitor.maxRedirects) {
          return failure(reason('tooManyRedirects', { max: monitor.maxRedirects }), milliseconds(started));
        }
        // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
        if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }

      const latencyMs = milliseconds(started);
      const certificate = certificateVerdict(monitor, answer.certificateValidTo, context.now());
      if (certificate.expired) return failure(certificate.expired, latencyMs);
      if (!statusMatches(monitor.expectedStatus, answer.status)) {
        return failure(
          reason('statusMismatch', { expected: monitor.expectedStatus.join(', '), status: answer.status }),
          latencyMs,
          certificate.warnings,
        );
      }
      const contentProblem = keepBody ? bodyReason(monitor, answer.body.toString('utf8')) : null;
      if (contentProblem) return failure(contentProblem, latencyMs, certificate.warnings);
      if (monitor.maxLatencyMs !== undefined && latencyMs > monitor.maxLatencyMs) {
        return failure(
          reason('tooSlow', { latency: latencyMs, max: monitor.maxLatencyMs }),
          latencyMs,
          certificate.warnings,
        );
      }
      return success(reason('httpOk', { status: answer.status, latency: latencyMs }), latencyMs, certificate.warnings);
    }
  } catch (error) {
    if (asked === null) {
      const missing = connectionReason(error, '', 0);
      return failure(missing ?? reason('networkError', { detail: describeError(error) }));
    }
    return failure(await httpFailureReason(error, asked, context));
  }
}

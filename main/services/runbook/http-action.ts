// Runs one HTTP step (a kill switch, a gateway switch): one request with a
// time limit, secret headers looked up on the host at call time so their values
// never reach the renderer or the record, and the response kept as evidence.
import type { HttpSpec } from '../../../common/runbooks/runbook-schema';
import type { Clock } from '../clock';
import { OutputCapture, type CapturedOutput } from './output-capture';

export type HttpOutcome = 'ok' | 'http-error' | 'timed-out' | 'cancelled';

export interface HttpResult {
  readonly outcome: HttpOutcome;
  readonly status: number | null;
  readonly durationMs: number;
  readonly output: CapturedOutput;
  readonly error?: string;
}

export interface HttpOptions {
  readonly clock: Clock;
  readonly secret: (name: string) => Promise<string | null>;
  readonly onOutput: (chunk: Buffer) => void;
}

export interface RunningHttp {
  cancel(): void;
  readonly done: Promise<HttpResult>;
}

/** Responses are evidence, not downloads: reading stops here. */
const BODY_MAX = 1024 * 1024;

export function startHttpAction(spec: HttpSpec, options: HttpOptions): RunningHttp {
  const { clock } = options;
  const started = clock.now();
  const capture = new OutputCapture();
  const controller = new AbortController();
  let stopReason: 'timed-out' | 'cancelled' | null = null;
  const stop = (reason: 'timed-out' | 'cancelled') => {
    stopReason ??= reason;
    controller.abort();
  };
  const timer = clock.setTimeout(() => stop('timed-out'), spec.timeoutSeconds * 1000);
  const emit = (text: string) => {
    const chunk = Buffer.from(text);
    capture.push(chunk);
    options.onOutput(chunk);
  };

  const run = async (): Promise<Omit<HttpResult, 'durationMs' | 'output'>> => {
    const headers = new Headers(spec.headers ?? {});
    for (const [header, name] of Object.entries(spec.secretHeaders ?? {})) {
      const value = await options.secret(name);
      if (value === null)
        return { outcome: 'http-error', status: null, error: `secret "${name}" is not set on this host` };
      headers.set(header, value);
    }
    emit(`${spec.method} ${spec.url}\r\n`);
    const response = await fetch(spec.url, {
      method: spec.method,
      headers,
      ...(spec.body !== undefined && spec.method !== 'GET' ? { body: spec.body } : {}),
      signal: controller.signal,
      redirect: 'manual',
    });
    emit(`HTTP ${response.status} ${response.statusText}\r\n\r\n`);
    let read = 0;
    if (response.body) {
      for await (const part of response.body) {
        const chunk = Buffer.from(part as Uint8Array);
        read += chunk.length;
        capture.push(chunk);
        options.onOutput(chunk);
        if (read >= BODY_MAX) {
          controller.abort();
          break;
        }
      }
    }
    const expected = spec.expectStatus ?? [];
    const isExpected =
      expected.length > 0 ? expected.includes(response.status) : response.status >= 200 && response.status < 300;
    return { outcome: isExpected ? 'ok' : 'http-error', status: response.status };
  };

  const done = run()
    .catch((error: unknown): Omit<HttpResult, 'durationMs' | 'output'> => ({
      outcome: stopReason ?? 'http-error',
      status: null,
      error:
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error),
    }))
    .then((result) => {
      clock.clearTimeout(timer);
      return { ...result, durationMs: Math.max(0, clock.now() - started), output: capture.result() };
    });
  return { cancel: () => stop('cancelled'), done };
}

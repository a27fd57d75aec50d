// What every probe shares: the result it returns, the context it runs in
// (an abort signal at its deadline, the host's secret store), secrets
// resolved at check time, and Node's network errors put into words.
import type { CheckResult } from '../../../common/monitors/monitor-state';
import { isSecretRef, secretTextParts, type SecretText } from '../../../common/monitors/monitor-schema';
import { reason, type Reason } from '../../../common/monitors/reasons';

/** A check's result before the scheduler stamps its start time. */
export type ProbeResult = Omit<CheckResult, 'at'>;

/** The host's secret store, by name; null when the name is unknown. */
export type SecretLookup = (name: string) => Promise<string | null>;

export interface ProbeContext {
  /** Aborted when the check's time is up; every probe stops its I/O on it. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly secrets: SecretLookup;
  /** Wall-clock ms since the epoch (certificate and heartbeat ages). */
  readonly now: () => number;
}

export class MissingSecretError extends Error {
  constructor(readonly secretName: string) {
    super(`the secret ${secretName} is not in the secret store`);
  }
}

/** Joins a text's parts, secrets looked up by name. Secret values are used as stored, never encoded. */
export async function resolveSecretText(text: SecretText, secrets: SecretLookup): Promise<string> {
  const parts = await Promise.all(
    secretTextParts(text).map(async (part) => {
      if (!isSecretRef(part)) return part;
      const value = await secrets(part.secret);
      if (value === null) throw new MissingSecretError(part.secret);
      return value;
    }),
  );
  return parts.join('');
}

export function success(
  reasonOfSuccess: Reason<'reason'>,
  latencyMs: number | null,
  warnings: Reason<'warning'>[] = [],
) {
  return { outcome: 'success', latencyMs, reason: reasonOfSuccess, warnings } satisfies ProbeResult;
}

export function failure(
  reasonOfFailure: Reason<'reason'>,
  latencyMs: number | null = null,
  warnings: Reason<'warning'>[] = [],
) {
  return { outcome: 'failure', latencyMs, reason: reasonOfFailure, warnings } satisfies ProbeResult;
}

export function milliseconds(started: number): number {
  return Math.round(performance.now() - started);
}

export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function describeError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Node's connection errors in words; null for those the caller words itself. */
export function connectionReason(error: unknown, host: string, port: number): Reason<'reason'> | null {
  if (error instanceof MissingSecretError) return reason('secretMissing', { name: error.secretName });
  switch (errorCode(error)) {
    case 'ECONNREFUSED':
      return reason('connectionRefused', { host, port });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return reason('hostNotFound', { host });
    case 'ECONNRESET':
    case 'EPIPE':
      return reason('connectionClosed');
    default:
      return null;
  }
}

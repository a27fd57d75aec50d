// How outcomes cross the bridge: never a thrown string, always a value.
import { z } from 'zod';

/** `refused`: the host understood and said no; the message is a reason code the window words. */
export const ERROR_CODES = [
  'unknown-channel',
  'invalid-payload',
  'forbidden',
  'refused',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BridgeError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const errorSchema = z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() });

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

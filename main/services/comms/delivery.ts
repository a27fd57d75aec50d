// How one attempt ends, for the outbox to decide: delivered, worth retrying
// (the network, a busy or failing receiver), or refused for good (a receiver
// that says the request is wrong, a secret missing on this device).
export type Attempt =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retry'; readonly reason: string; readonly isNetwork: boolean }
  | { readonly kind: 'refused'; readonly reason: string };

export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${detail}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

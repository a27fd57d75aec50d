// A logger per scope for the renderer; records go to the devtools console.
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export function createLogger(scope: string): Logger {
  return {
    info: (message, detail) => console.info(`[${scope}] ${message}`, detail ?? ''),
    warn: (message, detail) => console.warn(`[${scope}] ${message}`, detail ?? ''),
    error: (message, detail) => console.error(`[${scope}] ${message}`, detail ?? ''),
  };
}

// A logger per scope, writing one line per record to stderr. Level from WARROOM_LOG
// (debug, info, warn, error; default info). Product code never calls console.log.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

function threshold(): number {
  const level = process.env.WARROOM_LOG as LogLevel | undefined;
  return level && level in RANK ? RANK[level] : RANK.info;
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.stack ?? detail.message}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

export function createLogger(
  scope: string,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const log = (level: LogLevel) => (message: string, detail?: unknown) => {
    if (RANK[level] < threshold()) return;
    write(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${describe(detail)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

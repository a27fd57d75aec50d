// Ping checks through the system's ping command (raw ICMP sockets need
// privileges the app does not have). Its output differs per system; the round
// trip is read from the `time=` of each reply, which all of them print.
import { execFile } from 'node:child_process';
import type { MonitorOf } from '../../../common/monitors/monitor-schema';
import { reason } from '../../../common/monitors/reasons';
import { failure, success, type ProbeContext, type ProbeResult } from './probe';

export interface PingOptions {
  /** The ping executable; `ping` from PATH unless told otherwise. */
  readonly command: string;
  readonly platform: NodeJS.Platform;
}

export const DEFAULT_PING: PingOptions = { command: 'ping', platform: process.platform };

export function pingArguments(host: string, count: number, timeoutMs: number, platform: NodeJS.Platform): string[] {
  const waitSeconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  if (platform === 'win32') return ['-n', String(count), '-w', String(Math.round(timeoutMs)), host];
  // macOS and the BSDs: -t is the whole run's timeout; Linux (iputils, busybox): -W waits per reply.
  if (platform === 'darwin' || platform.endsWith('bsd')) return ['-c', String(count), '-t', waitSeconds, host];
  return ['-c', String(count), '-W', waitSeconds, host];
}

/** Round trips in ms, one per reply: `time=0.045 ms` (Linux, macOS), `time<1ms` and `Zeit=12ms` (Windows). */
export function parsePingReplies(output: string): number[] {
  return [...output.matchAll(/(?:time|zeit|temps|tiempo|durata)\s*[=<]\s*([\d.,]+)\s*ms/gi)].map((match) =>
    Number((match[1] ?? '').replace(',', '.')),
  );
}

export function probePing(
  monitor: MonitorOf<'ping'>,
  context: ProbeContext,
  options: PingOptions = DEFAULT_PING,
): Promise<ProbeResult> {
  const args = pingArguments(monitor.host, monitor.count, context.timeoutMs, options.platform);
  return new Promise((resolve) => {
    execFile(
      options.command,
      args,
      { signal: context.signal, windowsHide: true, maxBuffer: 64 * 1024, env: { ...process.env, LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        const replies = parsePingReplies(stdout);
        if (replies.length > 0) {
          const latency = Math.round(replies.reduce((sum, value) => sum + value, 0) / replies.length);
          if (monitor.maxLatencyMs !== undefined && latency > monitor.maxLatencyMs) {
            resolve(failure(reason('tooSlow', { latency, max: monitor.maxLatencyMs }), latency));
          } else {
            resolve(success(reason('pingOk', { latency }), latency));
          }
          return;
        }
        const code = (error as { code?: unknown } | null)?.code;
        if (code === 'ENOENT') resolve(failure(reason('pingMissing')));
        // Exit status 1 is "no reply" on every ping; a deadline reached means the same.
        else if (context.signal.aborted || code === 1) resolve(failure(reason('pingNoReply', { host: monitor.host })));
        else {
          const detail = (stderr.trim() || stdout.trim() || (error?.message ?? '')).split('\n')[0] ?? '';
          resolve(failure(reason('pingFailed', { detail: detail || `exit ${String(code)}` })));
        }
      },
    );
  });
}

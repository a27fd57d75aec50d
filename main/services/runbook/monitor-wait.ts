// Runs a "wait on a monitor" step: the host watches its own monitor board until
// the monitor shows the awaited status, or the time limit passes. It observes
// only, so it is the same in an exercise (where scripts drive the monitors).
import type { WaitSpec } from '../../../common/runbooks/runbook-schema';
import type { Clock } from '../clock';
import { OutputCapture, type CapturedOutput } from './output-capture';

/** What the runner needs of the monitoring service. */
export interface MonitorWatch {
  /** The monitor a step names, by id or else by name; undefined when this host has none. */
  find(ref: string): { readonly id: string; readonly name: string; readonly status: string } | undefined;
  /** Calls back on each status change of any monitor; returns the unsubscribe. */
  onStatus(listener: (monitorId: string, status: string) => void): () => void;
}

export type WaitOutcome = 'ok' | 'timed-out' | 'cancelled' | 'no-monitor';

export interface WaitResult {
  readonly outcome: WaitOutcome;
  readonly monitorId: string | null;
  /** The monitor's name as this host knows it; the step's own words when it knows none. */
  readonly monitorName: string;
  readonly durationMs: number;
  readonly output: CapturedOutput;
}

export interface RunningWait {
  cancel(): void;
  readonly done: Promise<WaitResult>;
}

export interface WaitOptions {
  readonly clock: Clock;
  readonly monitors: MonitorWatch | undefined;
  readonly onOutput: (chunk: Buffer) => void;
}

/** Waits for `spec.until`; a monitor already there ends the wait at once. */
export function startWait(spec: WaitSpec, options: WaitOptions): RunningWait {
  const { clock } = options;
  const started = clock.now();
  const capture = new OutputCapture();
  const say = (line: string) => {
    const chunk = Buffer.from(`${line}\r\n`, 'utf8');
    capture.push(chunk);
    options.onOutput(chunk);
  };
  let settle: (outcome: WaitOutcome) => void = () => undefined;
  const monitor = options.monitors?.find(spec.monitor);
  const done = new Promise<WaitResult>((resolve) => {
    let isSettled = false;
    let unsubscribe: () => void = () => undefined;
    const timer = clock.setTimeout(() => settle('timed-out'), spec.timeoutSeconds * 1000);
    settle = (outcome) => {
      if (isSettled) return;
      isSettled = true;
      clock.clearTimeout(timer);
      unsubscribe();
      const seconds = Math.round((clock.now() - started) / 1000);
      say(`[${outcome}] ${monitor?.name ?? spec.monitor} (${seconds} s)`);
      resolve({
        outcome,
        monitorId: monitor?.id ?? null,
        monitorName: monitor?.name ?? spec.monitor,
        durationMs: Math.max(0, clock.now() - started),
        output: capture.result(),
      });
    };
    if (!monitor || !options.monitors) {
      settle('no-monitor');
      return;
    }
    say(`${monitor.name}: ${monitor.status} → ${spec.until}?`);
    if (monitor.status === spec.until) {
      settle('ok');
      return;
    }
    unsubscribe = options.monitors.onStatus((monitorId, status) => {
      if (monitorId !== monitor.id) return;
      say(`${monitor.name}: ${status}`);
      if (status === spec.until) settle('ok');
    });
  });
  return { cancel: () => settle('cancelled'), done };
}

// The monitoring engine under load and at rest. Load: 5,000 HTTP monitors
// every 5 s against a loopback server in another process (so the server's
// CPU is not counted), measured after one interval of warm-up: checks per
// second of this process's CPU, how late checks start against their due
// time, and the event loop's lag. Rest: 500 monitors every 30 s, the CPU
// share and the resident memory of the whole process.
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { monitorSchema, type MonitorDefinition } from '../common/monitors/monitor-schema';
import { systemClock } from '../main/services/clock';
import { createLogger } from '../main/services/logger';
import { MonitorEngine } from '../main/services/monitor/monitor-engine';
import type { Figure } from './figure';

const LOAD = { monitors: 5_000, intervalS: 5, measureS: 20 };
const REST = { monitors: 500, intervalS: 30, measureS: 30 };

const SERVER = `
  const server = require('node:http').createServer((request, response) => response.end('ok'));
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}/health`, child };
}

function monitors(count: number, intervalS: number, url: string): MonitorDefinition[] {
  return Array.from({ length: count }, (_, index) =>
    monitorSchema.parse({
      id: `m${index}`,
      name: `monitor ${index}`,
      type: 'http',
      url,
      interval: intervalS,
      timeout: 5,
    }),
  );
}

function percentile(values: number[], share: number): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.min(ordered.length - 1, Math.floor(share * ordered.length))] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Window {
  checks: number;
  failures: number;
  lateness: number[];
  isMeasuring: boolean;
}

function startEngine(definitions: MonitorDefinition[], window: Window): MonitorEngine {
  const engine = new MonitorEngine({
    clock: systemClock,
    secrets: () => Promise.resolve(null),
    logger: createLogger('monitor-bench', () => undefined),
    onCheck: (_id, result) => {
      if (!window.isMeasuring) return;
      window.checks += 1;
      if (result.outcome === 'failure') window.failures += 1;
    },
    onCheckStarted: (_id, lateByMs) => {
      if (window.isMeasuring) window.lateness.push(lateByMs);
    },
  });
  engine.setMonitors(definitions);
  engine.start();
  return engine;
}

async function underLoad(url: string): Promise<Figure[]> {
  const window: Window = { checks: 0, failures: 0, lateness: [], isMeasuring: false };
  const engine = startEngine(monitors(LOAD.monitors, LOAD.intervalS, url), window);
  try {
    await sleep(LOAD.intervalS * 1000);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    window.isMeasuring = true;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await sleep(LOAD.measureS * 1000);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    window.isMeasuring = false;
    lag.disable();
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (window.failures > 0) throw new Error(`${window.failures} checks failed against the loopback server`);
    const rate = window.checks / seconds;
    const load = `${LOAD.monitors.toLocaleString('en-US')} HTTP monitors every ${LOAD.intervalS} s`;
    return [
      {
        name: 'monitor checks per core',
        value: window.checks / cpuSeconds,
        unit: 'checks/s',
        target: 1_000,
        better: 'higher',
        note: `${load}: ${Math.round(rate)} checks/s using ${((100 * cpuSeconds) / seconds).toFixed(0)}% of a core over ${LOAD.measureS} s`,
      },
      {
        name: 'monitor start jitter p99',
        // Early counts as much as late: the scheduler runs checks up to 1% of their interval early, on purpose.
        value: percentile(
          window.lateness.map((late) => Math.abs(late)),
          0.99,
        ),
        unit: 'ms',
        target: 100,
        better: 'lower',
        note:
          `${load}; |start − due| over ${window.lateness.length} checks; signed: ` +
          `p1 ${percentile(window.lateness, 0.01).toFixed(0)} ms, median ${percentile(window.lateness, 0.5).toFixed(0)} ms, ` +
          `p99 ${percentile(window.lateness, 0.99).toFixed(0)} ms`,
      },
      {
        name: 'monitor event-loop lag p99',
        value: lag.percentile(99) / 1e6,
        unit: 'ms',
        target: 20,
        better: 'lower',
        note: `${load}; perf_hooks.monitorEventLoopDelay, max ${(lag.max / 1e6).toFixed(1)} ms`,
      },
    ];
  } finally {
    await engine.stop();
  }
}

async function atRest(url: string): Promise<Figure[]> {
  const window: Window = { checks: 0, failures: 0, lateness: [], isMeasuring: false };
  const engine = startEngine(monitors(REST.monitors, REST.intervalS, url), window);
  try {
    // One interval first: every monitor has had its first check spread out.
    await sleep(REST.intervalS * 1000);
    window.isMeasuring = true;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await sleep(REST.measureS * 1000);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    const rss = process.memoryUsage().rss / 1024 / 1024;
    const load = `${REST.monitors} HTTP monitors every ${REST.intervalS} s`;
    return [
      {
        name: 'monitor idle CPU',
        value: (100 * (used.user + used.system)) / 1e6 / seconds,
        unit: '% of a core',
        target: 2,
        better: 'lower',
        note: `${load}, ${window.checks} checks in ${REST.measureS} s`,
      },
      {
        name: 'monitor idle resident memory',
        value: rss,
        unit: 'MB',
        target: 200,
        better: 'lower',
        note: `${load}; the whole bench process, tsx and its compiler included`,
      },
    ];
  } finally {
    await engine.stop();
  }
}

export default async function monitorBench(): Promise<Figure[]> {
  const server = await startServer();
  try {
    // At rest first, so its memory figure is not the load run's leftovers.
    const rest = await atRest(server.url);
    const load = await underLoad(server.url);
    return [...load, ...rest];
  } finally {
    server.child.kill();
  }
}

// Test support for the hub suites (not product code): the hub as a real child
// process, run from its TypeScript entry with tsx, as `npm run hub` runs it built.
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const HUB_ENTRY = join(__dirname, 'hub-entry.ts');

export interface HubProcessOptions {
  /** PGlite's data dir when `databaseUrl` is null. */
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** The hub's entry; the TypeScript source by default, `out/main/hub.js` for the benchmarks. */
  readonly entry?: string;
}

function hubEnv(options: HubProcessOptions, logLevel: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WARROOM_LOG: logLevel };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

function spawnHub(
  args: readonly string[],
  options: HubProcessOptions,
  logLevel: string,
): ChildProcessByStdio<null, Readable, Readable> {
  const entry = options.entry ? [options.entry] : ['--import', 'tsx', HUB_ENTRY];
  return spawn(process.execPath, [...entry, ...args, '--data-dir', options.dataDir], {
    env: hubEnv(options, logLevel),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a one-shot hub command (`workspace add x`…) to its end. */
export function runHubCommand(
  args: readonly string[],
  options: HubProcessOptions,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnHub(args, options, 'error');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface HubProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Calls `onLine` for each line the hub logs (it logs at debug level). */
  onLog(onLine: (line: string) => void): void;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), and wait until the process is gone. */
  stop(): Promise<void>;
}

/** Starts `hub serve --port 0` and resolves with its address once it listens. */
export function startHubProcess(options: HubProcessOptions, logLevel = 'debug'): Promise<HubProcess> {
  const child = spawnHub(['serve', '--port', '0'], options, logLevel);
  const listeners: ((line: string) => void)[] = [];
  let stderr = '';
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr = `${stderr}${line}\n`.slice(-4000);
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`the hub exited (${code ?? signal}) before listening:\n${stderr}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^hub listening on (\S+)/.exec(line);
      if (!match?.[1]) return;
      resolve({
        url: match[1],
        child,
        onLog: (onLine) => listeners.push(onLine),
        kill: () => end('SIGKILL'),
        stop: () => end('SIGTERM'),
      });
    });
  });
}

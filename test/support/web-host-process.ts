// The app's servers as child processes, started the way a user starts them
// (`node out/main/web.js`, `node out/main/hub.js serve`), for the end-to-end
// suite and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// __dirname, not import.meta: Playwright loads this file as CommonJS.
export const REPO_ROOT = join(__dirname, '..', '..');
export const WEB_ENTRY = join(REPO_ROOT, 'out', 'main', 'web.js');
export const HUB_ENTRY = join(REPO_ROOT, 'out', 'main', 'hub.js');

// The host prints its address once it listens (the sentence around it is translated).
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+/;
const OUTPUT_KEPT = 4000;
const STOP_GRACE_MS = 5000;

export interface ServerProcess {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** The process id, for benchmarks that read its memory and CPU from /proc. */
  readonly pid: number | undefined;
  /** What the process printed so far (the tail), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if the process has not exited after a grace period. */
  stop(): Promise<void>;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  // No pid: the spawn itself failed, there is nothing to stop.
  if (child.pid === undefined || hasExited(child)) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * How long a host or hub may take to print its address anywhere in the suite,
 * on a busy machine too (test/e2e/under-load.spec.ts): its first start copies an
 * empty database made at build time, and the rest opens behind the window.
 */
export const HOST_START_BOUND_MS = 10_000;

export interface SpawnOptions {
  readonly timeoutMs?: number;
  /** The port to ask for; by default the host picks (and then keeps) one. */
  readonly port?: number;
  /** Added to this process's environment (LANG, to play a French system). */
  readonly env?: NodeJS.ProcessEnv;
  /** More command-line arguments (`--lan`, `--join-token …`). */
  readonly args?: readonly string[];
}

/** Spawns the browser-mode host with `dataDir`; resolves once it prints its address. */
export function spawnWebHost(
  dataDir: string,
  { timeoutMs = HOST_START_BOUND_MS, port, env = {}, args = [] }: SpawnOptions = {},
): Promise<ServerProcess> {
  const portArgs = port === undefined ? [] : ['--port', String(port)];
  return spawnServer(WEB_ENTRY, ['--data-dir', dataDir, '--no-open', ...portArgs, ...args], { timeoutMs, env });
}

/** Spawns the team hub serving `dataDir` (PGlite); resolves once it prints its address. */
export function spawnHub(
  dataDir: string,
  { timeoutMs = HOST_START_BOUND_MS, port = 0, env = {} }: SpawnOptions = {},
): Promise<ServerProcess> {
  return spawnServer(HUB_ENTRY, ['serve', '--port', String(port), '--data-dir', dataDir], {
    timeoutMs,
    env: { DATABASE_URL: '', ...env },
  });
}

async function spawnServer(
  entry: string,
  args: readonly string[],
  { timeoutMs, env }: { timeoutMs: number; env: NodeJS.ProcessEnv },
): Promise<ServerProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both pipes are read to the end, so a chatty host never blocks on a full pipe;
  // the tail is kept for the error message.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stderr.on('data', keep);

  try {
    const url = await new Promise<string>((found, fail) => {
      const timer = setTimeout(() => fail(new Error(`no address after ${timeoutMs} ms`)), timeoutMs);
      const settle = () => clearTimeout(timer);
      child.stdout.on('data', (chunk: Buffer) => {
        keep(chunk);
        const match = URL_PATTERN.exec(output);
        if (match) {
          settle();
          found(`${match[0]}/`);
        }
      });
      child.once('error', (error) => {
        settle();
        fail(error);
      });
      child.once('exit', (code, signal) => {
        settle();
        fail(new Error(`the process exited (${signal ?? `code ${code}`}) before listening`));
      });
    });
    return { url, pid: child.pid, output: () => output, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${entry} did not start: ${reason}\n${output}`, { cause: error });
  }
}

// `npm run hub` (and `warroom hub` once packaged): the team hub, headless.
//
//   hub [serve] [--port N] [--host ADDR] [--data-dir DIR]
//   hub workspace add <id>             creates a workspace and prints its token, once
//   hub workspace rotate-token <id>    replaces a workspace's token
//   hub workspace list
//
// Storage: PostgreSQL when DATABASE_URL is set, else PGlite in --data-dir
// (default: the app's data dir + /hub). An operator tool: its output is English.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../../services/logger';
import { defaultDataDir } from '../data-dir';
import { openHubStorage, type HubStorage } from './hub-storage';
import { startHubServer, type HubServer } from './hub-server';

export const DEFAULT_HUB_PORT = 7380;

const USAGE = `usage:
  hub [serve] [--port N] [--host ADDR] [--data-dir DIR]
  hub workspace add <id> [--data-dir DIR]
  hub workspace rotate-token <id> [--data-dir DIR]
  hub workspace list [--data-dir DIR]
Storage: PostgreSQL when DATABASE_URL is set, else PGlite in --data-dir.`;

export type HubCommand =
  | { kind: 'serve'; port: number; host: string }
  | { kind: 'workspace-add'; id: string }
  | { kind: 'workspace-rotate'; id: string }
  | { kind: 'workspace-list' }
  | { kind: 'help' };

export interface HubArgs {
  readonly command: HubCommand;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
}

export class UsageError extends Error {}

export function parseHubArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HubArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const dataDir = resolve(values['data-dir'] ?? join(defaultDataDir(), 'hub'));
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const [verb = 'serve', sub, id, ...rest] = positionals;
  const args = (command: HubCommand): HubArgs => ({ command, dataDir, databaseUrl });
  if (values.help || verb === 'help') return args({ kind: 'help' });
  if (verb === 'serve') {
    if (sub !== undefined) throw new UsageError(`unexpected argument "${sub}"`);
    const port = values.port === undefined ? DEFAULT_HUB_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
    }
    return args({ kind: 'serve', port, host: values.host ?? '127.0.0.1' });
  }
  if (values.port !== undefined || values.host !== undefined) {
    throw new UsageError('--port and --host are options of `hub serve`');
  }
  if (verb === 'workspace') {
    if (sub === 'list' && id === undefined) return args({ kind: 'workspace-list' });
    if ((sub === 'add' || sub === 'rotate-token') && id !== undefined && rest.length === 0) {
      return args({ kind: sub === 'add' ? 'workspace-add' : 'workspace-rotate', id });
    }
  }
  throw new UsageError(`unknown command "${positionals.join(' ')}"`);
}

export interface HubOutput {
  out(line: string): void;
  err(line: string): void;
}

const stdio: HubOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs a workspace command to completion; returns the exit code. */
async function runWorkspaceCommand(storage: HubStorage, command: HubCommand, output: HubOutput): Promise<number> {
  switch (command.kind) {
    case 'workspace-add':
    case 'workspace-rotate': {
      const result =
        command.kind === 'workspace-add'
          ? await storage.registry.add(command.id)
          : await storage.registry.rotateToken(command.id);
      if (!result.ok) {
        output.err(`hub: ${result.error.message}`);
        return 1;
      }
      output.out(result.token);
      output.err(`hub: the token of workspace "${command.id}" is shown once; keep it now (it is stored hashed).`);
      return 0;
    }
    case 'workspace-list':
      for (const workspace of await storage.registry.list()) output.out(`${workspace.id}\t${workspace.createdAt}`);
      return 0;
    case 'serve':
    case 'help':
      throw new Error(`not a workspace command: ${command.kind}`);
  }
}

export interface RunningHub {
  readonly server: HubServer;
  readonly storage: HubStorage;
  close(): Promise<void>;
}

/** Opens the storage and serves; resolves once listening. */
export async function serveHub(
  args: HubArgs & { command: { kind: 'serve' } },
  output: HubOutput = stdio,
): Promise<RunningHub> {
  const log = createLogger('hub');
  const storage = await openHubStorage({ databaseUrl: args.databaseUrl, dataDir: args.dataDir, log });
  let server: HubServer;
  try {
    server = await startHubServer({
      store: storage.store,
      registry: storage.registry,
      port: args.command.port,
      host: args.command.host,
      log,
    });
  } catch (error) {
    await storage.close();
    throw error;
  }
  // Tests and scripts read this line for the address (with --port 0, the port picked).
  output.out(`hub listening on ${server.url} (${storage.description})`);
  return {
    server,
    storage,
    async close() {
      await server.close();
      await storage.close();
    },
  };
}

export async function main(argv: readonly string[], output: HubOutput = stdio): Promise<void> {
  let args: HubArgs;
  try {
    args = parseHubArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`hub: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  const { command } = args;
  if (command.kind === 'help') {
    output.out(USAGE);
    return;
  }
  const log = createLogger('hub');
  if (command.kind !== 'serve') {
    let code = 1;
    try {
      const storage = await openHubStorage({ databaseUrl: args.databaseUrl, dataDir: args.dataDir, log });
      try {
        code = await runWorkspaceCommand(storage, command, output);
      } finally {
        await storage.close();
      }
    } catch (error) {
      log.error('the hub command failed', error);
    }
    process.exit(code);
  }
  try {
    const hub = await serveHub({ ...args, command });
    const stop = () => {
      hub.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    log.error('the hub could not start', error);
    process.exit(1);
  }
}

// `npm run hub` (and `warroom hub` once packaged): the team hub, headless.
//
//   hub [serve] [--port N] [--host ADDR] [--data-dir DIR]
//   hub workspace add <id>             creates a workspace and prints its token, once
//   hub workspace rotate-token <id>    replaces a workspace's token
//   hub workspace list
//   hub device list <workspace>        every enrolled device: id, person, kind, sponsor, revoked
//   hub device revoke <workspace> <deviceId> [--reason TEXT]
//                                      signed by the hub's own device: the device's later events are refused everywhere
//
// Storage: PostgreSQL when DATABASE_URL is set, else PGlite in --data-dir
// (default: the app's data dir + /hub). An operator tool: its output is English.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DeviceRecord } from '../../../common/events/devices';
import { REASON_MAX } from '../../../common/events/event';
import { createLogger } from '../../services/logger';
import { defaultDataDir } from '../data-dir';
import { HUB_PERSON } from './hub-device';
import { openHubStorage, type HubStorage } from './hub-storage';
import { startHubServer, type HubServer } from './hub-server';

export const DEFAULT_HUB_PORT = 7380;

const USAGE = `usage:
  hub [serve] [--port N] [--host ADDR] [--data-dir DIR]
  hub workspace add <id> [--data-dir DIR]
  hub workspace rotate-token <id> [--data-dir DIR]
  hub workspace list [--data-dir DIR]
  hub device list <workspace> [--data-dir DIR]
  hub device revoke <workspace> <deviceId> [--reason TEXT] [--data-dir DIR]
Storage: PostgreSQL when DATABASE_URL is set, else PGlite in --data-dir.`;

export type HubCommand =
  | { kind: 'serve'; port: number; host: string }
  | { kind: 'workspace-add'; id: string }
  | { kind: 'workspace-rotate'; id: string }
  | { kind: 'workspace-list' }
  | { kind: 'device-list'; workspace: string }
  | { kind: 'device-revoke'; workspace: string; deviceId: string; reason?: string }
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
        reason: { type: 'string' },
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
  if (values.reason !== undefined && !(verb === 'device' && sub === 'revoke')) {
    throw new UsageError('--reason is an option of `hub device revoke`');
  }
  if (verb === 'workspace') {
    if (sub === 'list' && id === undefined) return args({ kind: 'workspace-list' });
    if ((sub === 'add' || sub === 'rotate-token') && id !== undefined && rest.length === 0) {
      return args({ kind: sub === 'add' ? 'workspace-add' : 'workspace-rotate', id });
    }
  }
  if (verb === 'device' && id !== undefined) {
    if (sub === 'list' && rest.length === 0) return args({ kind: 'device-list', workspace: id });
    const [deviceId, ...extra] = rest;
    if (sub === 'revoke' && deviceId !== undefined && extra.length === 0) {
      const reason = values.reason?.trim();
      if (values.reason !== undefined && (!reason || reason.length > REASON_MAX)) {
        throw new UsageError(`--reason must be 1 to ${REASON_MAX} characters`);
      }
      return args({ kind: 'device-revoke', workspace: id, deviceId, ...(reason ? { reason } : {}) });
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

/** One line of `device list`: id, person, kind, sponsor, revoked (tab-separated; '-' for none). */
function deviceLine(device: DeviceRecord): string {
  const revoked =
    device.revokedAfter === undefined ? '-' : `revoked after #${device.revokedAfter} by ${device.revokedBy ?? '?'}`;
  return [device.deviceId, device.person.name, device.kind, device.sponsor ?? '-', revoked].join('\t');
}

/**
 * Revokes a device of a workspace as the hub's own device, after the last of
 * its events the hub holds: laptops keep what it wrote up to there and refuse
 * the rest, once the revocation reaches them through this hub.
 */
async function revokeDevice(
  storage: HubStorage,
  command: Extract<HubCommand, { kind: 'device-revoke' }>,
  output: HubOutput,
): Promise<number> {
  const log = storage.store.log(command.workspace);
  const device = (await log.devices()).find((each) => each.deviceId === command.deviceId);
  const refuse = (message: string) => {
    output.err(`hub: ${message}`);
    return 1;
  };
  if (!device) return refuse(`no device "${command.deviceId}" in workspace "${command.workspace}"`);
  if (device.deviceId === storage.store.deviceId) return refuse('that is this hub’s own device');
  if (device.revokedAfter !== undefined) {
    return refuse(`${device.deviceId} was revoked already, after #${device.revokedAfter}`);
  }
  const afterSeq = (await log.vector())[device.deviceId] ?? 0;
  const result = await log.append(
    [
      {
        type: 'device.revoked',
        actor: HUB_PERSON.name,
        payload: { deviceId: device.deviceId, afterSeq, ...(command.reason ? { reason: command.reason } : {}) },
      },
    ],
    Date.now(),
  );
  if (!result.ok) return refuse(`the revocation was refused: ${result.error.message}`);
  output.out(`revoked ${device.deviceId} (${device.person.name}, ${device.kind}) after #${afterSeq}`);
  output.err(
    `hub: its events after #${afterSeq} are refused from now on; laptops learn it at their next sync with this hub.`,
  );
  return 0;
}

/** Runs a workspace or device command to completion; returns the exit code. */
export async function runAdminCommand(storage: HubStorage, command: HubCommand, output: HubOutput): Promise<number> {
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
    case 'device-list':
    case 'device-revoke': {
      if (!(await storage.registry.list()).some((workspace) => workspace.id === command.workspace)) {
        output.err(`hub: no workspace "${command.workspace}"`);
        return 1;
      }
      if (command.kind === 'device-revoke') return revokeDevice(storage, command, output);
      for (const device of await storage.store.log(command.workspace).devices()) output.out(deviceLine(device));
      return 0;
    }
    case 'serve':
    case 'help':
      throw new Error(`not a one-shot command: ${command.kind}`);
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
        code = await runAdminCommand(storage, command, output);
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

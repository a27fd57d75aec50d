// The hub's command line: what each invocation means, and what it refuses; and
// its device commands against a real hub (PGlite, served over HTTP) that a
// laptop's real store syncs with: the revocation the hub signs reaches the
// laptop, and both refuse the revoked device's later events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldEvents } from '../../../common/domain/incidents';
import type { EventDraft } from '../../../common/events/event';
import { syncWith, type ExchangeFn } from '../../../common/sync/exchange';
import { signedDevice, type SignedDevice } from '../../../test/support/signed-device';
import { generateDeviceKey } from '../../services/identity/device-key';
import { createLogger } from '../../services/logger';
import { openPgliteClient, type PgliteClient } from '../store/pglite-client';
import { SqlEventStore, type SqlEventLog } from '../store/sql-event-log';
import { DEFAULT_HUB_PORT, parseHubArgs, runAdminCommand, UsageError, type HubCommand } from './hub-cli';
import { createHubExchange } from './hub-client';
import { HUB_KEY_META } from './hub-device';
import { startHubServer, type HubServer } from './hub-server';
import { openHubStorage, type HubStorage } from './hub-storage';

const env = { HOME: '/home/ic', XDG_CONFIG_HOME: '' };

describe('parseHubArgs', () => {
  it('serves on loopback by default, PGlite in the data dir when no DATABASE_URL is set', () => {
    const args = parseHubArgs([], env);
    expect(args.command).toEqual({ kind: 'serve', port: DEFAULT_HUB_PORT, host: '127.0.0.1' });
    expect(args.databaseUrl).toBeNull();
    expect(args.dataDir.endsWith(join('warroom', 'hub'))).toBe(true);
  });

  it('takes a port, a host, a data dir and DATABASE_URL', () => {
    const args = parseHubArgs(['serve', '--port', '0', '--host', '0.0.0.0', '--data-dir', '/srv/hub'], {
      ...env,
      DATABASE_URL: 'postgres://hub@db/warroom',
    });
    expect(args).toEqual({
      command: { kind: 'serve', port: 0, host: '0.0.0.0' },
      dataDir: '/srv/hub',
      databaseUrl: 'postgres://hub@db/warroom',
    });
  });

  it('reads the workspace commands', () => {
    expect(parseHubArgs(['workspace', 'add', 'ops'], env).command).toEqual({ kind: 'workspace-add', id: 'ops' });
    expect(parseHubArgs(['workspace', 'rotate-token', 'ops'], env).command).toEqual({
      kind: 'workspace-rotate',
      id: 'ops',
    });
    expect(parseHubArgs(['workspace', 'list'], env).command).toEqual({ kind: 'workspace-list' });
    expect(parseHubArgs(['--help'], env).command).toEqual({ kind: 'help' });
  });

  it('reads the device commands', () => {
    expect(parseHubArgs(['device', 'list', 'ops'], env).command).toEqual({ kind: 'device-list', workspace: 'ops' });
    expect(parseHubArgs(['device', 'revoke', 'ops', 'laptop-1'], env).command).toEqual({
      kind: 'device-revoke',
      workspace: 'ops',
      deviceId: 'laptop-1',
    });
    expect(parseHubArgs(['device', 'revoke', 'ops', 'laptop-1', '--reason', ' stolen in Lyon '], env).command).toEqual({
      kind: 'device-revoke',
      workspace: 'ops',
      deviceId: 'laptop-1',
      reason: 'stolen in Lyon',
    });
  });

  it.each([
    [['serve', '--port', '70000']],
    [['serve', '--port', 'http']],
    [['serve', 'extra']],
    [['workspace', 'add']],
    [['workspace', 'add', 'a', 'b']],
    [['workspace', 'list', '--port', '1']],
    [['workspaces']],
    [['--verbose']],
    [['device', 'list']],
    [['device', 'list', 'ops', 'extra']],
    [['device', 'revoke', 'ops']],
    [['device', 'revoke', 'ops', 'a', 'b']],
    [['device', 'revoke', 'ops', 'a', '--reason', '  ']],
    [['device', 'list', 'ops', '--reason', 'why']],
    [['workspace', 'add', 'ops', '--reason', 'why']],
  ])('refuses %j', (argv) => {
    expect(() => parseHubArgs(argv, env)).toThrow(UsageError);
  });
});

/** What a command printed, line by line. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

const declared = (title: string): EventDraft => ({
  type: 'incident.declared',
  actor: '',
  payload: { title, severity: 'SEV2', kind: 'technical-failure' },
});

describe('hub device list and revoke, on a real PGlite hub', () => {
  const WORKSPACE = 'ops';
  let root: string;
  let hubDir: string;
  let storage: HubStorage;
  let server: HubServer;
  let exchange: ExchangeFn;
  /** Alice's laptop: its host's store on PGlite, signing as the host does. */
  let laptopClient: PgliteClient;
  let laptop: SqlEventLog;
  /** A teammate's browser Alice's laptop let in. */
  let teammate: SignedDevice;

  async function run(command: HubCommand) {
    const printed = capture();
    const code = await runAdminCommand(storage, command, printed.output);
    return { code, out: printed.out, err: printed.err };
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'warroom-hub-cli-'));
    hubDir = join(root, 'hub');
    const log = createLogger('hub-cli-test');
    storage = await openHubStorage({ databaseUrl: null, dataDir: hubDir, log });
    const added = await storage.registry.add(WORKSPACE);
    if (!added.ok) throw new Error(added.error.message);
    server = await startHubServer({ store: storage.store, registry: storage.registry, port: 0, log });
    exchange = createHubExchange({ url: server.url, workspace: WORKSPACE, token: added.token });

    laptopClient = await openPgliteClient(join(root, 'laptop'));
    const store = await SqlEventStore.open(laptopClient, {
      signer: { kind: 'host', key: generateDeviceKey(), person: () => ({ name: 'Alice' }) },
    });
    laptop = store.log(WORKSPACE);
    const own = await laptop.append([declared('Checkout down')], Date.now());
    if (!own.ok) throw new Error(own.error.message);
    teammate = signedDevice('Tariq', { workspace: WORKSPACE, kind: 'lan', sponsor: store.deviceId });
    expect(await laptop.apply(teammate.write([declared('Stores offline')], Date.now()))).toMatchObject({ ok: true });
    await syncWith(laptop, exchange);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await storage?.close();
    await laptopClient?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('lists each device of a workspace: id, person, kind, sponsor, whether it is revoked', async () => {
    const listed = await run({ kind: 'device-list', workspace: WORKSPACE });
    expect(listed.code).toBe(0);
    expect(listed.out.map((line) => line.split('\t')).sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? ''))).toEqual([
      [laptop.deviceId, 'Alice', 'host', '-', '-'],
      [teammate.deviceId, 'Tariq', 'lan', laptop.deviceId, '-'],
    ]);
    expect(await run({ kind: 'device-list', workspace: 'nowhere' })).toEqual({
      code: 1,
      out: [],
      err: ['hub: no workspace "nowhere"'],
    });
  });

  it('revokes a device as the hub itself: the hub and the laptop refuse its later events', async () => {
    const revoked = await run({
      kind: 'device-revoke',
      workspace: WORKSPACE,
      deviceId: teammate.deviceId,
      reason: 'phone lost',
    });
    expect(revoked.code).toBe(0);
    // Its enrolment and one incident stay.
    expect(revoked.out).toEqual([`revoked ${teammate.deviceId} (Tariq, lan) after #2`]);

    const hubLog = storage.store.log(WORKSPACE);
    const hubDevice = (await hubLog.devices()).find((device) => device.kind === 'hub');
    expect(hubDevice).toMatchObject({ deviceId: storage.store.deviceId, person: { name: 'Team hub' } });
    const late = teammate.write([declared('written after')], Date.now());
    expect(await hubLog.apply(late)).toMatchObject({ ok: false, error: { code: 'device-revoked' } });

    // The laptop takes the hub's enrolment and revocation, and refuses the same event.
    await syncWith(laptop, exchange);
    const state = foldEvents(await laptop.all());
    expect(state.devices.get(teammate.deviceId)).toMatchObject({ revokedAfter: 2, revokedBy: hubDevice?.deviceId });
    expect(state.devices.get(storage.store.deviceId)).toMatchObject({ kind: 'hub', person: { name: 'Team hub' } });
    expect(await laptop.apply(late)).toMatchObject({ ok: false, error: { code: 'device-revoked' } });

    const listed = await run({ kind: 'device-list', workspace: WORKSPACE });
    expect(listed.out).toContain(
      [teammate.deviceId, 'Tariq', 'lan', laptop.deviceId, `revoked after #2 by ${storage.store.deviceId}`].join('\t'),
    );
    expect(listed.out).toContain([storage.store.deviceId, 'Team hub', 'hub', '-', '-'].join('\t'));
  });

  it('revokes a lost laptop, which no laptop may do: its next sync is refused', async () => {
    expect((await run({ kind: 'device-revoke', workspace: WORKSPACE, deviceId: laptop.deviceId })).code).toBe(0);
    // Whoever holds it writes on, unaware; the hub refuses what it pushes, and the
    // laptop takes the revocation instead: it no longer offers that event, and
    // writes nothing more of its own.
    expect(await laptop.append([declared('after the theft')], Date.now())).toMatchObject({ ok: true });
    const hubBefore = await storage.store.log(WORKSPACE).vector();
    await syncWith(laptop, exchange);
    expect((await storage.store.log(WORKSPACE).vector())[laptop.deviceId]).toBe(hubBefore[laptop.deviceId]);
    expect(await laptop.append([declared('and again')], Date.now())).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('revoked') },
    });
    const titles = [...foldEvents(await storage.store.log(WORKSPACE).all()).incidents.values()].map(
      (incident) => incident.title,
    );
    expect(titles).toContain('Checkout down');
    expect(titles).not.toContain('after the theft');
  });

  it('refuses an unknown workspace or device, a device revoked already and the hub itself; nothing is written', async () => {
    const hubLog = storage.store.log(WORKSPACE);
    const before = await hubLog.vector();
    const cases: [HubCommand, string][] = [
      [{ kind: 'device-revoke', workspace: 'nowhere', deviceId: teammate.deviceId }, 'hub: no workspace "nowhere"'],
      [
        { kind: 'device-revoke', workspace: WORKSPACE, deviceId: 'never-seen' },
        'hub: no device "never-seen" in workspace "ops"',
      ],
      [
        { kind: 'device-revoke', workspace: WORKSPACE, deviceId: teammate.deviceId },
        `hub: ${teammate.deviceId} was revoked already, after #2`,
      ],
      [
        { kind: 'device-revoke', workspace: WORKSPACE, deviceId: storage.store.deviceId },
        'hub: that is this hub’s own device',
      ],
    ];
    for (const [command, message] of cases) expect(await run(command)).toEqual({ code: 1, out: [], err: [message] });
    expect(await hubLog.vector()).toEqual(before);
  });

  it('keeps its key in its database: reopened, it signs as the same hub device', async () => {
    const deviceId = storage.store.deviceId;
    const [kept] = await storage.client.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [
      HUB_KEY_META,
    ]);
    await server.close();
    await storage.close();
    storage = await openHubStorage({ databaseUrl: null, dataDir: hubDir, log: createLogger('hub-cli-test') });
    server = await startHubServer({
      store: storage.store,
      registry: storage.registry,
      port: 0,
      log: createLogger('hub-cli-test'),
    });
    expect(storage.store.deviceId).toBe(deviceId);
    const [again] = await storage.client.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [
      HUB_KEY_META,
    ]);
    expect(again?.value).toBe(kept?.value);
    const other = signedDevice('Chloé', { workspace: WORKSPACE, kind: 'host' });
    expect(await storage.store.log(WORKSPACE).apply(other.write([declared('Chloé here')], Date.now()))).toMatchObject({
      ok: true,
    });
    expect((await run({ kind: 'device-revoke', workspace: WORKSPACE, deviceId: other.deviceId })).code).toBe(0);
    const hubs = (await storage.store.log(WORKSPACE).devices()).filter((device) => device.kind === 'hub');
    expect(hubs.map((device) => device.deviceId)).toEqual([deviceId]);
  });
});

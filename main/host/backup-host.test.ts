// The backup through the host's bridge, as a window drives it: create, read in
// chunks, upload to a fresh host in chunks, restore. Secrets and settings stay behind.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_CHUNK_BYTES, type BackupCreated, type BackupRestored } from '../../common/bridge/backup-contract';
import type { Result } from '../../common/bridge/result';
import type { EventDraft } from '../../common/events/event';
import { signedDevice } from '../../test/support/signed-device';
import { testHostOptions } from '../../test/support/test-host';
import { createHost, type Host } from './host';
import { isCallAllowed } from './web-access';

let root: string;
const hosts: Host[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'warroom-backup-host-'));
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await rm(root, { recursive: true, force: true });
});

async function newHost(name: string): Promise<Host> {
  const host = await createHost(testHostOptions(join(root, name)));
  hosts.push(host);
  return host;
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/**
 * A window's signed events, big enough to need several chunks (random text does
 * not compress): its enrolment, an incident and `count` notes.
 */
function windowEvents(count: number) {
  const window = signedDevice('Alice', { kind: 'window', sponsor: 'host-device' });
  const declared = window.write(
    [
      {
        type: 'incident.declared',
        actor: 'Alice',
        payload: { title: 'Stores offline', severity: 'SEV2', kind: 'technical-failure' },
      },
    ],
    1_000,
  );
  const drafts: EventDraft[] = Array.from({ length: count }, (_, i) => ({
    type: 'incident.note-added',
    incidentId: declared.at(-1)!.id,
    actor: 'Alice',
    payload: { text: `${i} ${randomBytes(900).toString('base64')}` },
  }));
  return [...declared, ...window.write(drafts, 2_000)];
}

async function download(host: Host, backupId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const chunk = value<{ data: string; isLast: boolean }>(await host.route('backup:read', { backupId, offset }));
    const bytes = Buffer.from(chunk.data, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    if (chunk.isLast) return Buffer.concat(parts);
  }
}

async function upload(host: Host, uploadId: string, file: Buffer): Promise<void> {
  for (let offset = 0; offset < file.length || offset === 0; offset += BACKUP_CHUNK_BYTES) {
    const data = file.subarray(offset, offset + BACKUP_CHUNK_BYTES).toString('base64');
    value(await host.route('backup:upload', { uploadId, offset, data }));
    if (file.length === 0) break;
  }
}

describe('backup through the host', () => {
  it('carries the record to a fresh host in chunks, and leaves secrets and settings behind', async () => {
    const source = await newHost('source');
    // 3,002 events: more than one sync batch, restored in one transaction.
    const events = windowEvents(3_000);
    expect(events).toHaveLength(3_002);
    for (let i = 0; i < events.length; i += 500) {
      const request = { workspace: 'default', vector: {}, events: events.slice(i, i + 500) };
      expect(value<{ ok: boolean }>(await source.route('sync:exchange', request)).ok).toBe(true);
    }
    value(await source.route('secret:set', { name: 'pagerduty-token', value: 'super-secret-value-42' }));
    value(await source.route('settings:update', { displayName: 'Alice from settings' }));

    const created = value<BackupCreated>(await source.route('backup:create', { passphrase: null }));
    expect(created).toMatchObject({ events: 3_002, devices: 1, isEncrypted: false });
    expect(created.fileName).toMatch(/^warroom-default-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.warroom-backup$/);
    expect(created.bytes).toBeGreaterThan(BACKUP_CHUNK_BYTES);
    const file = await download(source, created.backupId);
    expect(file.length).toBe(created.bytes);
    expect(file.includes(Buffer.from('super-secret-value-42'))).toBe(false);
    // Read to the end, the file leaves the data dir.
    expect(await readdir(join(root, 'source', 'backups'))).toEqual([]);
    expect((await source.route('backup:read', { backupId: created.backupId, offset: 0 })).ok).toBe(false);

    const target = await newHost('target');
    const changed: unknown[] = [];
    target.events.subscribe((name, payload) => {
      if (name === 'sync:changed') changed.push(payload);
    });
    await upload(target, 'upload-0001', file);
    const restored = value<BackupRestored>(
      await target.route('backup:restore', { uploadId: 'upload-0001', passphrase: null }),
    );
    expect(restored).toMatchObject({ ok: true, events: 3_002, stored: 3_002, devices: 1 });
    const log = await target.log();
    const windowId = events[0]!.deviceId;
    expect(await log.vector()).toEqual({ [windowId]: 3_002 });
    expect(await log.eventsBeyond({}, 10_000)).toEqual(events);
    expect(changed).toEqual([{ workspace: 'default', vector: { [windowId]: 3_002 } }]);
    expect(value<{ names: string[] }>(await target.route('secret:list', {})).names).toEqual([]);
    expect(value<{ displayName: string | null }>(await target.route('settings:get', {})).displayName).toBeNull();
    expect(await readdir(join(root, 'target', 'restore-uploads'))).toEqual([]);
  });

  it('refuses a cut-off upload with a reason and writes nothing', async () => {
    const source = await newHost('source');
    const request = { workspace: 'default', vector: {}, events: windowEvents(10) };
    value(await source.route('sync:exchange', request));
    const created = value<BackupCreated>(await source.route('backup:create', { passphrase: 'a long passphrase' }));
    const file = await download(source, created.backupId);
    const target = await newHost('target');
    await upload(target, 'upload-0002', file.subarray(0, file.length - 10));
    expect(
      value<BackupRestored>(
        await target.route('backup:restore', { uploadId: 'upload-0002', passphrase: 'a long passphrase' }),
      ),
    ).toMatchObject({
      ok: false,
      reason: 'truncated',
    });
    await upload(target, 'upload-0003', file);
    expect(
      value<BackupRestored>(
        await target.route('backup:restore', { uploadId: 'upload-0003', passphrase: 'wrong passphrase' }),
      ),
    ).toMatchObject({
      ok: false,
      reason: 'wrong-passphrase',
    });
    expect(await (await target.log()).vector()).toEqual({});
    // An upload is used once; chunks out of order are refused.
    expect(
      value<BackupRestored>(await target.route('backup:restore', { uploadId: 'upload-0003', passphrase: null })),
    ).toMatchObject({
      ok: false,
      reason: 'no-upload',
    });
    expect((await target.route('backup:upload', { uploadId: 'upload-0004', offset: 10, data: 'AAAA' })).ok).toBe(false);
    // A short passphrase never makes a backup.
    expect((await source.route('backup:create', { passphrase: 'short' })).ok).toBe(false);
  });

  it('answers only the person at the laptop: a LAN teammate can neither take nor replace the record', () => {
    for (const call of ['backup:create', 'backup:read', 'backup:upload', 'backup:restore']) {
      expect(isCallAllowed(call, false), call).toBe(false);
      expect(isCallAllowed(call, true), call).toBe(true);
    }
  });
});

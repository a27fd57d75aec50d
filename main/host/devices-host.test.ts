// Revoking from the laptop, against the host's real record (PGlite, signing as
// the host does): a teammate's browser this laptop let in is let go, and its
// next batch is refused with `device-revoked`; a device of another laptop, the
// laptop itself, a device it never saw or one revoked already are refused with
// their reason, and nothing is written.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldEvents } from '../../common/domain/incidents';
import type { EventDraft, WarEvent } from '../../common/events/event';
import { signedDevice, type SignedDevice } from '../../test/support/signed-device';
import { testHostOptions } from '../../test/support/test-host';
import { createLogger } from '../services/logger';
import { AT_LAPTOP } from './bridge-router';
import { createHost, type Host } from './host';
import { openHostStore } from './host-store';
import { isCallAllowed, lanRefusal } from './web-access';

const TEAMMATE = { isAtLaptop: false };
const NOW = Date.now();

let dir: string;
let host: Host;
let hostDevice: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-devices-'));
  const dataDir = join(dir, 'data');
  host = await createHost(
    testHostOptions(dataDir, {
      openLog: (identity) => openHostStore(dataDir, createLogger('store'), identity),
    }),
  );
  const identity = await host.route('record:identity', {}, AT_LAPTOP);
  if (!identity.ok) throw new Error(identity.error.message);
  hostDevice = (identity.value as { sponsor: string }).sponsor;
}, 60_000);

afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

const note = (text: string): EventDraft => ({
  type: 'incident.declared',
  actor: '',
  payload: { title: text, severity: 'SEV3', kind: 'technical-failure' },
});

/** A window's exchange carrying `events`, as the bridge delivers it. */
function push(events: readonly WarEvent[], caller = AT_LAPTOP) {
  return host.route('sync:exchange', { workspace: 'default', vector: {}, events }, caller);
}

async function accepted(device: SignedDevice, count: number, caller = AT_LAPTOP): Promise<void> {
  const answer = await push(
    device.write(
      Array.from({ length: count }, (_, i) => note(`${device.person.name} ${i}`)),
      NOW,
    ),
    caller,
  );
  expect(answer).toMatchObject({ ok: true, value: { ok: true } });
}

async function held(): Promise<WarEvent[]> {
  return (await host.log()).eventsBeyond({}, 100_000);
}

const refused = (reason: string) => ({ ok: false, error: { code: 'refused', message: reason } });

describe('devices:revoke', () => {
  it("lets go of a teammate's browser this laptop let in: its later events are refused, its earlier ones stay", async () => {
    const teammate = signedDevice('Tariq', { kind: 'lan', sponsor: hostDevice });
    await accepted(teammate, 2, TEAMMATE);

    const revoked = await host.route(
      'devices:revoke',
      { deviceId: teammate.deviceId, reason: 'left the room' },
      AT_LAPTOP,
    );
    // Its enrolment and two incidents.
    expect(revoked).toEqual({ ok: true, value: { deviceId: teammate.deviceId, afterSeq: 3 } });
    const revocation = (await held()).find((event) => event.type === 'device.revoked');
    expect(revocation).toMatchObject({
      deviceId: hostDevice,
      payload: { deviceId: teammate.deviceId, afterSeq: 3, reason: 'left the room' },
    });

    const late = await push(teammate.write([note('written after')], NOW), TEAMMATE);
    expect(late).toMatchObject({ ok: true, value: { ok: false, error: { code: 'device-revoked' } } });
    const state = foldEvents(await held());
    expect([...state.incidents.values()].map((incident) => incident.title)).not.toContain('written after');
    expect(state.devices.get(teammate.deviceId)).toMatchObject({ revokedAfter: 3, revokedBy: hostDevice });

    expect(await host.route('devices:revoke', { deviceId: teammate.deviceId }, AT_LAPTOP)).toEqual(
      refused('already-revoked'),
    );
  });

  it('lets go of one of its own windows', async () => {
    const window = signedDevice('Alice', { kind: 'window', sponsor: hostDevice });
    await accepted(window, 1);
    expect(await host.route('devices:revoke', { deviceId: window.deviceId }, AT_LAPTOP)).toEqual({
      ok: true,
      value: { deviceId: window.deviceId, afterSeq: 2 },
    });
  });

  it('refuses another laptop, a browser another laptop let in, itself and a device it never saw; nothing is written', async () => {
    const otherLaptop = signedDevice('Bruno', { kind: 'host' });
    const otherTeammate = signedDevice('Chloé', { kind: 'lan', sponsor: otherLaptop.deviceId });
    // They reach this laptop through the hub, as any record of another laptop does.
    const events = [...otherLaptop.write([note('Bruno 0')], NOW), ...otherTeammate.write([note('Chloé 0')], NOW)];
    expect(await (await host.log()).apply(events)).toMatchObject({ ok: true });
    const before = await (await host.log()).vector();

    for (const deviceId of [otherLaptop.deviceId, otherTeammate.deviceId])
      expect(await host.route('devices:revoke', { deviceId }, AT_LAPTOP), deviceId).toEqual(refused('not-sponsored'));
    expect(await host.route('devices:revoke', { deviceId: hostDevice }, AT_LAPTOP)).toEqual(refused('this-laptop'));
    expect(await host.route('devices:revoke', { deviceId: 'never-seen' }, AT_LAPTOP)).toEqual(
      refused('unknown-device'),
    );
    expect(await (await host.log()).vector()).toEqual(before);
  });

  it("is the person at the laptop's: a teammate's browser is refused it, with a reason it words", () => {
    expect(isCallAllowed('devices:revoke', false)).toBe(false);
    expect(isCallAllowed('devices:revoke', true)).toBe(true);
    expect(lanRefusal('devices:revoke')).toBe('devices-laptop-only');
  });
});

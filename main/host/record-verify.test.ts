// "Verify record" on the host: its own replica (PGlite, as the desktop app runs
// it) checked chain by chain through the bridge, and a row altered on disk found.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signedDevice } from '../../test/support/signed-device';
import { testHostOptions } from '../../test/support/test-host';
import type { EventDraft } from '../../common/events/event';
import { createHost, type Host } from './host';
import { openPgliteClient, type PgliteClient } from './store/pglite-client';
import { SqlEventStore } from './store/sql-event-log';

let dir: string;
let client: PgliteClient;
let store: SqlEventStore;
let host: Host;
let workspace: string;
let workspaces = 0;

// One PGlite for the file (its first start takes seconds); a workspace per test.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-verify-'));
  client = await openPgliteClient(join(dir, 'store'));
  store = await SqlEventStore.open(client);
}, 60_000);

afterAll(async () => {
  await client.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  workspace = `verify-${(workspaces += 1)}`;
  const log = store.log(workspace);
  host = await createHost(
    testHostOptions(join(dir, `data-${workspace}`), { openLog: async () => ({ log, close: async () => undefined }) }),
  );
});

afterEach(() => host.close());

/** Each labelled device's id (made from its key). */
const idOf = new Map<string, string>();
const id = (label: string): string => idOf.get(label) ?? label;

/** A signed device's chain: its enrolment, an incident, `notes` notes. Returns the ids, seq 1 first. */
async function writeChain(label: string, notes: number): Promise<string[]> {
  const device = signedDevice('Alice', { workspace });
  idOf.set(label, device.deviceId);
  const declared = device.write(
    [
      {
        type: 'incident.declared',
        actor: 'Alice',
        payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' },
      },
    ],
    1_000,
  );
  const drafts: EventDraft[] = Array.from({ length: notes }, (_, i) => ({
    type: 'incident.note-added',
    incidentId: declared.at(-1)!.id,
    actor: 'Alice',
    payload: { text: `note ${i}` },
  }));
  const events = [...declared, ...device.write(drafts, 2_000)];
  expect(await (await host.log()).apply(events)).toEqual({ ok: true, stored: events.length });
  return events.map((event) => event.id);
}

describe('record:verify', () => {
  it('reports every device and event of the host’s replica, intact', async () => {
    // Each chain: its enrolment, the incident, the notes.
    await writeChain('laptop-a', 2);
    await writeChain('laptop-b', 1);
    expect(await host.route('record:verify', {})).toEqual({
      ok: true,
      value: {
        checked: 7,
        devices: [
          { deviceId: id('laptop-a'), events: 4, verifiedThrough: 4 },
          { deviceId: id('laptop-b'), events: 3, verifiedThrough: 3 },
        ].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)),
        breaks: [],
      },
    });
  });

  it('finds an event altered in the store, by device, seq and id', async () => {
    const ids = await writeChain('laptop-a', 3);
    // Seq 4 is note 1 (after the enrolment, the incident and note 0).
    await client.query(
      `UPDATE events SET body = replace(body, '"note 1"', '"nothing to see"') WHERE workspace = $1 AND device_id = $2 AND seq = 4`,
      [workspace, id('laptop-a')],
    );
    const result = await host.route('record:verify', {});
    expect(result).toEqual({
      ok: true,
      value: {
        checked: 5,
        devices: [{ deviceId: id('laptop-a'), events: 5, verifiedThrough: 3 }],
        breaks: [{ kind: 'bad-hash', deviceId: id('laptop-a'), seq: 4, eventId: ids[3] }],
      },
    });
  });

  it('finds events removed from the store', async () => {
    await writeChain('laptop-a', 3);
    await client.query(`DELETE FROM events WHERE workspace = $1 AND device_id = $2 AND seq = 5`, [
      workspace,
      id('laptop-a'),
    ]);
    const result = await host.route('record:verify', {});
    expect(result).toMatchObject({
      ok: true,
      value: { breaks: [{ kind: 'truncated', deviceId: id('laptop-a'), lastSeq: 4, headSeq: 5 }] },
    });
  });
});

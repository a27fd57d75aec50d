// "Verify record" on the host: its own replica (PGlite, as the desktop app runs
// it) checked chain by chain through the bridge, and a row altered on disk found.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHostOptions } from '../../test/support/test-host';
import { EMPTY_HEAD, sealEvents } from '../../common/events/chain';
import { DEFAULT_WORKSPACE, type EventDraft } from '../../common/events/event';
import { createHost, type Host } from './host';
import { openPgliteClient, type PgliteClient } from './store/pglite-client';
import { SqlEventStore } from './store/sql-event-log';

let dir: string;
let client: PgliteClient;
let host: Host;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-verify-'));
  client = await openPgliteClient(join(dir, 'store'));
  const store = await SqlEventStore.open(client);
  host = await createHost(
    testHostOptions(join(dir, 'data'), {
      openLog: async () => ({ log: store.log(DEFAULT_WORKSPACE), close: async () => undefined }),
    }),
  );
});

afterEach(async () => {
  await host.close();
  await client.close();
  await rm(dir, { recursive: true, force: true });
});

async function writeChain(deviceId: string, notes: number): Promise<string[]> {
  let ids = 0;
  const declared = sealEvents(
    EMPTY_HEAD,
    [
      {
        type: 'incident.declared',
        actor: 'Alice',
        payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' },
      },
    ],
    { workspace: DEFAULT_WORKSPACE, deviceId, nowMs: 1_000, newId: () => `${deviceId}-${(ids += 1)}` },
  );
  const drafts: EventDraft[] = Array.from({ length: notes }, (_, i) => ({
    type: 'incident.note-added',
    incidentId: declared.events[0]!.id,
    actor: 'Alice',
    payload: { text: `note ${i}` },
  }));
  const rest = sealEvents(declared.head, drafts, {
    workspace: DEFAULT_WORKSPACE,
    deviceId,
    nowMs: 2_000,
    newId: () => `${deviceId}-${(ids += 1)}`,
  });
  const events = [...declared.events, ...rest.events];
  expect(await (await host.log()).apply(events)).toEqual({ ok: true, stored: events.length });
  return events.map((event) => event.id);
}

describe('record:verify', () => {
  it('reports every device and event of the host’s replica, intact', async () => {
    await writeChain('laptop-a', 2);
    await writeChain('laptop-b', 1);
    expect(await host.route('record:verify', {})).toEqual({
      ok: true,
      value: {
        checked: 5,
        devices: [
          { deviceId: 'laptop-a', events: 3, verifiedThrough: 3 },
          { deviceId: 'laptop-b', events: 2, verifiedThrough: 2 },
        ],
        breaks: [],
      },
    });
  });

  it('finds an event altered in the store, by device, seq and id', async () => {
    const ids = await writeChain('laptop-a', 3);
    await client.query(
      `UPDATE events SET body = replace(body, '"note 1"', '"nothing to see"') WHERE device_id = $1 AND seq = 3`,
      ['laptop-a'],
    );
    const result = await host.route('record:verify', {});
    expect(result).toEqual({
      ok: true,
      value: {
        checked: 4,
        devices: [{ deviceId: 'laptop-a', events: 4, verifiedThrough: 2 }],
        breaks: [{ kind: 'bad-hash', deviceId: 'laptop-a', seq: 3, eventId: ids[2] }],
      },
    });
  });

  it('finds events removed from the store', async () => {
    await writeChain('laptop-a', 3);
    await client.query(`DELETE FROM events WHERE device_id = $1 AND seq = 4`, ['laptop-a']);
    const result = await host.route('record:verify', {});
    expect(result).toMatchObject({
      ok: true,
      value: { breaks: [{ kind: 'truncated', deviceId: 'laptop-a', lastSeq: 3, headSeq: 4 }] },
    });
  });
});

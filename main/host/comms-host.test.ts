// The comms outbox through the host's bridge router, as a window uses it: a
// secret set by name, a message queued while the receiver is unreachable, the
// host restarted, the receiver failing twice first, and exactly one copy
// delivered with one record of the message and one of its delivery.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxView } from '../../common/comms/comms-bridge';
import { DEFAULT_WORKSPACE } from '../../common/events/event';
import { MemoryEventLog } from '../../common/sync/memory-log';
import { testHostOptions } from '../../test/support/test-host';
import { FakeClock } from '../services/fake-clock';
import { backoffMs } from '../services/comms/outbox';
import { startWebhookReceiver } from '../services/comms/test-receivers';
import { createHost, type Host } from './host';

let dir: string;
let ids = 0;
const clock = new FakeClock();
// One record across restarts, as the host's store on disk would be.
let log: MemoryEventLog;

function hostOptions() {
  return testHostOptions(dir, {
    clock,
    openLog: async () => ({
      log,
      append: async (drafts, nowMs) => log.write(drafts, nowMs),
      close: async () => undefined,
    }),
  });
}

async function outbox(host: Host): Promise<OutboxView> {
  const result = await host.route('comms:outbox', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as OutboxView;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'comms-host-'));
  log = new MemoryEventLog(DEFAULT_WORKSPACE, 'host-device', () => `host-${(ids += 1)}`);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const channel = { id: 'slack', name: '#incidents', kind: 'slack', secret: 'slack-incidents' } as const;

describe('the comms outbox through the host', () => {
  it('sends a queued message exactly once across a restart and a receiver that fails twice first', async () => {
    const port = await freePort();
    const first = await createHost(hostOptions());
    expect(
      (await first.route('secret:set', { name: 'slack-incidents', value: `http://127.0.0.1:${port}/hook` })).ok,
    ).toBe(true);
    const sent = await first.route('comms:send', {
      messageId: 'm-1',
      incidentId: 'incident-1',
      actor: 'Camille',
      audience: 'customers',
      subject: 'Checkout',
      text: 'Checkout is down; we are on it.',
      channel,
    });
    expect(sent).toEqual({ ok: true, value: { status: 'queued' } });
    await first.route('comms:outbox', {});
    await clock.advance(0);
    await expect.poll(async () => (await outbox(first)).items[0]?.attempts).toBe(1);
    expect((await outbox(first)).items[0]?.status).toBe('queued');
    await first.close();

    const receiver = await startWebhookReceiver({ failFirst: 2, port });
    const second = await createHost(hostOptions());
    await outbox(second);
    // Resumed at start, on its backoff: the receiver answers 503 twice, then takes the one copy.
    const item = async () => (await outbox(second)).items[0];
    for (let round = 0; round < 20 && (await item())?.status === 'queued'; round += 1) {
      // The next timer is set once the attempt in flight has ended; moving time before that is harmless.
      await clock.advance(backoffMs(8));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect.poll(async () => (await outbox(second)).items[0]?.status).toBe('sent');
    expect(receiver.accepted()).toHaveLength(1);
    expect(receiver.requests.map((request) => request.headers['idempotency-key'])).toEqual(['m-1', 'm-1', 'm-1']);
    // A fourth attempt in all: the first one found no receiver at all.
    expect((await item())?.attempts).toBe(4);
    await second.close();
    await receiver.close();

    const events = await log.eventsBeyond({}, 1_000);
    const comms = events.filter((event) => event.type.startsWith('comms.'));
    expect(comms.map((event) => event.type)).toEqual(['comms.message-recorded', 'comms.delivery-changed']);
    expect(comms[1]?.payload).toMatchObject({ messageId: 'm-1', status: 'sent', attempts: 4 });
  });

  it('records a message copied by hand at once, with no outbox entry', async () => {
    const host = await createHost(hostOptions());
    const result = await host.route('comms:send', {
      messageId: 'm-copy',
      incidentId: 'incident-1',
      actor: 'Camille',
      audience: 'status-page',
      subject: '',
      text: 'We are investigating.',
    });
    expect(result).toEqual({ ok: true, value: { status: 'copied' } });
    expect((await outbox(host)).items).toEqual([]);
    const events = await log.eventsBeyond({}, 100);
    expect(events.find((event) => event.type === 'comms.message-recorded')?.payload).toMatchObject({
      channel: 'clipboard',
      audience: 'status-page',
    });
    await host.close();
  });
});

// The hub over real HTTP and WebSocket on loopback, on both engines: replicas
// converge through it, resending is harmless, every forged or malformed batch is
// refused with its code and leaves nothing behind, tokens open only their own
// workspace, and a push wakes the other clients' live sockets. Every device
// writes signed events that open with its enrolment, as real ones do.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { compareEvents } from '../../../common/domain/order';
import { hashEvent, verifyChains } from '../../../common/events/chain';
import type { WarEvent } from '../../../common/events/event';
import type { VersionVector } from '../../../common/sync/vector';
import { syncWith } from '../../../common/sync/exchange';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, type ExchangeRequest } from '../../../common/sync/protocol';
import { signedDevice, type SignedDevice } from '../../../test/support/signed-device';
import { SignedLaptop } from '../../../test/support/signed-peers';
import { createLogger } from '../../services/logger';
import { SqlEventStore } from '../store/sql-event-log';
import { noteDrafts, storageVariants, waitFor, type TestStorage } from '../store/test-storage';
import {
  bearerProtocol,
  createHubExchange,
  HubUnavailableError,
  subscribeLive,
  type HubTarget,
  type LiveState,
} from './hub-client';
import { HEALTH_PATH, LIVE_PROTOCOL, livePath, syncPath } from './hub-protocol';
import { startHubServer, type HubServer } from './hub-server';
import { hashToken, WorkspaceRegistry } from './workspace-registry';

const T0 = Date.UTC(2026, 0, 1);
/** The enrolment that opens every device's chain. */
const ENROLMENT = 1;

function resealed(event: WarEvent, patch: Partial<WarEvent>): WarEvent {
  const changed = { ...event, ...patch } as WarEvent;
  return { ...changed, hash: hashEvent(changed) } as WarEvent;
}

interface RawAnswer {
  readonly status: number;
  readonly json: unknown;
}

/** A POST with full control of headers and body; `body` may be a generator of chunks (no Content-Length). */
function post(url: string, headers: Record<string, string>, body: string | Iterable<Buffer>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as unknown }));
    });
    // The hub may hang up on an oversized body before it is all sent; its answer is what counts.
    request.on('error', (error) => (request.writableFinished ? undefined : reject(error)));
    if (typeof body === 'string') {
      request.end(body);
      return;
    }
    const chunks = body[Symbol.iterator]();
    const pump = () => {
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        if (request.destroyed) return;
        if (!request.write(next.value)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    pump();
  });
}

for (const variant of storageVariants()) {
  describe.skipIf(variant.skipReason !== null)(`team hub ${variant.title}`, () => {
    let storage: TestStorage;
    let store: SqlEventStore;
    let registry: WorkspaceRegistry;
    let hub: HubServer;

    /** A new workspace on the hub, with its token. */
    async function newWorkspace(): Promise<HubTarget> {
      const id = `ws-${randomUUID().slice(0, 8)}`;
      const added = await registry.add(id);
      if (!added.ok) throw new Error(added.error.message);
      return { url: hub.url, workspace: id, token: added.token };
    }

    beforeAll(async () => {
      storage = await variant.open();
      store = await SqlEventStore.open(storage.client);
      registry = await WorkspaceRegistry.open(storage.client);
      hub = await startHubServer({ store, registry, port: 0, log: createLogger('hub-test'), heartbeatMs: 60_000 });
    }, 60_000);

    afterAll(async () => {
      await hub?.close();
      await storage?.dispose();
    });

    it('reports its health and its storage', async () => {
      const response = await fetch(`${hub.url}${HEALTH_PATH}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, storage: storage.client.kind });
    });

    it('brings two replicas to the same events through the hub, many batches each way', async () => {
      const target = await newWorkspace();
      const laptopA = new SignedLaptop(target.workspace, 'laptop-a', 'Alice');
      const laptopB = new SignedLaptop(target.workspace, 'laptop-b', 'Bob');
      await laptopA.write(noteDrafts(MAX_BATCH_EVENTS + 700), T0);
      await laptopB.write(noteDrafts(1_800), T0 + 5);
      const exchange = createHubExchange(target);
      const first = await syncWith(laptopA.log, exchange);
      expect(first.pushed).toBe(MAX_BATCH_EVENTS + 700 + ENROLMENT);
      await syncWith(laptopB.log, exchange);
      await syncWith(laptopA.log, exchange);
      const a = laptopA.log.all().sort(compareEvents);
      const b = laptopB.log.all().sort(compareEvents);
      expect(a).toHaveLength(MAX_BATCH_EVENTS + 700 + 1_800 + 2 * ENROLMENT);
      expect(b).toEqual(a);
      const held = await store.log(target.workspace).all();
      expect(held).toEqual(a);
      expect(verifyChains(held)).toEqual([]);
      expect((await store.log(target.workspace).devices()).map((device) => device.person.name).sort()).toEqual([
        'Alice',
        'Bob',
      ]);
      // Nothing left to exchange: one round trip.
      expect((await syncWith(laptopB.log, exchange)).roundTrips).toBe(1);
    }, 30_000);

    it('keeps only a hash of each token, and a rotated token stops working at once', async () => {
      const target = await newWorkspace();
      const rows = await storage.client.query<{ token_hash: string }>(
        'SELECT token_hash FROM hub_workspaces WHERE id = $1',
        [target.workspace],
      );
      expect(rows).toEqual([{ token_hash: hashToken(target.token) }]);
      expect(JSON.stringify(await storage.client.query('SELECT * FROM hub_workspaces'))).not.toContain(target.token);
      const rotated = await registry.rotateToken(target.workspace);
      if (!rotated.ok) throw new Error(rotated.error.message);
      const request: ExchangeRequest = { workspace: target.workspace, vector: {}, events: [] };
      expect(await createHubExchange(target)(request)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(await createHubExchange({ ...target, token: rotated.token })(request)).toMatchObject({ ok: true });
      expect(await registry.add(target.workspace)).toMatchObject({ ok: false, error: { code: 'exists' } });
      expect(await registry.add('no spaces allowed')).toMatchObject({ ok: false, error: { code: 'invalid-id' } });
    });

    it('takes a resent batch as already held', async () => {
      const target = await newWorkspace();
      const exchange = createHubExchange(target);
      const events = signedDevice('alice', { workspace: target.workspace }).write(noteDrafts(40), T0);
      const request: ExchangeRequest = { workspace: target.workspace, vector: {}, events };
      const once = await exchange(request);
      const twice = await exchange(request);
      expect(once.ok && twice.ok).toBe(true);
      if (once.ok && twice.ok) expect(twice.answer.vector).toEqual(once.answer.vector);
      expect(await store.log(target.workspace).all()).toEqual(events);
    });

    describe('refuses, with its code and storing nothing of the batch', () => {
      let target: HubTarget;
      let other: HubTarget;
      let writer: SignedDevice;
      let held: WarEvent[];
      let fresh: WarEvent[];

      const body = (events: unknown[], workspace = target.workspace) =>
        JSON.stringify({ workspace, vector: {}, events } satisfies ExchangeRequest);
      const auth = (token = target.token) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

      beforeAll(async () => {
        target = await newWorkspace();
        other = await newWorkspace();
        writer = signedDevice('alice', { workspace: target.workspace });
        held = writer.write(noteDrafts(5), T0);
        const stored = await createHubExchange(target)({ workspace: target.workspace, vector: {}, events: held });
        expect(stored.ok).toBe(true);
        fresh = writer.write(noteDrafts(5, 5), T0 + 10);
      });

      const cases: [string, number, () => { headers: Record<string, string>; body: string | Iterable<Buffer> }][] = [
        [
          'bad-hash',
          422,
          () => ({ headers: auth(), body: body([fresh[0], { ...fresh[1]!, payload: { text: 'edited' } }]) }),
        ],
        [
          'broken-chain',
          422,
          () => ({ headers: auth(), body: body([fresh[0], resealed(fresh[1]!, { prevHash: 'a'.repeat(64) })]) }),
        ],
        ['seq-gap', 409, () => ({ headers: auth(), body: body([fresh[0], fresh[2]]) })],
        [
          'seq-conflict',
          409,
          () => ({ headers: auth(), body: body([resealed(held[4]!, { payload: { text: 'rewritten' } }), ...fresh]) }),
        ],
        ['malformed', 400, () => ({ headers: auth(), body: body([fresh[0], { ...fresh[1]!, seq: -1 }]) })],
        ['malformed', 400, () => ({ headers: auth(), body: '{"workspace": "not json' })],
        ['malformed', 400, () => ({ headers: auth(), body: JSON.stringify({ workspace: target.workspace }) })],
        ['wrong-workspace', 400, () => ({ headers: auth(), body: body(fresh, other.workspace) })],
        [
          'oversized',
          413,
          () => ({ headers: auth(), body: body(Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => fresh[0])) }),
        ],
        [
          'oversized',
          413,
          // Declared too large: refused before a byte of it is read.
          () => ({
            headers: { ...auth(), 'Content-Length': String(MAX_BATCH_BYTES + 1) },
            body: (function* () {
              yield Buffer.from('{"workspace":"');
            })(),
          }),
        ],
        [
          'oversized',
          413,
          // Streamed with no length: refused once it passes the limit.
          () => ({
            headers: auth(),
            body: (function* () {
              const chunk = Buffer.alloc(256 * 1024, 0x20);
              for (let sent = 0; sent <= MAX_BATCH_BYTES + chunk.length; sent += chunk.length) yield chunk;
            })(),
          }),
        ],
        ['unauthorized', 401, () => ({ headers: { 'Content-Type': 'application/json' }, body: body(fresh) })],
        ['unauthorized', 401, () => ({ headers: auth(`wrh_${'x'.repeat(43)}`), body: body(fresh) })],
        ['unauthorized', 403, () => ({ headers: auth(other.token), body: body(fresh) })],
      ];

      it.each(cases)('%s (HTTP %i)', async (code, status, make) => {
        const { headers, body: payload } = make();
        const answer = await post(`${hub.url}${syncPath(target.workspace)}`, headers, payload);
        expect(answer.status).toBe(status);
        expect(answer.json).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
        expect(await store.log(target.workspace).all()).toEqual(held);
        expect(await store.log(other.workspace).all()).toEqual([]);
      });

      it('and the client returns a refusal as a value, not as a failure', async () => {
        const stolen = createHubExchange({ ...target, token: other.token });
        expect(await stolen({ workspace: target.workspace, vector: {}, events: fresh })).toMatchObject({
          ok: false,
          error: { code: 'unauthorized' },
        });
        // Reading another workspace is refused just the same.
        expect(await stolen({ workspace: target.workspace, vector: {}, events: [] })).toMatchObject({
          ok: false,
          error: { code: 'unauthorized' },
        });
      });
    });

    it('makes a transport failure throw, so syncWith stops and can resume', async () => {
      const target = await newWorkspace();
      const closed = await startHubServer({ store, registry, port: 0, log: createLogger('hub-test') });
      const url = closed.url;
      await closed.close();
      const exchange = createHubExchange({ ...target, url });
      await expect(exchange({ workspace: target.workspace, vector: {}, events: [] })).rejects.toBeInstanceOf(
        HubUnavailableError,
      );
      const unknownRoute = createHubExchange({ ...target, url: `${hub.url}/not-a-hub` });
      await expect(unknownRoute({ workspace: target.workspace, vector: {}, events: [] })).rejects.toBeInstanceOf(
        HubUnavailableError,
      );
    });

    it("wakes another client's live socket when a client pushes", async () => {
      const target = await newWorkspace();
      const pusher = new SignedLaptop(target.workspace, 'pusher');
      const heard: Record<string, number>[] = [];
      const states: LiveState[] = [];
      const live = subscribeLive(target, {
        onChanged: (vector) => heard.push({ ...vector }),
        onState: (s) => states.push(s),
      });
      try {
        // On connecting, the hub tells where the workspace stands (nothing yet).
        await waitFor(() => heard.length > 0, 'the first live message');
        expect(heard[0]).toEqual({});
        await pusher.write(noteDrafts(3), T0);
        await syncWith(pusher.log, createHubExchange(target));
        await waitFor(
          () => heard.some((vector) => vector[pusher.deviceId] === 3 + ENROLMENT),
          'a changed message after the push',
        );
        expect(states).toContain('open');
      } finally {
        live.close();
      }
    });

    it('reconnects the live socket by itself when the hub comes back', async () => {
      const target = await newWorkspace();
      const log = createLogger('hub-test');
      let second = await startHubServer({ store, registry, port: 0, log });
      const port = second.port;
      const heard: VersionVector[] = [];
      const states: LiveState[] = [];
      const live = subscribeLive(
        { ...target, url: second.url },
        { onChanged: (vector) => heard.push(vector), onState: (state) => states.push(state), minBackoffMs: 20 },
      );
      try {
        await waitFor(() => heard.length === 1, 'the first live message');
        await second.close();
        await waitFor(() => states.at(-1) === 'waiting', 'the live socket to notice');
        // Written while the socket was down: heard on reconnecting, from the state sent first.
        const writer = new SignedLaptop(target.workspace, 'while-down');
        await writer.write(noteDrafts(2), T0);
        await syncWith(writer.log, createHubExchange(target));
        second = await startHubServer({ store, registry, port, log });
        await waitFor(
          () => heard.some((vector) => vector[writer.deviceId] === 2 + ENROLMENT),
          'the state after reconnecting',
        );
      } finally {
        live.close();
        await second.close();
      }
    });

    it('accepts the live token as a subprotocol, and refuses a bad one', async () => {
      const target = await newWorkspace();
      const url = `${hub.url.replace('http:', 'ws:')}${livePath(target.workspace)}`;
      const first = await new Promise<unknown>((resolve, reject) => {
        const socket = new WebSocket(url, [LIVE_PROTOCOL, bearerProtocol(target.token)]);
        socket.once('message', (data) => {
          resolve(JSON.parse(data.toString()));
          socket.close();
        });
        socket.once('error', reject);
      });
      expect(first).toEqual({ kind: 'changed', vector: {} });
      const other = await newWorkspace();
      const states: LiveState[] = [];
      const live = subscribeLive(
        { ...target, token: other.token },
        { onChanged: () => undefined, onState: (s) => states.push(s) },
      );
      await waitFor(() => states.includes('unauthorized'), 'the live socket to be refused');
      live.close();
    });
  });
}

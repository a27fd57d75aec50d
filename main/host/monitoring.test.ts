// The host's monitoring against real things on loopback: a window writes a
// monitor into the record, the host checks a real HTTP server, the server goes
// away and comes back, and the record (and the incident's timeline) say so.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../common/bridge/contract';
import type { MonitorBoardSnapshot } from '../../common/bridge/monitor-contract';
import { foldEvents } from '../../common/domain/incidents';
import { DEFAULT_WORKSPACE, type EventDraft, type EventOf, type WarEvent } from '../../common/events/event';
import { describe as say } from '../../common/monitors/reasons';
import { syncWith, type ExchangeFn } from '../../common/sync/exchange';
import { MemoryEventLog } from '../../common/sync/memory-log';
import type { ExchangeResponse } from '../../common/sync/protocol';
import { testHostOptions } from '../../test/support/test-host';
import { startHttpServer, type Running } from '../services/monitor/test-servers';
import { createHost, type Host } from './host';

let dir: string;
let host: Host;
let hostLog: MemoryEventLog;
let window: MemoryEventLog;
let notices: { title: string; body: string }[];
let ids = 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-monitoring-'));
  hostLog = new MemoryEventLog(DEFAULT_WORKSPACE, 'host-device', () => `host-${(ids += 1)}`);
  window = new MemoryEventLog(DEFAULT_WORKSPACE, 'window-device', () => `window-${(ids += 1)}`);
  notices = [];
  host = await createHost(
    testHostOptions(join(dir, 'data'), {
      openLog: async () => ({
        log: hostLog,
        append: async (drafts, nowMs) => hostLog.write(drafts, nowMs),
        close: async () => undefined,
      }),
      notifier: { notify: (title, body) => notices.push({ title, body }) },
    }),
  );
});

afterEach(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** The window's replica and the host's, in step through the bridge, as a real window syncs. */
async function syncWindow(): Promise<void> {
  const exchange: ExchangeFn = async (request) => {
    const result = await host.route('sync:exchange', request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ExchangeResponse;
  };
  await syncWith(window, exchange);
}

async function fromWindow(drafts: EventDraft[]): Promise<WarEvent[]> {
  const events = window.write(drafts, Date.now());
  await syncWindow();
  return events;
}

async function board(): Promise<MonitorBoardSnapshot> {
  const result = await host.route('monitor:snapshot', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as MonitorBoardSnapshot;
}

async function checkNow(monitorId: string): Promise<void> {
  const result = await host.route('monitor:check-now', { monitorId });
  expect(result).toEqual({ ok: true, value: { isKnown: true } });
}

function stateChanges(): EventOf<'monitor.state-changed'>[] {
  return hostLog
    .all()
    .filter((event): event is EventOf<'monitor.state-changed'> => event.type === 'monitor.state-changed');
}

const monitorDoc = (body: Record<string, unknown>): EventDraft => ({
  type: 'doc.put',
  actor: 'Alice',
  payload: { collection: 'monitor', docId: String(body.id), body: body as never },
});

// Every wait below is on state; the bound is only how long to wait before failing.
const UNTIL = { timeout: 10_000, interval: 20 };

describe('host monitoring', () => {
  it('writes a loopback server going down, and coming back, to the record and the incident', async () => {
    const answer = (_request: IncomingMessage, response: ServerResponse) => response.end('ok');
    let server: Running = await startHttpServer(answer);
    const { port } = server;
    try {
      const [declared] = await fromWindow([
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Checkout errors', severity: 'SEV2', kind: 'technical-failure', services: ['checkout'] },
        },
        monitorDoc({
          id: 'shop',
          name: 'Web shop',
          type: 'http',
          url: `${server.url}/health`,
          interval: 3_600,
          failureThreshold: 1,
          successThreshold: 1,
          tags: ['checkout'],
        }),
      ]);
      await host.monitoring.start();
      await checkNow('shop');
      await vi.waitFor(async () => expect((await board()).monitors[0]?.status).toBe('up'), UNTIL);
      // Found up at start: nothing for any incident to hear.
      expect(stateChanges()).toEqual([]);

      await server.close();
      await checkNow('shop');
      await vi.waitFor(() => expect(stateChanges().map((event) => event.payload.status)).toEqual(['down']), UNTIL);
      const [down] = stateChanges();
      expect(down?.payload).toMatchObject({ monitorId: 'shop', name: 'Web shop', from: 'up', isAlert: true });
      expect(say(down!.payload.reason as never)).toBe(`connection refused by 127.0.0.1:${port}`);
      const row = (await board()).monitors[0];
      expect(row?.status).toBe('down');
      expect(row?.failingSince).toEqual(expect.any(Number));

      server = await startHttpServer(answer, port);
      await checkNow('shop');
      await vi.waitFor(
        () => expect(stateChanges().map((event) => event.payload.status)).toEqual(['down', 'up']),
        UNTIL,
      );
      expect(stateChanges()[1]?.payload).toMatchObject({ from: 'down', isAlert: false });
      expect(notices.map((notice) => notice.title)).toEqual(['Web shop is down', 'Web shop is back up']);
      expect(notices[0]?.body).toBe(`connection refused by 127.0.0.1:${port}`);

      // The window pulls the host's events; the incident listing `checkout` holds both as evidence.
      await host.monitoring.flushed();
      await syncWindow();
      const incident = foldEvents(window.all()).incidents.get(declared!.id);
      const evidence = incident?.timeline.flatMap((entry) => (entry.kind === 'monitor' ? [entry.status] : []));
      expect(evidence).toEqual(['down', 'up']);
    } finally {
      await server.close();
    }
  });

  it('ends a runbook wait step when the monitor it names comes back, by name, with the wait as evidence', async () => {
    const answer = (_request: IncomingMessage, response: ServerResponse) => response.end('ok');
    let server: Running = await startHttpServer(answer);
    const { port } = server;
    await server.close();
    try {
      const [declared] = await fromWindow([
        {
          type: 'incident.declared',
          actor: 'Alice',
          payload: { title: 'Shop down', severity: 'SEV1', kind: 'technical-failure' },
        },
        monitorDoc({
          id: 'shop',
          name: 'Web shop',
          type: 'http',
          url: `http://127.0.0.1:${port}/health`,
          interval: 3_600,
          failureThreshold: 1,
          successThreshold: 1,
        }),
      ]);
      const wait = { monitor: 'web shop', until: 'up' as const, timeoutSeconds: 600 };
      const runbook = {
        id: 'restart',
        title: 'Restart',
        steps: [{ id: 'wait', kind: 'wait-monitor', title: 'Wait', ...wait }],
      };
      // Written by the window and not yet synced: the host waits for it before deciding.
      window.write(
        [
          {
            type: 'runbook.run-started',
            incidentId: declared!.id,
            actor: 'Alice',
            payload: { runId: 'run-1', runbookId: 'restart', version: 1, runbook },
          },
        ],
        Date.now(),
      );
      await host.monitoring.start();
      await checkNow('shop');
      await vi.waitFor(async () => expect((await board()).monitors[0]?.status).toBe('down'), UNTIL);

      const ended = new Promise<EventPayload<'runbook:ended'>>((resolve) =>
        host.events.subscribe((name, payload) => {
          if (name === 'runbook:ended') resolve(payload as EventPayload<'runbook:ended'>);
        }),
      );
      const asked = host.route('runbook:run-step', {
        execId: 'wait-1',
        incidentId: declared!.id,
        runId: 'run-1',
        stepId: 'wait',
        actor: 'Alice',
        dryRun: false,
        action: { kind: 'wait', wait },
        after: await window.vector(),
      });
      await syncWindow();
      expect(await asked).toEqual({ ok: true, value: { execId: 'wait-1' } });

      server = await startHttpServer(answer, port);
      await checkNow('shop');
      expect(await ended).toMatchObject({
        status: 'done',
        evidence: { kind: 'wait', outcome: 'ok', monitor: 'Web shop', until: 'up' },
      });
      await syncWindow();
      const run = foldEvents(window.all()).incidents.get(declared!.id)?.runs.get('run-1');
      expect(run?.steps.get('wait')).toMatchObject({ status: 'done', evidence: { outcome: 'ok' } });
    } finally {
      await server.close();
    }
  });

  it('shows an invalid monitor document as invalid and keeps running the others', async () => {
    await fromWindow([
      monitorDoc({ id: 'leaky', name: 'Leaky', type: 'http', url: 'https://api.example/?token=abc' }),
      monitorDoc({ id: 'beat', name: 'Backup', type: 'heartbeat', every: 60 }),
    ]);
    const pushed: unknown[] = [];
    host.events.subscribe((name, payload) => {
      if (name === 'monitor:changed') pushed.push(payload);
    });
    await host.monitoring.start();
    await vi.waitFor(() => expect(pushed.length).toBeGreaterThan(0), UNTIL);
    const invalid = host.monitoring.documents().byId.get('leaky');
    expect(invalid?.definition).toBeNull();
    expect(invalid?.problems[0] && say(invalid.problems[0].reason)).toMatch(/holds a credential/);
    expect((await board()).monitors.map((row) => row.id)).toEqual(['beat']);
  });

  it('keeps secret values on the host: names go to the window, values to the probe, never to the record', async () => {
    const seen: (string | undefined)[] = [];
    const server = await startHttpServer((request, response) => {
      seen.push(request.headers.authorization);
      response.end('ok');
    });
    try {
      const stored = await host.route('secret:set', { name: 'shop-token', value: 'Bearer s3cr3t-value' });
      expect(stored).toEqual({ ok: true, value: { names: ['shop-token'] } });
      await fromWindow([
        monitorDoc({
          id: 'shop',
          name: 'Shop',
          type: 'http',
          url: server.url,
          interval: 3_600,
          headers: { Authorization: { secret: 'shop-token' } },
        }),
      ]);
      await host.monitoring.start();
      await checkNow('shop');
      await vi.waitFor(async () => expect((await board()).monitors[0]?.status).toBe('up'), UNTIL);
      expect(seen).toContain('Bearer s3cr3t-value');
      expect(JSON.stringify(hostLog.all())).not.toContain('s3cr3t');
      expect(JSON.stringify(await board())).not.toContain('s3cr3t');
      expect(await host.route('secret:list', {})).toEqual({ ok: true, value: { names: ['shop-token'] } });
    } finally {
      await server.close();
    }
  });

  it('lets an exercise drive a monitor instead of the network, through the same record', async () => {
    await fromWindow([
      monitorDoc({
        id: 'payments',
        name: 'Payments',
        type: 'tcp',
        host: '10.255.255.1',
        port: 443,
        interval: 3_600,
        failureThreshold: 1,
        successThreshold: 1,
      }),
    ]);
    await host.monitoring.start();
    host.monitoring.drive('payments', { outcome: 'success', text: 'all green', latencyMs: 20 });
    await vi.waitFor(
      async () => expect((await board()).monitors[0]).toMatchObject({ status: 'up', isDriven: true }),
      UNTIL,
    );
    host.monitoring.drive('payments', { outcome: 'failure', text: 'card processor unreachable' });
    await vi.waitFor(() => expect(stateChanges().map((event) => event.payload.status)).toEqual(['down']), UNTIL);
    expect(say(stateChanges()[0]!.payload.reason as never)).toBe('card processor unreachable');
  });
  it("reads its monitors at start from the store's document index, not from a scan of the record", async () => {
    // A record of 3,000 notes and one monitor, in a log that indexes documents as the host's store does.
    hostLog.write(
      Array.from({ length: 3_000 }, (_, index) => ({
        type: 'incident.note-added' as const,
        incidentId: 'incident-1',
        actor: 'Alice',
        payload: { text: `note ${index}` },
      })),
      Date.now(),
    );
    hostLog.write(
      [monitorDoc({ id: 'shop', name: 'Web shop', type: 'http', url: 'http://127.0.0.1:9/', interval: 3_600 })],
      Date.now(),
    );
    const indexed = Object.assign(hostLog, {
      documentEvents: async (collection: string) => ({
        events: hostLog
          .all()
          .filter(
            (event) =>
              (event.type === 'doc.put' || event.type === 'doc.delete') && event.payload.collection === collection,
          ),
        vector: await hostLog.vector(),
      }),
    });
    let scanned = 0;
    const beyond = indexed.eventsBeyond.bind(indexed);
    vi.spyOn(indexed, 'eventsBeyond').mockImplementation(async (vector, limit) => {
      const events = await beyond(vector, limit);
      scanned += events.length;
      return events;
    });
    await host.monitoring.start();
    await vi.waitFor(async () => expect((await board()).monitors.map((row) => row.id)).toEqual(['shop']), UNTIL);
    expect(scanned).toBe(0);
  });
});

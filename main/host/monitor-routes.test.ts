// The web host's machine routes over real HTTP: a cron job's heartbeat, and
// Prometheus Alertmanager's webhook in its real (version 4) JSON format.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonitorBoardSnapshot } from '../../common/bridge/monitor-contract';
import { DEFAULT_WORKSPACE, type EventOf } from '../../common/events/event';
import { MemoryEventLog } from '../../common/sync/memory-log';
import { testHostOptions } from '../../test/support/test-host';
import { createLogger } from '../services/logger';
import { createHost, type Host } from './host';
import { MAX_WEBHOOK_BYTES, startMonitorListener } from './monitor-routes';
import { startWebHost, type WebHost } from './web-host';

let dir: string;
let host: Host;
let web: WebHost;
let log: MemoryEventLog;
let ids = 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warroom-routes-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>War-room</title>');
  log = new MemoryEventLog(DEFAULT_WORKSPACE, 'host-device', () => `host-${(ids += 1)}`);
  host = await createHost(
    testHostOptions(join(dir, 'data'), {
      openLog: async () => ({
        log,
        append: async (drafts, nowMs) => log.write(drafts, nowMs),
        close: async () => undefined,
      }),
      notifier: { notify: () => undefined },
    }),
  );
  web = await startWebHost({ host, rendererDir, port: 0 });
});

afterEach(async () => {
  await web.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function post(path: string, body: string | undefined, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${web.port}${path}`, { method: 'POST', body, headers });
}

async function board(): Promise<MonitorBoardSnapshot> {
  const result = await host.route('monitor:snapshot', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as MonitorBoardSnapshot;
}

/** A heartbeat monitor for a nightly backup, its token in the secret store, and the engine running. */
async function watchNightlyBackup(): Promise<void> {
  await host.route('secret:set', { name: 'backup-beat', value: 'b3at-t0ken' });
  log.write(
    [
      {
        type: 'doc.put',
        actor: 'Alice',
        payload: {
          collection: 'monitor',
          docId: 'backup',
          body: {
            id: 'backup',
            name: 'Nightly backup',
            type: 'heartbeat',
            every: 86_400,
            interval: 3_600,
            token: { secret: 'backup-beat' },
          },
        },
      },
    ],
    Date.now(),
  );
  await host.monitoring.start();
}

const UNTIL = { timeout: 10_000, interval: 20 };

/** A webhook as Alertmanager 0.27 sends it (`webhook_configs`), one alert firing. */
function alertmanagerWebhook(status: 'firing' | 'resolved') {
  return {
    receiver: 'war-room',
    status,
    alerts: [
      {
        status,
        labels: {
          alertname: 'HighErrorRate',
          instance: 'payments-1:9090',
          job: 'payments',
          severity: 'critical',
        },
        annotations: { summary: '5xx above 5% for 5 minutes', description: 'Payment API errors' },
        startsAt: '2025-06-01T21:58:30.123Z',
        endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2025-06-01T22:14:30.123Z',
        generatorURL: 'http://prometheus:9090/graph?g0.expr=rate%28http_errors_total%5B5m%5D%29+%3E+0.05',
        fingerprint: 'c3b9a8f1d2e4a7b6',
      },
    ],
    groupLabels: { alertname: 'HighErrorRate' },
    commonLabels: { alertname: 'HighErrorRate', job: 'payments', severity: 'critical' },
    commonAnnotations: { summary: '5xx above 5% for 5 minutes' },
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
  };
}

describe('monitor routes', () => {
  it('takes heartbeats only with the right token, and turns one into an up monitor', async () => {
    await watchNightlyBackup();

    expect((await post('/heartbeat/backup?token=guess', undefined)).status).toBe(403);
    expect((await post('/heartbeat/backup', undefined)).status).toBe(403);
    expect((await post('/heartbeat/nobody?token=b3at-t0ken', undefined)).status).toBe(404);
    const accepted = await post('/heartbeat/backup?token=b3at-t0ken', 'ran in 4 min');
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ ok: true });
    // curl -fsS <url> from a crontab is a GET.
    expect((await fetch(`http://127.0.0.1:${web.port}/heartbeat/backup?token=b3at-t0ken`)).status).toBe(200);
    await vi.waitFor(async () => {
      const row = (await board()).monitors[0];
      expect(row?.status).toBe('up');
      expect(row?.reason.key).toBe('monitors.reason.heartbeatOk');
    }, UNTIL);
  });

  it('shows Alertmanager alerts like monitors once its token is stored, and records firing and resolved', async () => {
    await host.monitoring.start();
    const webhook = JSON.stringify(alertmanagerWebhook('firing'));
    const json = { 'Content-Type': 'application/json' };
    // Closed until a token is stored: nobody can push alerts into a laptop by default.
    expect((await post('/alertmanager', webhook, json)).status).toBe(403);
    await host.route('secret:set', { name: 'alertmanager-token', value: 'am-t0ken-123' });
    expect((await board()).isAlertmanagerEnabled).toBe(true);
    expect((await post('/alertmanager', webhook, { ...json, Authorization: 'Bearer wrong' })).status).toBe(403);

    const firing = await post('/alertmanager', webhook, { ...json, Authorization: 'Bearer am-t0ken-123' });
    expect(firing.status).toBe(200);
    expect(await firing.json()).toEqual({ ok: true, changes: 1 });
    const [alert] = (await board()).alerts;
    expect(alert).toMatchObject({
      id: 'alertmanager/c3b9a8f1d2e4a7b6',
      name: 'HighErrorRate · payments-1:9090',
      status: 'down',
      severity: 'critical',
      reason: { key: 'monitors.reason.alertFiring', values: { summary: '5xx above 5% for 5 minutes' } },
    });
    // Alertmanager resends a firing alert every group interval: no new event for that.
    expect((await post('/alertmanager?token=am-t0ken-123', webhook, json)).status).toBe(200);
    const resolved = JSON.stringify(alertmanagerWebhook('resolved'));
    expect((await post('/alertmanager?token=am-t0ken-123', resolved, json)).status).toBe(200);

    await host.monitoring.flushed();
    const changes = log
      .all()
      .filter((event): event is EventOf<'monitor.state-changed'> => event.type === 'monitor.state-changed');
    expect(changes.map((event) => [event.payload.monitorId, event.payload.status])).toEqual([
      ['alertmanager/c3b9a8f1d2e4a7b6', 'down'],
      ['alertmanager/c3b9a8f1d2e4a7b6', 'up'],
    ]);
    expect(changes[0]?.payload.services).toEqual(['payments', 'HighErrorRate']);
  });

  it('refuses what is not an Alertmanager webhook, and bodies past the cap, without reading them whole', async () => {
    await host.monitoring.start();
    await host.route('secret:set', { name: 'alertmanager-token', value: 'am-t0ken-123' });
    const auth = { Authorization: 'Bearer am-t0ken-123' };
    const json = { ...auth, 'Content-Type': 'application/json' };
    expect((await post('/alertmanager', '{}', { ...auth, 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post('/alertmanager', '{not json', json)).status).toBe(400);
    const wrongVersion = await post(
      '/alertmanager',
      JSON.stringify({ ...alertmanagerWebhook('firing'), version: '3' }),
      json,
    );
    expect(wrongVersion.status).toBe(400);
    expect(((await wrongVersion.json()) as { error: string }).error).toMatch(/^version/);
    expect((await post('/alertmanager', 'x'.repeat(MAX_WEBHOOK_BYTES + 1), json)).status).toBe(413);
    expect((await fetch(`http://127.0.0.1:${web.port}/alertmanager`)).status).toBe(405);
    expect((await board()).alerts).toEqual([]);
  });
});

describe('the desktop app’s monitoring listener', () => {
  it('takes heartbeats on loopback and answers nothing else', async () => {
    await watchNightlyBackup();
    const listener = await startMonitorListener(host.monitoring, { port: 0, log: createLogger('test') });
    try {
      const base = `http://127.0.0.1:${listener.port}`;
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/index.html`)).status).toBe(404);
      expect((await fetch(`${base}/heartbeat/backup?token=guess`, { method: 'POST' })).status).toBe(403);
      expect((await fetch(`${base}/heartbeat/backup?token=b3at-t0ken`, { method: 'POST' })).status).toBe(200);
      // The Alertmanager route is closed until its token is stored, here as on the web host.
      expect((await fetch(`${base}/alertmanager`, { method: 'POST', body: '{}' })).status).not.toBe(200);
    } finally {
      await listener.close();
    }
  });
});

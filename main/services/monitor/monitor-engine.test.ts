import { describe, expect, it } from 'vitest';
import { monitorSchema, type MonitorDefinition, type MonitorInput } from '../../../common/monitors/monitor-schema';
import type { BoardChange } from '../../../common/monitors/monitor-state';
import { describe as say, reason } from '../../../common/monitors/reasons';
import { systemClock } from '../clock';
import { FakeClock } from '../fake-clock';
import { createLogger } from '../logger';
import { ScriptedDriver } from './drivers';
import { MonitorEngine } from './monitor-engine';
import { failure, success } from './probe';
import { closedPort, startBlackHole, startDnsServer, startHttpServer, startTcpServer } from './test-servers';

const logger = createLogger('monitor-test', () => undefined);
const secrets = (name: string) => Promise.resolve(name === 'beat' ? 'b3at' : null);
const define = (input: Record<string, unknown>) => monitorSchema.parse(input as MonitorInput);

function engineWith(clock: FakeClock | typeof systemClock, monitors: MonitorDefinition[]) {
  const changes: BoardChange[] = [];
  const engine = new MonitorEngine({ clock, secrets, logger, onChanges: (batch) => changes.push(...batch) });
  engine.setMonitors(monitors);
  return { engine, changes };
}

describe('MonitorEngine', () => {
  it('lets an exercise drive a monitor down and up through the usual thresholds', async () => {
    const clock = new FakeClock();
    const payments = define({
      id: 'payments',
      name: 'Payments',
      type: 'tcp',
      host: '10.0.0.1',
      port: 443,
      interval: 5,
    });
    const { engine, changes } = engineWith(clock, [payments]);
    const inject = new ScriptedDriver(success(reason('driven', { text: 'all good' }), 20));
    engine.drive('payments', inject);
    engine.start();
    await clock.advance(5_000);
    expect(engine.snapshot()[0]?.view.status).toBe('up');
    inject.set(failure(reason('driven', { text: 'card processor unreachable' })));
    await clock.advance(15_000);
    const down = changes.find(
      (change): change is Extract<BoardChange, { type: 'status' }> => change.type === 'status' && change.to === 'down',
    );
    expect(down && say(down.reason)).toBe('card processor unreachable');
    expect(engine.snapshot()[0]).toMatchObject({ isDriven: true, uptime: { day: expect.any(Number) } });
    expect(engine.history('payments').length).toBeGreaterThanOrEqual(4);
    await engine.stop();
  });

  it('turns a heartbeat route call into an up monitor, and a missed beat into a down one', async () => {
    const clock = new FakeClock();
    const backup = define({
      id: 'backup',
      name: 'Nightly backup',
      type: 'heartbeat',
      every: 3_600,
      interval: 60,
      failureThreshold: 1,
      token: { secret: 'beat' },
    });
    const { engine } = engineWith(clock, [backup]);
    engine.start();
    expect(await engine.acceptHeartbeat('backup', 'wrong')).toBe('forbidden');
    expect(await engine.acceptHeartbeat('backup', 'b3at')).toBe('accepted');
    await clock.advance(1);
    expect(engine.snapshot()[0]?.view.status).toBe('up');
    await clock.advance(2 * 3_600_000);
    const view = engine.snapshot()[0]?.view;
    expect(view?.status).toBe('down');
    expect(view && say(view.reason)).toBe('no heartbeat for 2 h');
    await engine.stop();
  });

  it('accepts Alertmanager webhooks and refuses malformed ones with a clear error', () => {
    const { engine } = engineWith(new FakeClock(), []);
    const receipt = engine.receiveAlertmanager({
      version: '4',
      groupKey: 'g',
      status: 'firing',
      receiver: 'war-room',
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: 'http://am:9093',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'DiskFull', instance: 'db-1' },
          annotations: { summary: 'disk 98% full' },
          startsAt: '2025-06-04T09:00:00Z',
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: '',
          fingerprint: 'f1',
        },
      ],
    });
    expect(receipt.ok && receipt.changes.map((change) => change.to)).toEqual(['down']);
    expect(engine.alerts()[0]?.name).toBe('DiskFull · db-1');
    expect(engine.receiveAlertmanager({ version: '4' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-webhook' },
    });
  });

  it('keeps checking healthy monitors while every kind of broken server misbehaves', async () => {
    const healthy = await startHttpServer((request, response) => {
      if (request.url === '/hang') return;
      if (request.url === '/huge') return void response.end(Buffer.alloc(2 * 1024 * 1024));
      response.end('ok');
    });
    const garbage = await startTcpServer((socket) => socket.once('data', () => socket.end('\x00\x01garbage\r\n\r\n')));
    const hole = await startBlackHole();
    const dns = await startDnsServer({ a: { 'shop.test': ['10.6.6.6'] } });
    const refused = await closedPort();
    const common = { interval: 1, timeout: 0.5, failureThreshold: 1 };
    const monitors = [
      define({ ...common, id: 'healthy', name: 'healthy', type: 'http', url: `${healthy.url}/` }),
      define({ ...common, id: 'hanging', name: 'hanging', type: 'http', url: `${healthy.url}/hang` }),
      define({ ...common, id: 'huge', name: 'huge', type: 'http', url: `${healthy.url}/huge`, maxBodyKiB: 64 }),
      define({ ...common, id: 'garbage', name: 'garbage', type: 'http', url: garbage.url.replace('tcp:', 'http:') }),
      define({ ...common, id: 'hole', name: 'hole', type: 'tcp', host: '127.0.0.1', port: hole.port }),
      define({ ...common, id: 'refused', name: 'refused', type: 'tcp', host: '127.0.0.1', port: refused }),
      define({
        ...common,
        id: 'dns',
        name: 'dns',
        type: 'dns',
        domain: 'shop.test',
        servers: [dns.server],
        expected: ['10.0.0.1'],
      }),
    ];
    const checks = new Map<string, number>();
    const engine = new MonitorEngine({
      clock: systemClock,
      secrets,
      logger,
      onCheck: (id) => checks.set(id, (checks.get(id) ?? 0) + 1),
    });
    engine.setMonitors(monitors);
    engine.start();
    try {
      // Wait on state, not on time: until every broken monitor has been judged.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          const views = engine.snapshot().map((snapshot) => snapshot.view);
          if (views.every((view) => view.status !== 'pending') && (checks.get('healthy') ?? 0) >= 3) {
            clearInterval(poll);
            resolve();
          }
        }, 50);
      });
      const reasons = Object.fromEntries(
        engine.snapshot().map(({ view }) => [view.id, `${view.status}: ${say(view.reason)}`]),
      );
      expect(reasons).toEqual({
        healthy: expect.stringMatching(/^up: status 200 in \d+ ms$/),
        hanging: 'down: connected, but no response within 0.5 s',
        huge: 'down: the response is larger than 64 KiB',
        garbage: expect.stringMatching(/^down: the answer is not valid HTTP/),
        hole: 'down: could not connect within 0.5 s',
        refused: `down: connection refused by 127.0.0.1:${refused}`,
        dns: 'down: expected 10.0.0.1, got 10.6.6.6',
      });
      expect(engine.stats().overran).toBe(0);
    } finally {
      await engine.stop();
      await Promise.all([healthy.close(), garbage.close(), hole.close(), dns.close()]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { MonitorBoard, type BoardChange, type CheckResult } from './monitor-state';
import { monitorSchema, type MonitorDefinition, type MonitorInput } from './monitor-schema';
import { describe as say, reason, warning } from './reasons';

const T0 = Date.parse('2025-06-04T10:00:00Z');

function monitor(input: Partial<MonitorInput> & { id: string }): MonitorDefinition {
  return monitorSchema.parse({ name: input.id, type: 'tcp', host: '127.0.0.1', port: 1, ...input });
}

function ok(at: number): CheckResult {
  return { at, outcome: 'success', latencyMs: 5, reason: reason('tcpOk', { latency: 5 }), warnings: [] };
}
function fail(at: number): CheckResult {
  return {
    at,
    outcome: 'failure',
    latencyMs: null,
    reason: reason('connectionRefused', { host: '127.0.0.1', port: 1 }),
    warnings: [],
  };
}

function statuses(changes: readonly BoardChange[]) {
  return changes.flatMap((change) =>
    change.type === 'status' ? [`${change.monitorId}:${change.from}>${change.to}`] : [],
  );
}

describe('MonitorBoard thresholds', () => {
  it('goes down after 3 failures and up again after 2 successes, not before', () => {
    const board = new MonitorBoard([monitor({ id: 'shop' })], T0);
    expect(statuses(board.record('shop', ok(T0)))).toEqual(['shop:pending>up']);
    expect(board.record('shop', fail(T0 + 1))).toEqual([]);
    expect(board.record('shop', fail(T0 + 2))).toEqual([]);
    const down = board.record('shop', fail(T0 + 3));
    expect(down).toEqual([expect.objectContaining({ type: 'status', to: 'down', isAlert: true, at: T0 + 3 })]);
    expect(say(board.view('shop')!.reason)).toBe('connection refused by 127.0.0.1:1');
    expect(board.record('shop', ok(T0 + 4))).toEqual([]);
    expect(board.record('shop', fail(T0 + 5))).toEqual([]);
    expect(board.record('shop', ok(T0 + 6))).toEqual([]);
    expect(board.record('shop', ok(T0 + 7))).toEqual([
      expect.objectContaining({ from: 'down', to: 'up', isRecovery: true }),
    ]);
  });

  it('honours per-monitor thresholds', () => {
    const board = new MonitorBoard([monitor({ id: 'db', failureThreshold: 1, successThreshold: 1 })], T0);
    expect(statuses(board.record('db', fail(T0)))).toEqual(['db:pending>down']);
    expect(statuses(board.record('db', ok(T0 + 1)))).toEqual(['db:down>up']);
  });

  it('reports warnings raised and cleared apart from the status', () => {
    const board = new MonitorBoard([monitor({ id: 'shop' })], T0);
    board.record('shop', ok(T0));
    const soon = warning('certificateExpiresSoon', { days: 3 });
    expect(board.record('shop', { ...ok(T0 + 1), warnings: [soon] })).toEqual([
      { type: 'warnings', monitorId: 'shop', at: T0 + 1, raised: [soon], cleared: [] },
    ]);
    expect(board.record('shop', { ...ok(T0 + 2), warnings: [warning('certificateExpiresSoon', { days: 2 })] })).toEqual(
      [],
    );
    expect(board.record('shop', ok(T0 + 3))).toEqual([expect.objectContaining({ type: 'warnings', raised: [] })]);
  });
});

describe('MonitorBoard parents', () => {
  const family = () =>
    new MonitorBoard(
      [
        monitor({ id: 'network', failureThreshold: 1 }),
        monitor({ id: 'shop', parent: 'network', failureThreshold: 1 }),
        monitor({ id: 'cart', parent: 'shop', failureThreshold: 1 }),
      ],
      T0,
    );

  it('blames a failing child on the failing root, without alerting for it', () => {
    const board = family();
    for (const id of ['network', 'shop', 'cart']) board.record(id, ok(T0));
    expect(statuses(board.record('network', fail(T0 + 1)))).toEqual(['network:up>down']);
    const child = board.record('shop', fail(T0 + 2));
    expect(child).toEqual([expect.objectContaining({ to: 'caused-by-parent', causedBy: 'network', isAlert: false })]);
    board.record('cart', fail(T0 + 3));
    expect(board.view('cart')).toMatchObject({ status: 'caused-by-parent', causedBy: 'network' });
    expect(say(board.view('cart')!.reason)).toBe('down because network is down');
  });

  it('alerts for the child once the parent recovers and the child is still failing', () => {
    const board = family();
    for (const id of ['network', 'shop', 'cart']) board.record(id, ok(T0));
    board.record('network', fail(T0 + 1));
    board.record('shop', fail(T0 + 2));
    // The parent needs its two successes before it stops being the cause.
    expect(board.record('network', ok(T0 + 3))).toEqual([]);
    const recovered = board.record('network', ok(T0 + 4));
    expect(statuses(recovered)).toEqual(['network:down>up', 'shop:caused-by-parent>down']);
    expect(recovered.find((change) => change.type === 'status' && change.monitorId === 'shop')).toMatchObject({
      isAlert: true,
    });
  });

  it('does not alert for a child that crosses its threshold before its parent does', () => {
    const board = new MonitorBoard(
      [
        monitor({ id: 'network', failureThreshold: 3 }),
        monitor({ id: 'shop', parent: 'network', failureThreshold: 1 }),
      ],
      T0,
    );
    board.record('network', ok(T0));
    board.record('shop', ok(T0));
    board.record('network', fail(T0 + 1));
    expect(board.record('shop', fail(T0 + 2))).toEqual([
      expect.objectContaining({ to: 'caused-by-parent', isAlert: false }),
    ]);
  });
});

describe('MonitorBoard maintenance', () => {
  // Sundays 02:00–04:00 in Paris, which is UTC+2 in June.
  const windowed = monitor({
    id: 'shop',
    failureThreshold: 1,
    maintenance: [{ repeat: 'weekly', days: ['sun'], from: '02:00', to: '04:00', timeZone: 'Europe/Paris' }],
  });
  const sundayParis = (time: string) => Date.parse(`2025-06-08T${time}:00+02:00`);

  it('shows maintenance instead of down inside the window, and down once it closes', () => {
    const board = new MonitorBoard([windowed], sundayParis('01:00'));
    board.record('shop', ok(sundayParis('01:00')));
    expect(statuses(board.refreshMaintenance(sundayParis('02:00')))).toEqual(['shop:up>maintenance']);
    expect(board.record('shop', fail(sundayParis('02:30')))).toEqual([]);
    expect(board.view('shop')!.status).toBe('maintenance');
    const closed = board.refreshMaintenance(sundayParis('04:00'));
    expect(closed).toEqual([expect.objectContaining({ from: 'maintenance', to: 'down', isAlert: true })]);
  });

  it('reads the window in its own time zone', () => {
    const board = new MonitorBoard([windowed], sundayParis('01:00'));
    // 02:30 UTC is 04:30 in Paris: outside.
    expect(board.refreshMaintenance(Date.parse('2025-06-08T02:30:00Z'))).toEqual([]);
    expect(board.view('shop')!.status).toBe('pending');
  });
});

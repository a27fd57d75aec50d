import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../common/monitors/monitor-state';
import { describe as say, reason } from '../../../common/monitors/reasons';
import { FakeClock } from '../fake-clock';
import type { ProbeResult } from './probe';
import { ProbeScheduler } from './probe-scheduler';

const OK: ProbeResult = { outcome: 'success', latencyMs: 1, reason: reason('tcpOk', { latency: 1 }), warnings: [] };

function setup(check: (id: string, signal: AbortSignal) => Promise<ProbeResult>, concurrency?: number) {
  const clock = new FakeClock();
  const results: { id: string; result: CheckResult }[] = [];
  const starts: { id: string; at: number }[] = [];
  const scheduler = new ProbeScheduler({
    clock,
    concurrency,
    check,
    onResult: (id, result) => results.push({ id, result }),
    onStart: (id) => starts.push({ id, at: clock.now() }),
  });
  return { clock, scheduler, results, starts };
}

const monitors = (count: number, intervalMs: number, timeoutMs = 1_000) =>
  Array.from({ length: count }, (_, index) => ({ id: `m${index}`, intervalMs, timeoutMs }));

describe('ProbeScheduler', () => {
  it('spreads the first checks over the interval instead of firing them together', async () => {
    const { clock, scheduler, starts } = setup(() => Promise.resolve(OK));
    const t0 = clock.now();
    scheduler.set(monitors(1_000, 10_000));
    scheduler.start();
    await clock.advance(10_000);
    expect(new Set(starts.map((start) => start.id)).size).toBe(1_000);
    const perSecond = new Map<number, number>();
    for (const start of starts) {
      const second = Math.floor((start.at - t0) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    // Even spreading gives 100 a second; a burst would put them all in the first.
    expect(Math.max(...perSecond.values())).toBeLessThan(150);
    expect(perSecond.size).toBe(10);
  });

  it('checks each monitor once per interval on a fixed grid', async () => {
    const { clock, scheduler, starts } = setup(() => Promise.resolve(OK));
    scheduler.set([{ id: 'shop', intervalMs: 5_000, timeoutMs: 1_000 }]);
    scheduler.start();
    await clock.advance(60_000);
    const times = starts.map((start) => start.at);
    expect(times.length).toBeGreaterThanOrEqual(11);
    expect(times.slice(1).map((at, index) => at - (times[index] ?? 0))).toEqual(times.slice(1).map(() => 5_000));
  });

  it('runs checks due within moments of each other together, a little early, to wake less often', async () => {
    const { clock, scheduler, starts } = setup(() => Promise.resolve(OK));
    scheduler.set([
      { id: 'a', intervalMs: 30_000, timeoutMs: 1_000 },
      { id: 'b', intervalMs: 30_000, timeoutMs: 1_000 },
      { id: 'c', intervalMs: 30_000, timeoutMs: 1_000 },
    ]);
    scheduler.start();
    await clock.advance(30_000);
    // Put a, b and c on grids 50 ms and 400 ms apart.
    const t = clock.now();
    scheduler.checkNow('a');
    await clock.advance(50);
    scheduler.checkNow('b');
    await clock.advance(350);
    scheduler.checkNow('c');
    await clock.advance(0);
    starts.length = 0;
    await clock.advance(t + 30_500 - clock.now());
    // 1% of 30 s is 300 ms, capped at 100 ms: b (50 ms later) joins a; c (400 ms later) does not.
    expect(starts).toEqual([
      { id: 'a', at: t + 30_000 },
      { id: 'b', at: t + 30_000 },
      { id: 'c', at: t + 30_400 },
    ]);
  });

  it('never runs more checks at once than its cap, and queues the rest', async () => {
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const { clock, scheduler, results } = setup(
      () =>
        new Promise((resolve) => {
          running += 1;
          peak = Math.max(peak, running);
          release.push(() => {
            running -= 1;
            resolve(OK);
          });
        }),
      3,
    );
    scheduler.set(monitors(10, 1_000, 60_000));
    scheduler.start();
    await clock.advance(1_000);
    expect(scheduler.stats()).toMatchObject({ running: 3, waiting: 7 });
    while (results.length < 10) {
      release.splice(0).forEach((resolve) => resolve());
      await clock.advance(0);
    }
    expect(peak).toBe(3);
  });

  it('fails a check that ignores its deadline and frees its slot for the others', async () => {
    const { clock, scheduler, results } = setup(
      (id) => (id === 'stuck' ? new Promise<ProbeResult>(() => undefined) : Promise.resolve(OK)),
      1,
    );
    scheduler.set([
      { id: 'stuck', intervalMs: 60_000, timeoutMs: 2_000 },
      { id: 'fine', intervalMs: 1_000, timeoutMs: 1_000 },
    ]);
    scheduler.start();
    await clock.advance(60_000);
    const stuck = results.find((entry) => entry.id === 'stuck');
    expect(stuck && say(stuck.result.reason)).toBe('the check did not finish within 2 s');
    expect(results.filter((entry) => entry.id === 'fine').length).toBeGreaterThan(30);
    expect(scheduler.stats().overran).toBeGreaterThanOrEqual(1);
  });

  it('turns a crashing probe into a failure', async () => {
    const { clock, scheduler, results } = setup(() => Promise.reject(new Error('boom')));
    scheduler.set([{ id: 'shop', intervalMs: 1_000, timeoutMs: 500 }]);
    scheduler.start();
    await clock.advance(1_000);
    expect(say(results[0]!.result.reason)).toBe('the check failed unexpectedly: boom');
  });

  it('does not overlap a monitor with itself, runs "check now", and forgets removed monitors', async () => {
    let inFlight = 0;
    let overlapped = false;
    const { clock, scheduler, results } = setup(async () => {
      inFlight += 1;
      if (inFlight > 1) overlapped = true;
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return OK;
    });
    scheduler.set([{ id: 'shop', intervalMs: 30_000, timeoutMs: 1_000 }]);
    scheduler.start();
    await clock.advance(30_000);
    const before = results.length;
    scheduler.checkNow('shop');
    await clock.advance(0);
    expect(results.length).toBe(before + 1);
    scheduler.set([]);
    await clock.advance(120_000);
    expect(results.length).toBe(before + 1);
    expect(overlapped).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { addMonths, costByLocalDay, isUntested, localDate, nextLocalMidnight } from './calendar';
import { crossingKey, dueCrossings, HOUR_MS, MINUTE_MS, processImpact, totalImpact } from './impact';
import { BUILT_IN_PROCESS_LIST, impactedProcesses, processCatalog } from './process-catalog';
import { EMPTY_CONTINUITY } from './continuity-docs';

const byId = (id: string) => BUILT_IN_PROCESS_LIST.find((process) => process.id === id)!;
const payment = byId('payment'); // RTO 1 h, RPO 30 min, 75,000 € a day
const sales = byId('online-sales'); // RTO 2 h, RPO 1 h, 50,000 € a day
const T0 = Date.UTC(2026, 5, 10, 9, 0, 0);

describe('process impact', () => {
  it('counts down to the RTO breach and accrues cost by the minute', () => {
    const impact = processImpact(payment, { startedAt: T0, restoredAt: undefined }, T0 + 30 * MINUTE_MS);
    expect(impact.remainingMs).toBe(30 * MINUTE_MS);
    expect(impact.rto).toBe('ok');
    expect(impact.cost).toBeCloseTo(75_000 / 48, 6); // half an hour of a day
    expect(impact.costPerHour).toBe(3_125);
  });

  it('warns at three quarters of the RTO, breaches at the RTO', () => {
    const window = { startedAt: T0, restoredAt: undefined };
    expect(processImpact(payment, window, T0 + 45 * MINUTE_MS - 1).rto).toBe('ok');
    expect(processImpact(payment, window, T0 + 45 * MINUTE_MS).rto).toBe('warning');
    expect(processImpact(payment, window, T0 + HOUR_MS).rto).toBe('breached');
    expect(processImpact(payment, window, T0 + 90 * MINUTE_MS).remainingMs).toBe(-30 * MINUTE_MS);
  });

  it('stops counting when service is restored, and says whether the RTO was met', () => {
    const met = processImpact(sales, { startedAt: T0, restoredAt: T0 + 90 * MINUTE_MS }, T0 + 10 * HOUR_MS);
    expect(met).toMatchObject({ rto: 'met', downMs: 90 * MINUTE_MS, remainingMs: undefined });
    expect(met.cost).toBeCloseTo(50_000 * (1.5 / 24), 6);
    const missed = processImpact(payment, { startedAt: T0, restoredAt: T0 + 61 * MINUTE_MS }, T0 + 2 * HOUR_MS);
    expect(missed.rto).toBe('missed');
  });

  it('totals two processes: cost so far and per hour while they are down', () => {
    const now = T0 + 30 * MINUTE_MS;
    const impacts = [payment, sales].map((process) =>
      processImpact(process, { startedAt: T0, restoredAt: undefined }, now),
    );
    const totals = totalImpact(impacts);
    expect(totals.costPerHour).toBeCloseTo((75_000 + 50_000) / 24, 6);
    expect(totals.cost).toBeCloseTo((75_000 + 50_000) / 48, 6);
  });

  it('measures RPO exposure from the last successful backup', () => {
    const window = { startedAt: T0, restoredAt: undefined };
    const fresh = processImpact(payment, window, T0 + 10 * MINUTE_MS, T0 - 5 * MINUTE_MS);
    expect(fresh).toMatchObject({ rpo: 'ok', exposureMs: 15 * MINUTE_MS });
    const stale = processImpact(payment, window, T0 + 10 * MINUTE_MS, T0 - 40 * MINUTE_MS);
    expect(stale.rpo).toBe('breached');
    expect(processImpact(payment, window, T0).rpo).toBe('unknown');
  });

  it('never goes negative when the clock reads before the start (a skewed laptop)', () => {
    const impact = processImpact(payment, { startedAt: T0, restoredAt: undefined }, T0 - HOUR_MS);
    expect(impact.downMs).toBe(0);
    expect(impact.cost).toBe(0);
  });
});

describe('threshold crossings', () => {
  it('lists each crossing once, at the moment computed from the record', () => {
    const impact = processImpact(
      payment,
      { startedAt: T0, restoredAt: undefined },
      T0 + 2 * HOUR_MS,
      T0 - 40 * MINUTE_MS,
    );
    const due = dueCrossings(impact, T0 + 2 * HOUR_MS, new Set());
    expect(due).toEqual([
      { processId: 'payment', threshold: 'rto-warning', at: T0 + 45 * MINUTE_MS },
      { processId: 'payment', threshold: 'rto-breached', at: T0 + HOUR_MS },
      // The backup was already too old when the trouble began.
      { processId: 'payment', threshold: 'rpo-breached', at: T0 },
    ]);
    const recorded = new Set(due.map((crossing) => crossingKey(crossing.processId, crossing.threshold)));
    expect(dueCrossings(impact, T0 + 3 * HOUR_MS, recorded)).toEqual([]);
  });

  it('does not cross a threshold after service came back', () => {
    const impact = processImpact(payment, { startedAt: T0, restoredAt: T0 + 50 * MINUTE_MS }, T0 + 3 * HOUR_MS);
    expect(dueCrossings(impact, T0 + 3 * HOUR_MS, new Set()).map((crossing) => crossing.threshold)).toEqual([
      'rto-warning',
    ]);
  });
});

describe('impacted processes', () => {
  const catalog = processCatalog(EMPTY_CONTINUITY);
  it('takes chosen names in either language, then services, then failing linked monitors', () => {
    const found = impactedProcesses(catalog, { processes: ['Paiement'], services: ['orders'] }, [
      { id: 'm1', services: ['carrier'], isFailing: true },
      { id: 'm2', services: ['helpdesk'], isFailing: false },
    ]);
    expect(found.map(({ process, reason }) => [process.id, reason])).toEqual([
      ['payment', 'chosen'],
      ['order-management', 'service'],
      ['shipping', 'monitor'],
    ]);
  });
});

describe('calendar arithmetic across zones, midnight and daylight saving', () => {
  it('splits an outage spanning midnight across the local days of Paris', () => {
    // 23:00 to 01:00 Paris time in June (UTC+2).
    const start = Date.UTC(2026, 5, 10, 21, 0);
    const days = costByLocalDay(start, start + 2 * HOUR_MS, 24_000, 'Europe/Paris');
    expect(days.map((day) => [day.date, day.ms / HOUR_MS, day.cost])).toEqual([
      ['2026-06-10', 1, 1_000],
      ['2026-06-11', 1, 1_000],
    ]);
  });

  it('gives a different split for the same instants in New York, and one day in Tokyo', () => {
    const start = Date.UTC(2026, 5, 10, 21, 0);
    expect(costByLocalDay(start, start + 2 * HOUR_MS, 24_000, 'America/New_York').map((day) => day.date)).toEqual([
      '2026-06-10',
    ]);
    expect(costByLocalDay(start, start + 2 * HOUR_MS, 24_000, 'Asia/Tokyo').map((day) => day.date)).toEqual([
      '2026-06-11',
    ]);
  });

  it('counts the real hours of a night when clocks go forward: 23 h of a local day cost 23 h', () => {
    // Paris, 29 March 2026: 02:00 becomes 03:00. Midnight to midnight lasts 23 hours.
    const midnight = Date.UTC(2026, 2, 28, 23, 0); // 00:00 Paris (UTC+1)
    expect(nextLocalMidnight(midnight, 'Europe/Paris') - midnight).toBe(23 * HOUR_MS);
    const [day] = costByLocalDay(midnight, midnight + 23 * HOUR_MS, 24_000, 'Europe/Paris');
    expect(day).toEqual({ date: '2026-03-29', ms: 23 * HOUR_MS, cost: 23_000 });
    // The RTO countdown is in real time too: one hour of RTO across 02:00 ends at 04:30 local.
    const start = Date.UTC(2026, 2, 29, 0, 30); // 01:30 Paris
    const impact = processImpact(payment, { startedAt: start, restoredAt: undefined }, start);
    expect(impact.rtoAt - start).toBe(HOUR_MS);
  });

  it('counts 25 hours on the night clocks go back', () => {
    const midnight = Date.UTC(2026, 9, 24, 22, 0); // 00:00 Paris, 25 October 2026 (UTC+2)
    expect(localDate(midnight, 'Europe/Paris')).toBe('2026-10-25');
    expect(nextLocalMidnight(midnight, 'Europe/Paris') - midnight).toBe(25 * HOUR_MS);
    const days = costByLocalDay(midnight, midnight + 25 * HOUR_MS, 24_000, 'Europe/Paris');
    expect(days).toEqual([{ date: '2026-10-25', ms: 25 * HOUR_MS, cost: 25_000 }]);
  });

  it('flags plans not exercised for more than six calendar months', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(isUntested('2025-08-31', '2026-02-28')).toBe(false);
    expect(isUntested('2025-08-31', '2026-03-01')).toBe(true);
    expect(isUntested(undefined, '2026-03-01')).toBe(true);
    expect(isUntested('2026-01-01', '2026-03-01', 1)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { isInWindow } from './maintenance';
import { maintenanceWindowSchema } from './monitor-schema';

const window = (input: unknown) => maintenanceWindowSchema.parse(input);

describe('maintenance windows', () => {
  it('reads a one-off window as wall-clock time in its zone', () => {
    const once = window({
      repeat: 'once',
      start: '2025-03-30T01:30',
      end: '2025-03-30T04:00',
      timeZone: 'Europe/Paris',
    });
    // Paris skips from 02:00 to 03:00 that night (DST starts): 00:30Z is 01:30 CET, 02:00Z is 04:00 CEST.
    expect(isInWindow(once, Date.parse('2025-03-30T00:29:00Z'))).toBe(false);
    expect(isInWindow(once, Date.parse('2025-03-30T00:30:00Z'))).toBe(true);
    expect(isInWindow(once, Date.parse('2025-03-30T01:59:00Z'))).toBe(true);
    expect(isInWindow(once, Date.parse('2025-03-30T02:00:00Z'))).toBe(false);
  });

  it('lets a daily window cross midnight', () => {
    const nightly = window({ repeat: 'daily', from: '23:00', to: '01:00' });
    expect(isInWindow(nightly, Date.parse('2025-06-04T23:30:00Z'))).toBe(true);
    expect(isInWindow(nightly, Date.parse('2025-06-05T00:59:00Z'))).toBe(true);
    expect(isInWindow(nightly, Date.parse('2025-06-05T01:00:00Z'))).toBe(false);
    expect(isInWindow(nightly, Date.parse('2025-06-05T12:00:00Z'))).toBe(false);
  });

  it('carries a weekly window past midnight into the next day only', () => {
    const saturdayNight = window({ repeat: 'weekly', days: ['sat'], from: '22:00', to: '02:00', timeZone: 'UTC' });
    expect(isInWindow(saturdayNight, Date.parse('2025-06-07T22:00:00Z'))).toBe(true); // Saturday
    expect(isInWindow(saturdayNight, Date.parse('2025-06-08T01:00:00Z'))).toBe(true); // Sunday morning
    expect(isInWindow(saturdayNight, Date.parse('2025-06-09T01:00:00Z'))).toBe(false); // Monday morning
    expect(isInWindow(saturdayNight, Date.parse('2025-06-06T23:00:00Z'))).toBe(false); // Friday
  });
});

import { describe, expect, it } from 'vitest';
import { formatClockOffset, formatDuration, formatRelative, fromDateTimeInput, toDateTimeInput } from './format';

const MINUTE = 60_000;

describe('relative times', () => {
  const now = 1_700_000_000_000;
  it('reads past times in each language', () => {
    expect(formatRelative(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatRelative(now - 3 * 60_000, now, 'fr')).toBe('il y a 3 minutes');
  });

  it('calls a time just ahead of a lagging clock "now", but keeps a far future visible', () => {
    expect(formatRelative(now + 12_000, now, 'en')).toBe('now');
    expect(formatRelative(now + 2 * 3_600_000, now, 'en')).toBe('in 2 hours');
  });
});

describe('datetime inputs', () => {
  it('round-trips a moment through the local-time field, to the second', () => {
    const moment = Date.UTC(2026, 10, 21, 23, 59, 58);
    expect(fromDateTimeInput(toDateTimeInput(moment))).toBe(moment);
  });

  it('refuses what is not a date and time', () => {
    expect(fromDateTimeInput('')).toBeUndefined();
    expect(fromDateTimeInput('2026-11-21')).toBeUndefined();
    expect(fromDateTimeInput('yesterday at noon')).toBeUndefined();
  });
});

describe('durations', () => {
  it('reads at the scale that matters', () => {
    expect(formatDuration(45_000, 'en')).toBe('45 s');
    expect(formatDuration(12 * 60_000 + 5_000, 'en')).toBe('12 min');
    expect(formatDuration(65 * 60_000, 'en')).toBe('1 h 05 min');
    expect(formatDuration(51 * 3_600_000, 'fr')).toBe('2 j 3 h');
    expect(formatDuration(-5, 'en')).toBe('0 s');
  });
});

describe('clock offsets', () => {
  it('rounds to what one sets a clock to, whichever the sign', () => {
    expect(formatClockOffset(3 * MINUTE + 23_000, 'en')).toBe('3 min 20 s');
    expect(formatClockOffset(-(3 * MINUTE + 26_000), 'en')).toBe('3 min 30 s');
    expect(formatClockOffset(10 * MINUTE + 2_000, 'en')).toBe('10 min');
    expect(formatClockOffset(40_000, 'en')).toBe('40 s');
    expect(formatClockOffset(59 * MINUTE + 58_000, 'en')).toBe('1 h');
    expect(formatClockOffset(-2 * 60 * MINUTE - 20_000, 'en')).toBe('2 h');
    expect(formatClockOffset(2 * 60 * MINUTE + 5 * MINUTE, 'fr')).toBe('2 h 05 min');
    expect(formatClockOffset(23 * 60 * MINUTE + 59 * MINUTE + 50_000, 'en')).toBe('1 d');
    expect(formatClockOffset(3 * 24 * 60 * MINUTE + 4 * 60 * MINUTE, 'fr')).toBe('3 j 4 h');
    // A clock reset to 1970 on a dead battery.
    expect(formatClockOffset(-1_750_000_000_000, 'en')).toBe('55 years');
    expect(formatClockOffset(-1_750_000_000_000, 'fr')).toBe('55 ans');
  });
});

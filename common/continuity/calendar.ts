// Calendar questions that do depend on a time zone: how an outage's cost splits
// across local days (an incident spanning midnight, or a daylight-saving
// change), and whether a plan has gone untested for too many months. Intl
// does the zone arithmetic, so no zone table ships with the app.
import { costOf } from './impact';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The local calendar date of an instant in a zone: `2026-03-29`. */
export function localDate(ms: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(ms);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const MAX_DAY_MS = 27 * 3_600_000;

/** The first instant after `ms` that falls on another local date (the next local midnight, whatever its length). */
export function nextLocalMidnight(ms: number, timeZone: string): number {
  const today = localDate(ms, timeZone);
  // Local days last 23 to 25 hours (a few zones skip or repeat a whole day
  // across the date line, which 27 hours still covers); a binary search to the millisecond.
  let low = ms;
  let high = ms + MAX_DAY_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDate(middle, timeZone) === today) low = middle;
    else high = middle;
  }
  return high;
}

export interface DayShare {
  readonly date: string;
  readonly ms: number;
  readonly cost: number;
}

/** Downtime and its cost per local day, oldest first. */
export function costByLocalDay(startedAt: number, endedAt: number, costPerDay: number, timeZone: string): DayShare[] {
  const days: DayShare[] = [];
  let from = startedAt;
  while (from < endedAt) {
    const to = Math.min(endedAt, nextLocalMidnight(from, timeZone));
    days.push({ date: localDate(from, timeZone), ms: to - from, cost: costOf(costPerDay, to - from) });
    from = to;
  }
  return days;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date string plus whole months, the day clamped to the month's end (31 August + 6 months = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const nextYear = Math.floor(index / 12);
  const nextMonth = (index % 12) + 1;
  const nextDay = Math.min(day, daysInMonth(nextYear, nextMonth));
  return `${String(nextYear).padStart(4, '0')}-${String(nextMonth).padStart(2, '0')}-${String(nextDay).padStart(2, '0')}`;
}

export const DEFAULT_UNTESTED_MONTHS = 6;

/**
 * Whether a plan is overdue for an exercise on `today` (a local date): never
 * exercised, or last exercised more than `months` calendar months ago.
 */
export function isUntested(
  lastExercised: string | undefined,
  today: string,
  months = DEFAULT_UNTESTED_MONTHS,
): boolean {
  if (lastExercised === undefined) return true;
  return addMonths(lastExercised, months) < today;
}

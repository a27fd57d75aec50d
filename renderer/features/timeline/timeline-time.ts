// Times of timeline entries in the user's language and time zone: "3 minutes
// ago", or the clock, with the date when it is not today. Formatters are built
// once per language: a list scrolling through thousands of rows formats a lot.
import type { Locale } from '../../../common/i18n/locales';

export type TimeMode = 'relative' | 'absolute';

const formats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

function format(locale: Locale, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${name}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formats.set(key, found);
  }
  return found;
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

function isSameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "14:02:33" today; "12 Mar, 14:02:33" another day; the year too when it is not this year's. */
export function formatClock(at: number, now: number, locale: Locale): string {
  const date = new Date(at);
  const today = new Date(now);
  if (isSameDay(date, today)) return format(locale, 'clock', CLOCK).format(date);
  if (date.getFullYear() === today.getFullYear()) {
    return format(locale, 'day-clock', { day: 'numeric', month: 'short', ...CLOCK }).format(date);
  }
  return format(locale, 'date-clock', { day: 'numeric', month: 'short', year: 'numeric', ...CLOCK }).format(date);
}

/** The full date and time, for a tooltip. */
export function formatFull(at: number, locale: Locale): string {
  return format(locale, 'full', { dateStyle: 'full', timeStyle: 'medium' }).format(at);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 365],
];

/** "3 minutes ago"; a moment slightly ahead (a clock that lags behind) reads "now". */
export function formatAgo(at: number, now: number, locale: Locale): string {
  let relative = relativeFormats.get(locale);
  if (!relative) {
    relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, relative);
  }
  const delta = at - now;
  let value = (delta > 0 && delta < 60_000 ? 0 : delta) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

/** The user's time zone, for exports. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

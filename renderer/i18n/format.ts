// Dates and durations in the user's language and time zone.
import type { Locale } from '../../common/i18n/locales';

export function formatDateTime(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

export function formatTime(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 365],
];

/** Within this much of the future, a time is "now": the clock that ticks labels lags behind. */
const FUTURE_SLACK_MS = 60_000;

/**
 * "3 minutes ago", "il y a 3 minutes". A time slightly ahead reads "now"; one far
 * ahead stays in the future, which tells of a laptop whose clock runs ahead.
 */
export function formatRelative(ms: number, nowMs: number, locale: Locale): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const delta = ms - nowMs;
  let value = (delta > 0 && delta < FUTURE_SLACK_MS ? 0 : delta) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The value of an `<input type="datetime-local" step="1">` for a moment, in the local time zone. */
export function toDateTimeInput(ms: number): string {
  const date = new Date(ms);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** The moment a datetime-local value means in the local time zone; undefined when it is not one. */
export function fromDateTimeInput(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hours, minutes, seconds = '0'] = match;
  const date = new Date(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds));
  return Number.isNaN(date.getTime()) ? undefined : date.getTime();
}

/** The user's time zone, as the browser names it (Europe/Paris). */
export function timeZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A duration for people: "45 s", "12 min", "1 h 05 min", "2 d 3 h". */
export function formatDuration(ms: number, locale: Locale): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const day = locale === 'fr' ? 'j' : 'd';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${pad(minutes % 60)} min`;
  return `${Math.floor(hours / 24)} ${day} ${hours % 24} h`;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

/**
 * How far a clock is off, at the precision a person sets a clock to: "3 min 20 s"
 * (to 10 s under an hour), "2 h", "2 h 05 min" (to the minute under a day), "3 d 4 h"
 * (to the hour), "25 years" (a clock reset to its epoch). The sign is the caller's: ahead or behind.
 */
export function formatClockOffset(ms: number, locale: Locale): string {
  const size = Math.abs(ms);
  const seconds = Math.round(size / (10 * SECOND)) * 10;
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3_600) {
    const rest = seconds % 60;
    return rest === 0 ? `${seconds / 60} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  const minutes = Math.round(size / MINUTE);
  if (minutes < 1_440) {
    const rest = minutes % 60;
    return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${pad(rest)} min`;
  }
  if (size >= 2 * YEAR) return `${Math.floor(size / YEAR)} ${locale === 'fr' ? 'ans' : 'years'}`;
  const hours = Math.round(size / HOUR);
  const day = locale === 'fr' ? 'j' : 'd';
  const rest = hours % 24;
  return rest === 0 ? `${hours / 24} ${day}` : `${Math.floor(hours / 24)} ${day} ${rest} h`;
}

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

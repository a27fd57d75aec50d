// Money and durations as the continuity screens show them.
import type { Locale } from '../../../common/i18n/locales';

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

/** `1 h 05 min 30 s`, `12 min 05 s`: a countdown that reads the same in both languages. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  if (hours > 0) return `${hours} h ${two(minutes)} min ${two(rest)} s`;
  return `${minutes} min ${two(rest)} s`;
}

/** `2 h`, `30 min`, `1 h 30 min`. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')} min`;
}

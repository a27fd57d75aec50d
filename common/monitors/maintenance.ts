// Whether a moment falls in one of a monitor's maintenance windows. Windows
// are wall-clock times in a time zone, so the moment is read as that zone's
// wall clock (Intl does the zone and DST arithmetic) and compared as text.
import { assertNever } from '../assert';
import { WEEKDAYS, type MaintenanceWindow, type Weekday } from './monitor-schema';

interface WallClock {
  /** `2025-06-01T22:00`, comparable as text with a window's start and end. */
  readonly dateTime: string;
  /** `22:00`. */
  readonly time: string;
  readonly weekday: Weekday;
}

// Building a DateTimeFormat is far slower than using one: one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export function wallClock(at: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const time = `${parts.hour}:${parts.minute}`;
  return {
    dateTime: `${parts.year}-${parts.month}-${parts.day}T${time}`,
    time,
    weekday: (parts.weekday ?? '').toLowerCase() as Weekday,
  };
}

function previousDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] ?? day;
}

/** A daily span; `to` before `from` crosses midnight, `to` equal to `from` lasts 24 hours. */
function isInSpan(time: string, from: string, to: string, isDayListed: (day: 'today' | 'yesterday') => boolean) {
  if (from < to) return isDayListed('today') && time >= from && time < to;
  return (isDayListed('today') && time >= from) || (isDayListed('yesterday') && time < to);
}

export function isInWindow(window: MaintenanceWindow, at: number): boolean {
  const clock = wallClock(at, window.timeZone);
  switch (window.repeat) {
    case 'once':
      return clock.dateTime >= window.start && clock.dateTime < window.end;
    case 'daily':
      return isInSpan(clock.time, window.from, window.to, () => true);
    case 'weekly':
      return isInSpan(clock.time, window.from, window.to, (day) =>
        window.days.includes(day === 'today' ? clock.weekday : previousDay(clock.weekday)),
      );
    default:
      return assertNever(window);
  }
}

export function isInMaintenance(windows: readonly MaintenanceWindow[] | undefined, at: number): boolean {
  return windows !== undefined && windows.some((window) => isInWindow(window, at));
}

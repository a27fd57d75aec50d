// How exercise time reads on screen: a running clock `01:02:03` that stays
// legible at a glance, whatever the speed.

/** Exercise time as hours, minutes and seconds (`00:12:05`); hours grow past 99 if they must. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

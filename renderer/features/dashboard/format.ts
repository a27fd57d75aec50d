// How the dashboard says how long: an age ("1 h 05 min") and a countdown clock ("4:07").
import { INCIDENT_KINDS } from '../../../common/events/event';
import type { Documents } from '../../../common/domain/documents';
import type { useT } from '../../i18n';

type TFunction = ReturnType<typeof useT>;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An elapsed time at the precision a person reads at a glance. */
export function formatAge(ms: number, t: TFunction): string {
  const value = Math.max(0, ms);
  if (value < MINUTE) return t('dashboard.duration.seconds', { s: Math.floor(value / SECOND) });
  if (value < HOUR) return t('dashboard.duration.minutes', { m: Math.floor(value / MINUTE) });
  if (value < DAY) {
    const m = String(Math.floor((value % HOUR) / MINUTE)).padStart(2, '0');
    return t('dashboard.duration.hours', { h: Math.floor(value / HOUR), m });
  }
  return t('dashboard.duration.days', { d: Math.floor(value / DAY), h: Math.floor((value % DAY) / HOUR) });
}

/** A countdown to the second: m:ss, or h:mm:ss beyond an hour. The same in every language. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / SECOND);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A built-in type in the user's language, or a custom type's name. */
export function kindLabel(kind: string, docs: Documents, t: TFunction): string {
  if ((INCIDENT_KINDS as readonly string[]).includes(kind)) return t(`kind.${kind}`);
  return docs.incidentTypes.get(kind)?.name ?? kind;
}

/** A built-in role in the user's language, or a custom role's name. */
export function roleLabel(role: string, docs: Documents, t: TFunction): string {
  return docs.roles.get(role)?.name ?? t(`role.${role}`, { defaultValue: role });
}

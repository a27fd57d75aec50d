// What the tray icon says: how many incidents are open, the most severe first,
// each with its status, in the user's language.
import type { Incident } from '../../common/domain/incidents';
import { translate } from '../../common/i18n/messages';
import type { Locale } from '../../common/i18n/locales';

export type TrayIncident = Pick<Incident, 'id' | 'title' | 'severity' | 'status' | 'updatedAt'>;

export interface TrayStatus {
  readonly tooltip: string;
  readonly headline: string;
  readonly openCount: number;
  /** The worst severity open, or null when all is quiet: the icon can show it. */
  readonly worst: Incident['severity'] | null;
  /** Menu lines, most severe then most recent first, at most MAX_TRAY_ITEMS. */
  readonly items: readonly { readonly id: string; readonly label: string }[];
}

export const MAX_TRAY_ITEMS = 8;
/** Menu labels are one line; a long title is cut with an ellipsis. */
const MAX_TITLE = 60;

function shorten(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}

export function trayStatus(incidents: readonly TrayIncident[], locale: Locale): TrayStatus {
  // Closed and resolved incidents need no one: the tray shows what is still live.
  const open = incidents
    .filter((incident) => incident.status !== 'closed' && incident.status !== 'resolved')
    .sort((a, b) => (a.severity < b.severity ? -1 : a.severity > b.severity ? 1 : b.updatedAt - a.updatedAt));
  const headline =
    open.length === 0
      ? translate(locale, 'shell.tray.noIncident')
      : translate(locale, open.length === 1 ? 'shell.tray.open_one' : 'shell.tray.open_other', { count: open.length });
  const items = open.slice(0, MAX_TRAY_ITEMS).map((incident) => ({
    id: incident.id,
    label: `${incident.severity} · ${translate(locale, `status.${incident.status}`)} — ${shorten(incident.title)}`,
  }));
  return {
    tooltip: `${translate(locale, 'shell.tray.tooltip')} — ${headline}`,
    headline,
    openCount: open.length,
    worst: open[0]?.severity ?? null,
    items,
  };
}

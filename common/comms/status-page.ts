// The public incident history as one static HTML page: no script, no remote
// resource, every text escaped, so it can be put on any web server or bucket
// and keeps working when the war-room's own infrastructure is down. Only
// messages recorded for the `status-page` audience appear: what the public
// was told, nothing more.
import type { Incident, WarRoomState } from '../domain/incidents';
import type { Locale } from '../i18n/locales';
import { escapeHtml, textToHtml } from './format';
import { formatMoment } from './render';

const WORDS: Record<Locale, Record<'title' | 'generated' | 'none' | 'ongoing' | 'resolved' | 'since', string>> = {
  en: {
    title: 'Service status',
    generated: 'Page generated on {{at}}.',
    none: 'No incident has been announced.',
    ongoing: 'Ongoing',
    resolved: 'Resolved',
    since: 'Since {{at}}',
  },
  fr: {
    title: 'État des services',
    generated: 'Page générée le {{at}}.',
    none: 'Aucun incident n’a été annoncé.',
    ongoing: 'En cours',
    resolved: 'Résolu',
    since: 'Depuis le {{at}}',
  },
};

function publicUpdates(incident: Incident) {
  return [...incident.messages.values()]
    .filter((message) => message.audience === 'status-page' && message.deliveredAt !== undefined)
    .sort((a, b) => (b.deliveredAt ?? 0) - (a.deliveredAt ?? 0));
}

export interface StatusPageOptions {
  readonly locale: Locale;
  readonly now: number;
  readonly timeZone?: string;
  /** The page's heading, the company's name for instance. */
  readonly heading?: string;
}

/** The static page: incidents with at least one public update, newest first. */
export function statusPageHtml(state: WarRoomState, options: StatusPageOptions): string {
  const words = WORDS[options.locale];
  const at = (ms: number) => escapeHtml(formatMoment(ms, options.locale, options.timeZone));
  const sections = [...state.incidents.values()]
    .map((incident) => ({ incident, updates: publicUpdates(incident) }))
    .filter(({ updates }) => updates.length > 0)
    .sort((a, b) => (b.updates[0]?.deliveredAt ?? 0) - (a.updates[0]?.deliveredAt ?? 0))
    .map(({ incident, updates }) => {
      const isOver = incident.status === 'resolved' || incident.status === 'closed';
      const headline = updates[0]?.subject ?? incident.services.join(', ');
      const items = updates
        .map(
          (update) =>
            `<li><time>${at(update.deliveredAt ?? update.recordedAt)}</time>` +
            `${update.subject ? `<h3>${escapeHtml(update.subject)}</h3>` : ''}${textToHtml(update.text)}</li>`,
        )
        .join('\n');
      return [
        `<section class="${isOver ? 'resolved' : 'ongoing'}">`,
        `<h2>${escapeHtml(headline || incident.title)} <span class="badge">${isOver ? words.resolved : words.ongoing}</span></h2>`,
        `<p class="since">${words.since.replace('{{at}}', at(incident.declaredAt))}</p>`,
        `<ol>${items}</ol>`,
        '</section>',
      ].join('\n');
    });
  const title = escapeHtml(options.heading ?? words.title);
  return `<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
section{border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:1rem 0}
.ongoing{border-left:6px solid #d1242f}.resolved{border-left:6px solid #1a7f37}
.badge{font-size:.8rem;padding:.1rem .5rem;border-radius:1rem;background:#eaeef2}
ol{list-style:none;padding:0}li{border-top:1px solid #eaeef2;padding:.5rem 0}
time,.since,footer{color:#57606a;font-size:.9rem}h3{margin:.2rem 0;font-size:1rem}
</style>
</head>
<body>
<h1>${title}</h1>
${sections.length > 0 ? sections.join('\n') : `<p>${words.none}</p>`}
<footer>${words.generated.replace('{{at}}', at(options.now))}</footer>
</body>
</html>
`;
}

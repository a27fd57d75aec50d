// Fills a template's `{{variable}}` slots from the incident and from what the
// composer typed. Pure: the composer's live preview, the outbox and the tests
// all call it. The result is plain text; each output escapes it (format.ts).
import type { Incident } from '../domain/incidents';
import { keyTime } from '../domain/key-times';
import type { Locale } from '../i18n/locales';

export const VARIABLES = [
  'title',
  'severity',
  'status',
  'service',
  'impact',
  'startedAt',
  'nextUpdateAt',
  'workaround',
  'commander',
  'commsLead',
  'actions',
  'dataCategories',
  'peopleAffected',
  'contact',
] as const;
export type Variable = (typeof VARIABLES)[number];
export type Values = Partial<Record<Variable, string>>;

/** What a person types in the composer; the others come from the incident. */
export const TYPED_VARIABLES = [
  'impact',
  'workaround',
  'actions',
  'dataCategories',
  'peopleAffected',
  'contact',
] as const satisfies readonly Variable[];

const SLOT = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export interface Rendered {
  readonly subject: string;
  readonly text: string;
  /** Variables the template uses that had no value: each is a warning in the composer. */
  readonly empty: readonly Variable[];
  /** `{{names}}` the template uses that no incident can fill: kept as typed, and flagged. */
  readonly unknown: readonly string[];
}

function isVariable(name: string): name is Variable {
  return (VARIABLES as readonly string[]).includes(name);
}

/** The slots a text uses, each once, in order. */
export function slotsOf(text: string): string[] {
  return [...new Set([...text.matchAll(SLOT)].map((match) => match[1] ?? ''))];
}

/** Fills the subject and body; an empty value leaves a visible `[name]` marker, so nobody sends a hole unknowingly. */
export function renderTemplate(template: { subject?: string; body: string }, values: Values): Rendered {
  const empty = new Set<Variable>();
  const unknown = new Set<string>();
  const fill = (text: string) =>
    text.replace(SLOT, (whole, name: string) => {
      if (!isVariable(name)) {
        unknown.add(name);
        return whole;
      }
      const value = values[name]?.trim();
      if (!value) {
        empty.add(name);
        return `[${name}]`;
      }
      return value;
    });
  const subject = fill(template.subject ?? '');
  const text = fill(template.body);
  return { subject, text, empty: [...empty], unknown: [...unknown] };
}

const STATUS_WORDS: Record<Locale, Record<Incident['status'], string>> = {
  en: {
    investigating: 'investigating',
    identified: 'cause identified',
    monitoring: 'fix in place, monitoring',
    resolved: 'resolved',
    closed: 'closed',
  },
  fr: {
    investigating: 'analyse en cours',
    identified: 'cause identifiée',
    monitoring: 'correctif en place, sous surveillance',
    resolved: 'résolu',
    closed: 'clos',
  },
};

/** A moment as people read it in a message: date, time and the time zone's offset. */
export function formatMoment(at: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/** The values the incident itself provides; the typed ones are merged over them by the composer. */
export function incidentValues(
  incident: Incident,
  locale: Locale,
  options: { nextUpdateAt?: number; timeZone?: string } = {},
): Values {
  const started = keyTime(incident.keyTimes, 'started') ?? incident.declaredAt;
  const values: Values = {
    title: incident.title,
    severity: incident.severity,
    status: STATUS_WORDS[locale][incident.status],
    service: incident.services.join(', '),
    startedAt: formatMoment(started, locale, options.timeZone),
    commander: incident.roles.get('commander')?.person.name ?? '',
    commsLead: incident.roles.get('communications')?.person.name ?? '',
  };
  if (options.nextUpdateAt !== undefined)
    values.nextUpdateAt = formatMoment(options.nextUpdateAt, locale, options.timeZone);
  return values;
}

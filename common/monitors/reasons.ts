// Why a monitor is in its state, as an i18n key with values rather than a
// sentence, so the event log and the UI can word it in the reader's language.
// `describe` renders one for logs and the command line.
import { monitorsEn, monitorsFr } from '../i18n/catalogue/monitors';
import type { Locale } from '../i18n/locales';

export type ReasonValues = Readonly<Record<string, string | number>>;

type Group = 'reason' | 'warning' | 'yaml';
export type ReasonName = keyof typeof monitorsEn.reason;
export type WarningName = keyof typeof monitorsEn.warning;
export type YamlProblemName = keyof typeof monitorsEn.yaml;

/** A key of the `monitors` catalogue (registered as `monitors` in common/i18n/messages.ts). */
export type ReasonKey<G extends Group = Group> = G extends Group
  ? `monitors.${G}.${keyof (typeof monitorsEn)[G] & string}`
  : never;

export interface Reason<G extends Group = Group> {
  readonly key: ReasonKey<G>;
  readonly values: ReasonValues;
}

export function reason(name: ReasonName, values: ReasonValues = {}): Reason<'reason'> {
  return { key: `monitors.reason.${name}`, values };
}

export function warning(name: WarningName, values: ReasonValues = {}): Reason<'warning'> {
  return { key: `monitors.warning.${name}`, values };
}

export function yamlProblem(name: YamlProblemName, values: ReasonValues = {}): Reason<'yaml'> {
  return { key: `monitors.yaml.${name}`, values };
}

const CATALOGUES = { en: monitorsEn, fr: monitorsFr } as const;

/** The reason in words, for logs and the CLI; the UI translates `key` with its own i18n. */
export function describe(subject: Reason, locale: Locale = 'en'): string {
  const [, group, name] = subject.key.split('.') as [string, Group, string];
  const template = (CATALOGUES[locale][group] as Readonly<Record<string, string>>)[name] ?? subject.key;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, value: string) =>
    value in subject.values ? String(subject.values[value]) : whole,
  );
}

/** A duration in the largest unit that keeps it readable: 45 s, 12 min, 26 h. SI symbols read the same in French. */
export function roughDuration(ms: number): { amount: number; unit: 's' | 'min' | 'h' } {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return { amount: seconds, unit: 's' };
  if (seconds < 2 * 3600) return { amount: Math.round(seconds / 60), unit: 'min' };
  return { amount: Math.round(seconds / 3600), unit: 'h' };
}

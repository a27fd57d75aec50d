// The languages the product speaks, and how a system language maps onto them.
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the product language for a system tag such as `fr-CA`, `fr_FR.UTF-8` or `en-US`. */
export function matchLocale(tag: string | undefined | null): Locale {
  if (!tag) return DEFAULT_LOCALE;
  const primary = tag
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
}

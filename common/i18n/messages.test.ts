import { describe, expect, it } from 'vitest';
import { matchLocale } from './locales';
import { messages, translate } from './messages';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    keys(value, prefix ? `${prefix}.${key}` : key),
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();
}

describe('catalogues', () => {
  it('French has every English key with the same placeholders, and no empty string', () => {
    const english = keys(messages.en);
    expect(keys(messages.fr)).toEqual(english);
    for (const key of english) {
      const en = translate('en', key);
      const fr = translate('fr', key);
      expect(fr.length, key).toBeGreaterThan(0);
      expect(placeholders(fr), key).toEqual(placeholders(en));
    }
  });

  it('fills placeholders and leaves unknown keys visible', () => {
    expect(translate('fr', 'cli.listening', { url: 'http://127.0.0.1:1/' })).toContain('http://127.0.0.1:1/');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('maps system language tags onto the product languages', () => {
    expect(matchLocale('fr_FR.UTF-8')).toBe('fr');
    expect(matchLocale('fr-CA')).toBe('fr');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('de-DE')).toBe('en');
    expect(matchLocale(undefined)).toBe('en');
    expect(matchLocale('C')).toBe('en');
  });
});

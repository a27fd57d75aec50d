import { describe, expect, it } from 'vitest';
import { monitorsEn, monitorsFr } from '../i18n/catalogue/monitors';
import { describe as say, reason, roughDuration } from './reasons';

function entries(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    entries(value, prefix ? `${prefix}.${key}` : key),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('monitor reasons', () => {
  it('words every reason in French with the same placeholders as in English', () => {
    const french = new Map(entries(monitorsFr));
    for (const [key, english] of entries(monitorsEn)) {
      expect(french.get(key), key).toBeTruthy();
      expect(placeholders(french.get(key) ?? ''), key).toEqual(placeholders(english));
    }
  });

  it('renders a reason in either language', () => {
    const unavailable = reason('statusMismatch', { expected: '200', status: 503 });
    expect(unavailable.key).toBe('monitors.reason.statusMismatch');
    expect(say(unavailable)).toBe('expected status 200, got 503');
    expect(say(unavailable, 'fr')).toBe('statut 200 attendu, 503 reçu');
  });

  it('rounds durations to a readable unit', () => {
    expect(roughDuration(45_000)).toEqual({ amount: 45, unit: 's' });
    expect(roughDuration(12 * 60_000)).toEqual({ amount: 12, unit: 'min' });
    expect(roughDuration(26 * 3_600_000)).toEqual({ amount: 26, unit: 'h' });
  });
});

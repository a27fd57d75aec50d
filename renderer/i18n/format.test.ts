import { describe, expect, it } from 'vitest';
import { formatRelative } from './format';

describe('relative times', () => {
  const now = 1_700_000_000_000;
  it('reads past times in each language', () => {
    expect(formatRelative(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatRelative(now - 3 * 60_000, now, 'fr')).toBe('il y a 3 minutes');
  });

  it('calls a time just ahead of a lagging clock "now", but keeps a far future visible', () => {
    expect(formatRelative(now + 12_000, now, 'en')).toBe('now');
    expect(formatRelative(now + 2 * 3_600_000, now, 'en')).toBe('in 2 hours');
  });
});

import { describe, expect, it } from 'vitest';
import { mermaidLabel } from './mermaid-label';

/** What a quoted label must never contain once escaped. */
function assertInert(label: string) {
  expect(label).not.toContain('"');
  expect(label).not.toMatch(/[\r\n<>]/);
  expect(label).not.toContain('%%');
  expect(label).not.toMatch(/^`/);
  // The only entities left are the ones we wrote, and mermaid decodes those three.
  for (const entity of label.match(/#\w+;/g) ?? []) expect(['#amp;', '#lt;', '#gt;']).toContain(entity);
}

describe('mermaidLabel', () => {
  it('leaves ordinary names alone, accents included', () => {
    expect(mermaidLabel('Checkout API')).toBe('Checkout API');
    expect(mermaidLabel('Base de données (Paris) [primaire] {1}')).toBe('Base de données (Paris) [primaire] {1}');
  });

  it.each([
    ['"]:::x --> y', '\u201D]:::x --#gt; y'],
    [
      '%%{init: {"securityLevel":"loose"}}%%',
      '%\u200B%\u200B{init: {\u201DsecurityLevel\u201D:\u201Dloose\u201D}}%\u200B%\u200B',
    ],
    ['<img src=x onerror=alert(1)>', '#lt;img src=x onerror=alert(1)#gt;'],
    ['click m0 call alert()', 'click m0 call alert()'],
    ['a\nb\r\nc\u2028d', 'a b  c d'],
    ['`**bold**`', '\u200B`**bold**\u200B`'],
    ['&lt; #quot; #35;', '#amp;lt; #\u200Bquot; #\u200B35;'],
    ['ﬂ°lt¶ß', 'ﬂ\u200B°lt¶\u200Bß'],
    ['style:#a;', 'style:#\u200Ba;'],
  ])('makes %j inert', (name, expected) => {
    const label = mermaidLabel(name);
    expect(label).toBe(expected);
    assertInert(label);
  });

  it('keeps what is seen: removing the zero-width spaces and decoding the three entities gives the name back', () => {
    const seen = (label: string) =>
      label.replaceAll('\u200B', '').replaceAll('#lt;', '<').replaceAll('#gt;', '>').replaceAll('#amp;', '&');
    for (const name of ['<img src=x onerror=alert(1)>', '%%{init}%%', 'R&D #1 `x` 100%', 'a &lt; b'])
      expect(seen(mermaidLabel(name))).toBe(name);
  });
});

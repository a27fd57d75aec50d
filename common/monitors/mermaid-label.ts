// Text for a mermaid label: user text (a monitor's name) made inert inside a
// quoted node label (`m0["…"]`, `m0("…")`), shown as the same characters it was typed with.
// Measured against mermaid 12 with SVG (non-HTML) labels, which decode only the
// entities #amp; #lt; #gt; (others would show literally), so:
// - & < > become those entities: the sanitiser never sees a tag, and "&lt;" typed
//   by a user stays "&lt;" on screen;
// - " would end the string: it becomes a typographic ” (no entity survives);
// - "#word;" would be read as an entity, "%%" as a directive or comment, a
//   leading backtick as a markdown string, and "ﬂ°"/"¶ß" are mermaid's own
//   entity placeholders: a zero-width space after # % ﬂ ¶ and before ` breaks
//   each of those patterns without changing what is seen;
// - line breaks and other control characters become spaces (a label is one line).
const ZWSP = '\u200B';

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '"': '\u201D',
  '#': `#${ZWSP}`,
  '%': `%${ZWSP}`,
  '`': `${ZWSP}\``,
  '\uFB02': `\uFB02${ZWSP}`,
  '\u00B6': `\u00B6${ZWSP}`,
};

// eslint-disable-next-line no-control-regex -- control characters are what this strips
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

export function mermaidLabel(text: string): string {
  return text.replace(CONTROL, ' ').replace(/[&<>"#%`\uFB02\u00B6]/g, (char) => REPLACEMENTS[char] ?? char);
}

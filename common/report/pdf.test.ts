import { describe, expect, it } from 'vitest';
import { toWinAnsi, wrap, writePdf } from './pdf';

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** The objects a reader finds through the cross-reference table, checked against the file. */
function parse(bytes: Uint8Array) {
  const file = text(bytes);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(file)?.[1]);
  expect(file.slice(startxref, startxref + 4)).toBe('xref');
  const [, count] = /^xref\n0 (\d+)\n/.exec(file.slice(startxref)) ?? [];
  const rows = file
    .slice(startxref)
    .split('\n')
    .slice(3, 2 + Number(count));
  const objects = new Map<number, string>();
  rows.forEach((row, index) => {
    const offset = Number(row.slice(0, 10));
    const id = index + 1;
    expect(file.slice(offset).startsWith(`${id} 0 obj\n`)).toBe(true);
    const end = file.indexOf('\nendobj\n', offset);
    objects.set(id, file.slice(offset, end));
  });
  const contents = [...objects.values()].filter((body) => body.includes('stream\n'));
  for (const body of contents) {
    const length = Number(/\/Length (\d+)/.exec(body)?.[1]);
    const stream = body.slice(body.indexOf('stream\n') + 7, body.lastIndexOf('\nendstream'));
    expect(stream.length).toBe(length);
  }
  const pages = Number(/\/Type \/Pages .*\/Count (\d+)/.exec(objects.get(2) ?? '')?.[1]);
  return { file, objects, pages, contents };
}

describe('PDF writer', () => {
  it('writes a file whose cross-reference table points at every object', () => {
    const bytes = writePdf({
      title: 'Post-mortem',
      blocks: [
        { kind: 'heading', level: 1, text: 'Post-mortem' },
        { kind: 'paragraph', text: 'Hello' },
      ],
    });
    const { file, pages } = parse(bytes);
    expect(file.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pages).toBe(1);
    expect(file).toContain('/BaseFont /Helvetica /Encoding /WinAnsiEncoding');
    expect(file).toContain('(Hello) Tj');
  });

  it('encodes French accents, the euro sign and typographic quotes in WinAnsi', () => {
    expect(toWinAnsi('é à ç œ € ’ «')).toEqual([0xe9, 32, 0xe0, 32, 0xe7, 32, 0x9c, 32, 0x80, 32, 0x92, 32, 0xab]);
    const { file } = parse(writePdf({ title: 't', blocks: [{ kind: 'paragraph', text: 'Coût : 3 125 €' }] }));
    expect(file).toContain('(Co\\373t : 3 125 \\200) Tj');
    // Characters outside the encoding become "?", never bytes of another meaning.
    expect(toWinAnsi('日')).toEqual([0x3f]);
  });

  it('escapes parentheses and backslashes so user text cannot end a string or inject operators', () => {
    const { file } = parse(writePdf({ title: 't', blocks: [{ kind: 'paragraph', text: 'a) Tj ET (b \\ c' }] }));
    expect(file).toContain('(a\\) Tj ET \\(b \\\\ c) Tj');
  });

  it('wraps long paragraphs within the page width and flows onto more pages', () => {
    const lines = wrap('word '.repeat(200), 200, 10, 'regular');
    expect(lines.length).toBeGreaterThan(10);
    const long = Array.from({ length: 300 }, (_, index) => ({
      kind: 'bullet' as const,
      text: `Line ${index} ${'x '.repeat(40)}`,
    }));
    const { pages, contents } = parse(writePdf({ title: 't', blocks: long }));
    expect(pages).toBeGreaterThan(5);
    expect(contents).toHaveLength(pages);
    expect(contents.at(-1)).toContain(`(${pages} / ${pages}) Tj`);
  });

  it('cuts a word wider than the line rather than overflowing', () => {
    const lines = wrap('x'.repeat(500), 100, 10, 'regular');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.flat()).toHaveLength(500);
  });

  it('gives the same bytes for the same document', () => {
    const document = { title: 'Même', blocks: [{ kind: 'paragraph' as const, text: 'Déterministe' }] };
    expect(writePdf(document)).toEqual(writePdf(document));
  });
});

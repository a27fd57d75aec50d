// A small PDF writer for reports (post-mortems, exercise reports): text pages
// in A4, Helvetica (regular, bold) and Courier from the 14 standard fonts, so
// nothing is embedded, with WinAnsiEncoding so French accents, €, « » and ’
// print. Text wraps to the page width using Helvetica's metrics; long
// documents flow onto as many pages as they need. Pure: the same blocks give
// the same bytes (no creation date is written).

export type PdfBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'bullet'; readonly text: string }
  | { readonly kind: 'mono'; readonly text: string };

export interface PdfDocument {
  readonly title: string;
  readonly blocks: readonly PdfBlock[];
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

// Helvetica advance widths (per 1000 em) for 32–126, from the standard AFM.
// prettier-ignore
const HELVETICA_ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

// The bytes of WinAnsiEncoding (cp1252) that differ from Latin-1, by code point.
const WIN_ANSI_EXTRA: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);

/** Characters with no WinAnsi byte but a close one: spaces and dashes people paste. */
const FALLBACK: Readonly<Record<string, string>> = {
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u200b': '',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2605': '*',
};

/** The WinAnsi byte of a character, or `?` for one the font cannot show. */
export function winAnsiByte(char: string): number {
  const code = char.codePointAt(0) ?? 0x3f;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  return WIN_ANSI_EXTRA.get(code) ?? 0x3f;
}

/** Text as WinAnsi bytes: known look-alikes replaced, the rest `?`, control characters gone. */
export function toWinAnsi(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text.normalize('NFC')) {
    const replaced = FALLBACK[char] ?? char;
    for (const part of replaced) {
      const code = part.codePointAt(0) ?? 0;
      if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
      bytes.push(winAnsiByte(part));
    }
  }
  return bytes;
}

function byteWidth(byte: number): number {
  if (byte >= 32 && byte <= 126) return HELVETICA_ASCII[byte - 32] ?? 556;
  // Accented letters share their base letter's width closely enough for wrapping;
  // a generous average keeps the right margin.
  if (byte === 0x95) return 350;
  return 600;
}

/** The width of text in points at a size; bold is about 6% wider. */
export function textWidth(bytes: readonly number[], size: number, font: Font): number {
  if (font === 'mono') return bytes.length * 600 * (size / 1000);
  const scale = font === 'bold' ? 1.06 : 1;
  return (bytes.reduce((sum, byte) => sum + byteWidth(byte), 0) * scale * size) / 1000;
}

type Font = 'regular' | 'bold' | 'mono';

/** Lines of at most `width` points: words kept whole unless one alone is too long. */
export function wrap(text: string, width: number, size: number, font: Font): number[][] {
  const lines: number[][] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line: number[] = [];
    for (const word of paragraph.split(/ +/)) {
      const bytes = toWinAnsi(word);
      const candidate = line.length === 0 ? bytes : [...line, 0x20, ...bytes];
      if (textWidth(candidate, size, font) <= width) {
        line = candidate;
        continue;
      }
      if (line.length > 0) lines.push(line);
      line = [];
      // A word wider than the line is cut where it must be.
      let rest = bytes;
      while (textWidth(rest, size, font) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), size, font) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** A PDF literal string: ( ) \ escaped, bytes above 127 written octal so the file stays ASCII. */
function pdfString(bytes: readonly number[]): string {
  let out = '(';
  for (const byte of bytes) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

const STYLE = {
  heading1: { font: 'bold', size: 18, before: 6, after: 8, indent: 0 },
  heading2: { font: 'bold', size: 14, before: 12, after: 4, indent: 0 },
  heading3: { font: 'bold', size: 11.5, before: 8, after: 2, indent: 0 },
  paragraph: { font: 'regular', size: 10, before: 0, after: 5, indent: 0 },
  bullet: { font: 'regular', size: 10, before: 0, after: 2, indent: 12 },
  mono: { font: 'mono', size: 8, before: 0, after: 5, indent: 0 },
} as const satisfies Record<string, { font: Font; size: number; before: number; after: number; indent: number }>;

const FONT_NAME = { regular: 'F1', bold: 'F2', mono: 'F3' } as const satisfies Record<Font, string>;

function styleOf(block: PdfBlock) {
  switch (block.kind) {
    case 'heading':
      return STYLE[`heading${block.level}`];
    case 'paragraph':
      return STYLE.paragraph;
    case 'bullet':
      return STYLE.bullet;
    case 'mono':
      return STYLE.mono;
  }
}

/** The page contents: one content stream per page. */
function layout(blocks: readonly PdfBlock[]): string[] {
  const pages: string[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  const newPage = () => {
    pages.push([]);
    y = PAGE_HEIGHT - MARGIN;
  };
  for (const block of blocks) {
    const style = styleOf(block);
    const leading = style.size * 1.3;
    const lines = wrap(block.text, TEXT_WIDTH - style.indent, style.size, style.font);
    y -= style.before;
    // A heading never ends a page alone.
    if (block.kind === 'heading' && y - leading * 3 < MARGIN) newPage();
    lines.forEach((line, index) => {
      if (y - leading < MARGIN) newPage();
      y -= leading;
      const page = pages[pages.length - 1] ?? [];
      const x = MARGIN + style.indent;
      if (block.kind === 'bullet' && index === 0)
        page.push(`BT /F1 ${style.size} Tf ${(x - 9).toFixed(2)} ${y.toFixed(2)} Td ${pdfString([0x95])} Tj ET`);
      page.push(
        `BT /${FONT_NAME[style.font]} ${style.size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td ${pdfString(line)} Tj ET`,
      );
    });
    y -= style.after;
  }
  return pages.map((page, index) => {
    const footer = toWinAnsi(`${index + 1} / ${pages.length}`);
    const x = PAGE_WIDTH - MARGIN - textWidth(footer, 8, 'regular');
    return [...page, `BT /F1 8 Tf ${x.toFixed(2)} ${(MARGIN / 2).toFixed(2)} Td ${pdfString(footer)} Tj ET`].join('\n');
  });
}

/** The PDF file's bytes. Every byte is ASCII, so string lengths are byte offsets. */
export function writePdf(document: PdfDocument): Uint8Array {
  const pages = layout(document.blocks);
  // Objects: 1 catalog, 2 pages, 3–5 fonts, 6 info, then a page and its content per page.
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 7 + index * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>';
  objects[6] = `<< /Title ${pdfString(toWinAnsi(document.title))} /Producer (war-room) >>`;
  pages.forEach((content, index) => {
    const pageId = pageIds[index] ?? 0;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id] ?? 'null'}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id += 1) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = new Uint8Array(out.length);
  for (let index = 0; index < out.length; index += 1) bytes[index] = out.charCodeAt(index);
  return bytes;
}

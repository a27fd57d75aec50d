// A report as neutral blocks (post-mortems, after-action reports of exercises)
// and its three writers: Markdown (diagrams as mermaid fences), a static HTML
// page (no script, a CSP that forbids any, every user text escaped) and PDF
// through ./pdf.ts. Each writer escapes user text for its own format.
import { escapeHtml } from '../comms/format';
import { escapeMarkdown } from '../domain/timeline-export';
import { writePdf, type PdfBlock } from './pdf';

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'diagram'; readonly caption: string; readonly source: string };

export type ReportFormat = 'markdown' | 'html' | 'pdf';

export { escapeHtml } from '../comms/format';

export const REPORT_MIME = {
  markdown: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  pdf: 'application/pdf',
} as const satisfies Record<ReportFormat, string>;

export const REPORT_EXTENSION = { markdown: 'md', html: 'html', pdf: 'pdf' } as const satisfies Record<
  ReportFormat,
  string
>;

function cell(text: string): string {
  return escapeMarkdown(text.replace(/\r?\n/g, ' '));
}

export function blocksToMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`, '');
        break;
      case 'paragraph':
        out.push(escapeMarkdown(block.text), '');
        break;
      case 'list':
        out.push(...block.items.map((item) => `- ${escapeMarkdown(item, '  ')}`), '');
        break;
      case 'table':
        out.push(
          `| ${block.header.map(cell).join(' | ')} |`,
          `|${block.header.map(() => ' --- |').join('')}`,
          ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
          '',
        );
        break;
      case 'diagram':
        // Labels in the source went through mermaidLabel: no run of backticks can close the fence.
        out.push(`_${escapeMarkdown(block.caption)}_`, '', '```mermaid', block.source, '```', '');
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const multiline = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2939}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d0d5dd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}pre{background:#f9fafb;border:1px solid #eaecf0;padding:.75rem;overflow:auto;font-size:13px}
figcaption{color:#475467;font-style:italic}`;

export function blocksToHtml(blocks: readonly Block[], lang: string): string {
  const title = blocks.find((block) => block.kind === 'heading')?.text ?? '';
  const body: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        body.push(`<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`);
        break;
      case 'paragraph':
        body.push(`<p>${multiline(block.text)}</p>`);
        break;
      case 'list':
        body.push(`<ul>${block.items.map((item) => `<li>${multiline(item)}</li>`).join('')}</ul>`);
        break;
      case 'table':
        body.push(
          `<table><thead><tr>${block.header.map((head) => `<th>${escapeHtml(head)}</th>`).join('')}</tr></thead><tbody>` +
            block.rows.map((row) => `<tr>${row.map((text) => `<td>${multiline(text)}</td>`).join('')}</tr>`).join('') +
            '</tbody></table>',
        );
        break;
      case 'diagram':
        // Static: the source, escaped, in a block any mermaid-aware viewer can draw.
        body.push(
          `<figure><figcaption>${escapeHtml(block.caption)}</figcaption><pre class="mermaid">${escapeHtml(block.source)}</pre></figure>`,
        );
        break;
    }
  }
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Report blocks as PDF blocks: tables become one line per row, diagrams their source. */
export function toPdfBlocks(blocks: readonly Block[]): PdfBlock[] {
  return blocks.flatMap((block): PdfBlock[] => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        return [block];
      case 'list':
        return block.items.map((text) => ({ kind: 'bullet', text }));
      case 'table':
        return [
          { kind: 'paragraph', text: block.header.join(' · ') },
          ...block.rows.map((row): PdfBlock => ({ kind: 'bullet', text: row.join(' · ') })),
        ];
      case 'diagram':
        return [
          { kind: 'paragraph', text: block.caption },
          { kind: 'mono', text: block.source },
        ];
    }
  });
}

export function blocksToPdf(blocks: readonly Block[]): Uint8Array {
  const title = blocks.find((block) => block.kind === 'heading')?.text ?? '';
  return writePdf({ title, blocks: toPdfBlocks(blocks) });
}

// The after-action report as files, through the shared report writers of
// common/report/blocks.ts: Markdown, a static HTML page with no script, PDF.
import { formatDay, titleSlug } from '../domain/timeline-export';
import type { Locale } from '../i18n/locales';
import {
  blocksToHtml,
  blocksToMarkdown,
  blocksToPdf,
  REPORT_EXTENSION,
  type Block,
  type ReportFormat,
} from '../report/blocks';
import { localText } from '../runbooks/runbook-schema';
import type { Scenario } from './scenario-schema';

export { REPORT_MIME as AFTER_ACTION_MIME } from '../report/blocks';

export function afterActionFileName(
  scenario: Pick<Scenario, 'title'>,
  startedAt: number,
  format: ReportFormat,
  locale: Locale,
  timeZone: string,
): string {
  const title = titleSlug(localText(scenario.title, locale));
  return `${title}-${formatDay(startedAt, timeZone)}-after-action.${REPORT_EXTENSION[format]}`;
}

/** The report in one format: text for Markdown and HTML, bytes for PDF. */
export function renderAfterAction(blocks: readonly Block[], format: 'markdown' | 'html', lang: Locale): string;
export function renderAfterAction(blocks: readonly Block[], format: 'pdf', lang: Locale): Uint8Array;
export function renderAfterAction(blocks: readonly Block[], format: ReportFormat, lang: Locale): string | Uint8Array {
  switch (format) {
    case 'markdown':
      return blocksToMarkdown(blocks);
    case 'html':
      return blocksToHtml(blocks, lang);
    case 'pdf':
      return blocksToPdf(blocks);
  }
}

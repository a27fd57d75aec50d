// The post-mortem draft as files, through the shared report writers of
// common/report/blocks.ts: Markdown, a static HTML page with no script, PDF.
import { formatDay, titleSlug } from '../domain/timeline-export';
import {
  blocksToHtml,
  blocksToMarkdown,
  blocksToPdf,
  REPORT_EXTENSION,
  REPORT_MIME,
  toPdfBlocks,
  type ReportFormat,
} from '../report/blocks';
import type { Incident } from '../domain/incidents';

export { escapeHtml } from '../report/blocks';

export type PostmortemFormat = ReportFormat;

export const POSTMORTEM_MIME = REPORT_MIME;

export function postmortemFileName(incident: Incident, format: PostmortemFormat, timeZone: string): string {
  return `${titleSlug(incident.title)}-${formatDay(incident.declaredAt, timeZone)}-postmortem.${REPORT_EXTENSION[format]}`;
}

export const postmortemToMarkdown = blocksToMarkdown;
export const postmortemToHtml = blocksToHtml;
export const postmortemPdfBlocks = toPdfBlocks;
export const postmortemToPdf = blocksToPdf;

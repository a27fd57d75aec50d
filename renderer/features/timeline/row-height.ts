// A timeline row's height before it is measured, exact for the usual rows. The
// virtualizer re-lays out every row after one whose measured height differs from
// its estimate (100,000 of them, newest first), so a right guess is what keeps
// posting and scrolling cheap. The numbers mirror timeline.css: every line of a
// row is LINE_PX high, a row adds its padding and border, a briefing its own.
import { assertNever } from '../../../common/assert';
import type { TimelineEntry } from '../../../common/domain/incidents';
import type { ListView } from '../../../common/domain/persistent-list';

export const LINE_PX = 22;
/** Row padding (8 + 8) and bottom border (1). */
const ROW_CHROME_PX = 17;
/** Briefing padding (4 + 4) and top margin (4). */
const BRIEFING_CHROME_PX = 12;
/** Characters on a line of the briefing's answers: its labels take a column. */
const BRIEFING_LABEL_CHARS = 22;

/** Lines a text takes when wrapped at `perLine` characters; O(1) for the usual short line. */
export function wrappedLines(text: string, perLine: number): number {
  if (text.length <= perLine && !text.includes('\n')) return 1;
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / perLine));
  return lines;
}

/** Characters that fit on a line of an entry's body, from the pane's width. */
export function charsPerLine(paneWidthPx: number): number {
  // Time column, gaps, pin button and padding take about 215 px; a character of
  // the body font is about 8 px wide on average (generous: a wrong guess only
  // costs one re-layout).
  return Math.max(30, Math.floor((paneWidthPx - 215) / 8));
}

/** Characters a sentence's wording adds to the names in it, about. */
const WORDING_CHARS = 40;

function computeHeight(entry: TimelineEntry, perLine: number): number {
  const lines = (text: string) => wrappedLines(text, perLine);
  // The first line: the author, the roles they held, and what they did.
  const sentence = (names: string) =>
    lines(`${entry.actor} ${entry.actorRoles.join(', ')} ${names}${' '.repeat(WORDING_CHARS)}`);
  switch (entry.kind) {
    case 'note':
      return ROW_CHROME_PX + LINE_PX * (1 + lines(entry.text));
    case 'declared':
      return ROW_CHROME_PX + LINE_PX * (sentence(entry.incidentKind) + lines(entry.title));
    case 'key-time':
      return ROW_CHROME_PX + LINE_PX * (sentence(entry.key) + lines(`${entry.reason}__________`));
    case 'updated': {
      const { title = '', services = [], processes = [] } = entry.changes;
      return ROW_CHROME_PX + LINE_PX * lines(`${entry.actor} ${title} ${services.join(', ')} ${processes.join(', ')}`);
    }
    case 'role': {
      let height =
        ROW_CHROME_PX + LINE_PX * sentence(`${entry.role} ${entry.person?.name ?? ''} ${entry.previous?.name ?? ''}`);
      if (entry.note) height += LINE_PX * lines(`${entry.note}______`);
      if (entry.briefing) {
        const answer = (text: string) => wrappedLines(text, Math.max(20, perLine - BRIEFING_LABEL_CHARS));
        const { conditions, actions, needs } = entry.briefing;
        height += BRIEFING_CHROME_PX + LINE_PX * (answer(conditions) + answer(actions) + answer(needs));
      }
      return height;
    }
    case 'status':
    case 'severity':
      return ROW_CHROME_PX + LINE_PX * sentence('');
    case 'monitor':
      // The reason is worded by the catalogue; about a line's worth.
      return ROW_CHROME_PX + LINE_PX * sentence(`${entry.name} ${entry.status}${' '.repeat(60)}`);
    case 'runbook': {
      // Evidence shows the command and a summary line; output stays behind a toggle.
      const evidence = entry.evidence ? 3 : 0;
      return ROW_CHROME_PX + LINE_PX * (sentence(`${entry.stepId ?? ''}${' '.repeat(40)}`) + evidence);
    }
    case 'message': {
      const said = entry.text === undefined ? 0 : lines(`${entry.subject ?? ''}\n${entry.text}`) + 1;
      return (
        ROW_CHROME_PX + LINE_PX * (sentence(`${entry.destination ?? ''} ${entry.reason ?? ''}${' '.repeat(40)}`) + said)
      );
    }
    case 'continuity':
      return ROW_CHROME_PX + LINE_PX * sentence(`${entry.process}${' '.repeat(50)}`);
    default:
      return assertNever(entry);
  }
}

let cache = { perLine: 0, heights: new WeakMap<TimelineEntry, number>() };

/**
 * The guess for a row, computed once per entry and width: the virtualizer asks
 * again for every unmeasured row (most of 100,000) whenever the list changes.
 */
export function estimateRowHeight(entry: TimelineEntry | undefined, perLine: number): number {
  if (!entry) return ROW_CHROME_PX + LINE_PX;
  if (cache.perLine !== perLine) cache = { perLine, heights: new WeakMap() };
  let height = cache.heights.get(entry);
  if (height === undefined) {
    height = computeHeight(entry, perLine);
    cache.heights.set(entry, height);
  }
  return height;
}

/**
 * Row heights of a list (oldest first), kept in a typed array so the
 * virtualizer's pass over every row reads numbers, not per-entry caches. A
 * list that only grew (a note posted, a batch synced) extends the array.
 */
export class RowHeights {
  private entries: ListView<TimelineEntry> = [];
  private perLine = 0;
  private heights = new Float64Array(0);

  heightsFor(entries: ListView<TimelineEntry>, perLine: number): Float64Array {
    const previous = this.entries;
    const isAppend =
      perLine === this.perLine &&
      previous.length > 0 &&
      entries.length >= previous.length &&
      entries.at(0) === previous.at(0) &&
      entries.at(previous.length - 1) === previous.at(previous.length - 1);
    const from = isAppend ? previous.length : 0;
    if (this.heights.length < entries.length || !isAppend) {
      // Room to grow, so that a night of notes does not copy the array each time.
      const next = new Float64Array(Math.ceil(entries.length * 1.25) + 64);
      if (isAppend) next.set(this.heights.subarray(0, from));
      this.heights = next;
    }
    for (let index = from; index < entries.length; index += 1) {
      this.heights[index] = estimateRowHeight(entries.at(index), perLine);
    }
    this.entries = entries;
    this.perLine = perLine;
    return this.heights;
  }
}

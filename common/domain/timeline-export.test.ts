import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import { DEFAULT_WORKSPACE, type EventDraft, type WarEvent } from '../events/event';
import { translate } from '../i18n/messages';
import type { Locale } from '../i18n/locales';
import { applyDocEvent, EMPTY_DOCUMENTS } from './documents';
import { foldEvents, type Incident } from './incidents';
import {
  csvField,
  escapeMarkdown,
  exportFileName,
  formatDuration,
  formatInstant,
  JSON_EXPORT_FORMAT,
  timelineToCsv,
  timelineToJson,
  timelineToMarkdown,
  titleSlug,
  type ExportContext,
} from './timeline-export';

// 2025-03-12 13:00:00 UTC, 14:00 in Paris.
const T0 = Date.UTC(2025, 2, 12, 13, 0, 0);
const MIN = 60_000;

const HOSTILE_HTML = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const HOSTILE_MD =
  '# Heading\n- [click](javascript:alert(1)) **bold** `code` | cell |\n    indented code\n1. list\n===';
const FORMULA = '=HYPERLINK("http://evil.example","click")';

/** A small incident from real sealed events: every kind of entry, with hostile text. */
function buildIncident(): { incident: Incident; events: WarEvent[] } {
  let head: ChainHead = EMPTY_HEAD;
  let counter = 0;
  const events: WarEvent[] = [];
  const write = (at: number, draft: EventDraft) => {
    const sealed = sealEvents(head, [draft], {
      workspace: DEFAULT_WORKSPACE,
      deviceId: 'laptop-a',
      nowMs: at,
      newId: () => `ev-${String((counter += 1)).padStart(3, '0')}`,
    });
    head = sealed.head;
    events.push(...sealed.events);
    return sealed.events[0]!;
  };
  const declared = write(T0, {
    type: 'incident.declared',
    actor: 'Camille Laurent',
    payload: {
      title: 'Checkout <b>fails</b> & "payments" = down',
      severity: 'SEV1',
      kind: 'payments-outage',
      services: ['checkout', 'payments'],
      processes: ['online sales'],
      startedAt: T0 - 10 * MIN,
    },
  });
  const incidentId = declared.id;
  write(T0 + MIN, {
    type: 'incident.role-assigned',
    incidentId,
    actor: 'Camille Laurent',
    payload: { role: 'commander', person: { name: 'Camille Laurent' } },
  });
  const decision = write(T0 + 2 * MIN, {
    type: 'incident.note-added',
    incidentId,
    actor: 'Camille Laurent',
    payload: { text: `Line one\nLine two ${HOSTILE_HTML}`, kind: 'decision' },
  });
  write(T0 + 3 * MIN, {
    type: 'incident.note-added',
    incidentId,
    actor: 'Bob',
    payload: { text: HOSTILE_MD, kind: 'observation' },
  });
  write(T0 + 4 * MIN, { type: 'incident.note-added', incidentId, actor: 'Bob', payload: { text: FORMULA } });
  write(T0 + 5 * MIN, {
    type: 'incident.key-time-corrected',
    incidentId,
    actor: 'Dana',
    payload: { key: 'detected', at: T0 - 5 * MIN, reason: 'The pager fired at 13:55, <b>before</b> the declaration' },
  });
  write(T0 + 6 * MIN, {
    type: 'incident.status-changed',
    incidentId,
    actor: 'Dana',
    payload: { status: 'monitoring' },
  });
  write(T0 + 7 * MIN, { type: 'incident.severity-changed', incidentId, actor: 'Dana', payload: { severity: 'SEV2' } });
  write(T0 + 8 * MIN, {
    type: 'incident.updated',
    incidentId,
    actor: 'Dana',
    payload: { services: ['checkout'], title: 'Checkout fails' },
  });
  write(T0 + 9 * MIN, {
    type: 'incident.role-handed-over',
    incidentId,
    actor: 'Camille Laurent',
    payload: {
      role: 'commander',
      to: { name: 'Dana' },
      briefing: { conditions: 'Stable on backup', actions: 'Rollback =ready', needs: 'A DBA' },
    },
  });
  write(T0 + 10 * MIN, {
    type: 'incident.role-released',
    incidentId,
    actor: 'Dana',
    payload: { role: 'commander', note: 'Shift over' },
  });
  write(T0 + 11 * MIN, {
    type: 'incident.entry-pinned',
    incidentId,
    actor: 'Dana',
    payload: { eventId: decision.id, pinned: true },
  });
  const incident = foldEvents(events).incidents.get(incidentId);
  if (!incident) throw new Error('the incident did not fold');
  return { incident, events };
}

const DOCS = applyDocEvent(
  EMPTY_DOCUMENTS,
  {
    id: 'doc-1',
    workspace: DEFAULT_WORKSPACE,
    deviceId: 'laptop-a',
    seq: 99,
    hlc: '0000000000000000',
    type: 'doc.put',
    actor: 'Admin',
    payload: { collection: 'incident-type', docId: 'payments-outage', body: { name: 'Payments outage' } },
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  } as WarEvent & { type: 'doc.put' },
  T0,
);

const context = (locale: Locale = 'en', timeZone = 'Europe/Paris'): ExportContext => ({
  locale,
  translate,
  timeZone,
  now: T0 + 30 * MIN,
});

describe('formatting', () => {
  it('writes instants in the given time zone, sortable', () => {
    expect(formatInstant(T0, 'Europe/Paris')).toBe('2025-03-12 14:00:00');
    expect(formatInstant(T0, 'UTC')).toBe('2025-03-12 13:00:00');
    expect(formatInstant(T0, 'America/New_York')).toBe('2025-03-12 09:00:00');
  });

  it('writes durations shortly', () => {
    expect(formatDuration(45_000, 'd')).toBe('45 s');
    expect(formatDuration(12 * MIN + 5000, 'd')).toBe('12 min 05 s');
    expect(formatDuration(62 * MIN, 'd')).toBe('1 h 02 min');
    expect(formatDuration(51 * 60 * MIN, 'j')).toBe('2 j 3 h');
  });

  it('names files after the title and the day of declaration', () => {
    const { incident } = buildIncident();
    expect(titleSlug('Élodie’s café: <b>down</b>!')).toBe('elodie-s-cafe-b-down-b');
    expect(titleSlug('***')).toBe('incident');
    expect(exportFileName(incident, 'markdown', 'Europe/Paris')).toBe('checkout-fails-2025-03-12-timeline.md');
    expect(exportFileName(incident, 'csv', 'UTC')).toBe('checkout-fails-2025-03-12-timeline.csv');
  });
});

describe('Markdown', () => {
  it('escapes markup so it shows as text', () => {
    expect(escapeMarkdown('<b>x</b> & *y*')).toBe('\\<b\\>x\\</b\\> \\& \\*y\\*');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('- no\n+ no\n===')).toBe('\\- no\\\n\\+ no\\\n\\===');
    expect(escapeMarkdown('    not code')).toBe('\u00a0\u00a0\u00a0\u00a0not code');
    expect(escapeMarkdown('a\r\nb', '  ')).toBe('a\\\n  b');
  });

  it('reports the incident, its key times with corrections, durations and roles, then the timeline oldest first', () => {
    const { incident } = buildIncident();
    const md = timelineToMarkdown(incident, DOCS, context());
    expect(md.startsWith('# Checkout fails\n')).toBe(true);
    expect(md).toContain('- **Severity:** SEV2 · major');
    expect(md).toContain('- **Type:** Payments outage');
    expect(md).toContain('- **Status:** Monitoring');
    expect(md).toContain('- **Impacted services:** checkout');
    expect(md).toContain('- **Impacted business processes:** online sales');
    expect(md).toContain('Times are in the Europe/Paris time zone.');
    expect(md).toContain('- **Started:** 2025-03-12 13:50:00');
    expect(md).toContain('- **Detected:** 2025-03-12 13:55:00');
    expect(md).toContain(
      '  - Corrected by Dana from 2025-03-12 14:00:00 to 2025-03-12 13:55:00. Reason: The pager fired at 13:55, \\<b\\>before\\</b\\> the declaration',
    );
    expect(md).toContain('- **Resolved:** not yet');
    expect(md).toContain('- **Time to detect (TTD):** 5 min 00 s');
    expect(md).toContain('- **Time to mitigate (TTM):** 16 min 00 s');
    expect(md).toContain('- **Time to resolve (TTR):** 40 min 00 s, still running');
    expect(md).toContain('Nobody holds a role.');

    const timeline = md.slice(md.indexOf('## Timeline, oldest first'));
    const times = [...timeline.matchAll(/^- \*\*(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\*\*/gm)].map((match) => match[1]);
    expect(times).toHaveLength(incident.timeline.length);
    expect(times).toEqual([...times].sort());
    expect(timeline).toContain('- **2025-03-12 14:00:00** · Camille Laurent · _Declaration_\\');
    expect(timeline).toContain(
      '- **2025-03-12 14:02:00** · Camille Laurent (Incident commander) · _Decision_ · ★ **Key moment**\\\n  Line one\\\n  Line two \\<img src=x onerror=alert(1)\\>',
    );
    expect(timeline).toContain('Rollback =ready');
    expect(timeline).toContain('handed over Incident commander from Camille Laurent to Dana.');
  });

  it('lets no hostile note become Markdown or HTML', () => {
    const { incident } = buildIncident();
    const md = timelineToMarkdown(incident, DOCS, context());
    // No raw tag, link, heading or list marker from a note survives unescaped.
    expect(md).not.toMatch(/(?<!\\)<(img|script|b)/);
    expect(md).not.toMatch(/(?<!\\)\[click/);
    expect(md).toContain('\\# Heading');
    expect(md).toContain('\\- \\[click\\](javascript:alert(1)) \\*\\*bold\\*\\* \\`code\\` \\| cell \\|');
    expect(md).toContain('\u00a0\u00a0\u00a0\u00a0indented code');
    expect(md).toContain('1\\. list');
    expect(md).toContain('\\===');
  });

  it('speaks French', () => {
    const { incident } = buildIncident();
    const md = timelineToMarkdown(incident, DOCS, context('fr'));
    expect(md).toContain('- **Gravité:** SEV2 · majeur');
    expect(md).toContain('## Chronologie, de la plus ancienne à la plus récente');
    expect(md).toContain('_Décision_ · ★ **Moment clé**');
    expect(md).toContain('a transmis le rôle Responsable de l’incident de Camille Laurent à Dana.');
  });
});

describe('CSV', () => {
  it('quotes as RFC 4180 says and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvField(`${start}1+1`).startsWith(`'`) || csvField(`${start}1+1`).startsWith(`"'`)).toBe(true);
    expect(csvField(FORMULA)).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('has one row per entry, oldest first, parseable back to the same cells', () => {
    const { incident } = buildIncident();
    const csv = timelineToCsv(incident, DOCS, context());
    expect(csv.startsWith('\ufeffTime,Time (UTC),Author,Author’s roles,Kind,Entry,Key moment,Event id\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(incident.timeline.length + 1);
    const notes = rows.filter((row) => ['Decision', 'Observation', 'Note'].includes(row[4]!));
    expect(notes.map((row) => row[5])).toEqual([`Line one\nLine two ${HOSTILE_HTML}`, HOSTILE_MD, `'${FORMULA}`]);
    expect(notes[0]![6]).toBe('yes');
    expect(notes[0]![3]).toBe('Incident commander');
    expect(rows[1]![0]).toBe('2025-03-12 14:00:00');
    expect(rows[1]![1]).toBe('2025-03-12T13:00:00.000Z');
    // Every cell a spreadsheet would evaluate is prefixed.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('JSON', () => {
  it('is structured, complete and stable', () => {
    const { incident } = buildIncident();
    const text = timelineToJson(incident, DOCS, context());
    expect(timelineToJson(incident, DOCS, context())).toBe(text);
    const data = JSON.parse(text) as {
      format: string;
      version: number;
      incident: Record<string, unknown> & { keyTimes: Record<string, { at: string | null; corrections: unknown[] }> };
      timeline: { kind: string; text?: string; pinned: boolean; at: string }[];
    };
    expect(data.format).toBe(JSON_EXPORT_FORMAT);
    expect(data.version).toBe(1);
    expect(data.incident.title).toBe('Checkout fails');
    expect(data.incident.kindName).toBe('Payments outage');
    expect(data.incident.keyTimes.detected?.at).toBe('2025-03-12T12:55:00.000Z');
    expect(data.incident.keyTimes.detected?.corrections).toHaveLength(1);
    expect(data.incident.durations).toEqual({
      ttd: { ms: 5 * MIN, isRunning: false },
      tta: { ms: 6 * MIN, isRunning: false },
      ttm: { ms: 16 * MIN, isRunning: false },
      ttr: { ms: 40 * MIN, isRunning: true },
    });
    expect(data.timeline.map((entry) => entry.kind)).toEqual([
      'declared',
      'role',
      'note',
      'note',
      'note',
      'key-time',
      'status',
      'severity',
      'updated',
      'role',
      'role',
    ]);
    expect(data.timeline[2]).toMatchObject({
      noteKind: 'decision',
      pinned: true,
      text: `Line one\nLine two ${HOSTILE_HTML}`,
    });
    expect(data.timeline[3]?.text).toBe(HOSTILE_MD);
    expect(data.timeline[4]?.text).toBe(FORMULA);
  });
});

/** A strict RFC 4180 reader, to prove the writer's output reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let index = 0;
  let isQuoted = false;
  while (index < text.length) {
    const char = text[index]!;
    if (isQuoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') isQuoted = false;
      else field += char;
      index += 1;
      continue;
    }
    if (char === '"' && field === '') isQuoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
    index += 1;
  }
  return rows;
}

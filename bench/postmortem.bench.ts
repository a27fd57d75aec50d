// The post-mortem drafted from a long record: a 10,000-event incident (notes,
// status changes, monitor evidence, two impacted processes, a threshold
// crossing) folded once, then drafted and written as Markdown, HTML and PDF,
// as the export buttons do. Target: the whole export under 500 ms, so a click
// gives its file at once even for a day-long incident.
import { draftPostmortem } from '../common/continuity/postmortem';
import { postmortemToHtml, postmortemToMarkdown, postmortemToPdf } from '../common/continuity/postmortem-render';
import { foldEvents } from '../common/domain/incidents';
import { EMPTY_HEAD, sealEvents } from '../common/events/chain';
import type { EventDraft } from '../common/events/event';
import { translate } from '../common/i18n/messages';
import { median, type Figure } from './figure';

const EVENTS = 10_000;
const RUNS = 5;

function record() {
  let ids = 0;
  const newId = () => `e${(ids += 1)}`;
  const start = Date.UTC(2026, 10, 27, 8, 0);
  const declared = sealEvents(
    EMPTY_HEAD,
    [
      {
        type: 'incident.declared',
        actor: 'IC',
        payload: {
          title: 'Black Friday: checkout down',
          severity: 'SEV1',
          kind: 'technical-failure',
          processes: ['Payment', 'Online sales'],
          services: ['payment', 'web-shop'],
        },
      },
    ],
    { workspace: 'default', deviceId: 'bench', nowMs: start, newId },
  );
  const incidentId = declared.events[0]!.id;
  const drafts: EventDraft[] = [];
  for (let i = 1; i < EVENTS; i += 1) {
    if (i % 500 === 0)
      drafts.push({
        type: 'monitor.state-changed',
        actor: 'host',
        payload: {
          monitorId: `m${i % 3}`,
          name: `Checkout probe ${i % 3}`,
          status: i % 1000 === 0 ? 'up' : 'down',
          from: i % 1000 === 0 ? 'down' : 'up',
          reason: { key: 'monitors.reason.httpStatus', values: { status: 502 } },
          services: ['payment'],
          isAlert: true,
        },
      });
    else
      drafts.push({
        type: 'incident.note-added',
        incidentId,
        actor: `person ${i % 7}`,
        payload: { text: `Observation ${i}: checkout p95 at ${(i % 40) / 10 + 1} s, PSP answers 502 « encore »` },
      });
  }
  drafts.push({
    type: 'continuity.threshold-crossed',
    incidentId,
    actor: 'IC',
    payload: { processId: 'payment', process: 'Payment', threshold: 'rto-breached', crossedAt: start + 3_600_000 },
  });
  drafts.push({ type: 'incident.status-changed', incidentId, actor: 'IC', payload: { status: 'resolved' } });
  const rest = sealEvents(declared.head, drafts, {
    workspace: 'default',
    deviceId: 'bench',
    nowMs: start + 5 * 3_600_000,
    newId,
  });
  return { state: foldEvents([...declared.events, ...rest.events]), incidentId, now: start + 6 * 3_600_000 };
}

export default async function postmortem(): Promise<Figure[]> {
  const { state, incidentId, now } = record();
  const incident = state.incidents.get(incidentId)!;
  const context = { locale: 'fr' as const, translate, timeZone: 'Europe/Paris', now };
  const runs: number[] = [];
  let pdfBytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const blocks = draftPostmortem({ incident, state }, context);
    postmortemToMarkdown(blocks);
    postmortemToHtml(blocks, 'fr');
    pdfBytes = postmortemToPdf(blocks).length;
    runs.push(performance.now() - started);
  }
  return [
    {
      name: `post-mortem of a ${EVENTS.toLocaleString('en')}-event incident: draft + Markdown + HTML + PDF`,
      value: median(runs),
      unit: 'ms',
      target: 500,
      better: 'lower',
      note: `median of ${RUNS}; ${incident.timeline.length} timeline entries, PDF ${(pdfBytes / 1024).toFixed(0)} KiB`,
    },
  ];
}

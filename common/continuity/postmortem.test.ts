import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents } from '../events/chain';
import type { EventDraft } from '../events/event';
import { foldEvents } from '../domain/incidents';
import { translate } from '../i18n/messages';
import { draftPostmortem, POSTMORTEM_SECTIONS } from './postmortem';
import { postmortemToHtml, postmortemToMarkdown, postmortemToPdf } from './postmortem-render';

let counter = 0;
function write(drafts: EventDraft[], deviceId: string, nowMs: number) {
  return sealEvents(EMPTY_HEAD, drafts, {
    workspace: 'default',
    deviceId,
    nowMs,
    newId: () => `${deviceId}${(counter += 1)}`,
  }).events;
}

const T0 = Date.UTC(2026, 5, 10, 9, 0);
const HOSTILE = '<script>alert(1)</script>"] --> x{{y}} %%{init:{}}%% `` ` ``';

function record() {
  const [declared] = write(
    [
      {
        type: 'incident.declared',
        actor: 'Alice',
        payload: {
          title: `Checkout down ${HOSTILE}`,
          severity: 'SEV1',
          kind: 'technical-failure',
          processes: ['Payment', 'online-sales'],
          services: [HOSTILE],
        },
      },
    ],
    'a',
    T0,
  );
  const incidentId = declared!.id;
  const crossing: EventDraft = {
    type: 'continuity.threshold-crossed',
    incidentId,
    actor: 'Alice',
    payload: { processId: 'payment', process: 'Payment', threshold: 'rto-breached', crossedAt: T0 + 3_600_000 },
  };
  // Two laptops notice the same breach.
  const fromA = write([crossing], 'a2', T0 + 3_601_000);
  const fromB = write([{ ...crossing, actor: 'Bob' }], 'b', T0 + 3_602_000);
  const more = write(
    [
      { type: 'incident.note-added', incidentId, actor: 'Bob', payload: { text: HOSTILE } },
      { type: 'incident.status-changed', incidentId, actor: 'Alice', payload: { status: 'monitoring' } },
      {
        type: 'doc.put',
        actor: 'Alice',
        payload: {
          collection: 'postmortem',
          docId: incidentId,
          body: { summary: `Summary ${HOSTILE}`, whys: ['The PSP timed out', HOSTILE] },
        },
      },
      {
        type: 'doc.put',
        actor: 'Alice',
        payload: {
          collection: 'action-item',
          docId: 'act-1',
          body: { incidentId, title: `Add a second PSP ${HOSTILE}`, owner: 'Chloé', due: '2026-07-01', done: false },
        },
      },
    ],
    'c',
    T0 + 5_400_000,
  );
  const told = write(
    [
      {
        type: 'comms.message-recorded',
        incidentId,
        actor: 'Chloé',
        payload: {
          messageId: 'm-exec',
          audience: 'executives',
          channel: 'email',
          destination: 'Board list',
          subject: 'Checkout down',
          text: `Payments fail since 09:00. ${HOSTILE}`,
        },
      },
      {
        type: 'comms.message-recorded',
        incidentId,
        actor: 'Chloé',
        payload: {
          messageId: 'm-status',
          audience: 'status-page',
          channel: 'clipboard',
          text: 'We are investigating.',
        },
      },
      {
        type: 'comms.delivery-changed',
        incidentId,
        actor: 'host',
        payload: { messageId: 'm-exec', status: 'failed', attempts: 3, reason: 'SMTP 554 relay refused' },
      },
    ],
    'd',
    T0 + 600_000,
  );
  return { incidentId, state: foldEvents([declared!, ...told, ...fromA, ...fromB, ...more]) };
}

const context = (locale: 'en' | 'fr') => ({ locale, translate, timeZone: 'Europe/Paris', now: T0 + 7_200_000 });

describe('post-mortem draft', () => {
  it('records a threshold crossing once, whoever noticed it first', () => {
    const { incidentId, state } = record();
    const crossings = state.incidents.get(incidentId)!.timeline.filter((entry) => entry.kind === 'continuity');
    expect(crossings).toHaveLength(1);
    expect(crossings[0]).toMatchObject({ actor: 'Alice', processId: 'payment', threshold: 'rto-breached' });
  });

  it('has every section, the impact of both processes and the written parts', () => {
    const { incidentId, state } = record();
    const blocks = draftPostmortem({ incident: state.incidents.get(incidentId)!, state }, context('en'));
    const headings = blocks
      .filter((block) => block.kind === 'heading' && block.level === 2)
      .map((block) => block.kind === 'heading' && block.text);
    expect(headings).toEqual(
      POSTMORTEM_SECTIONS.map((section) => translate('en', `continuity.postmortem.section.${section}`)),
    );
    const markdown = postmortemToMarkdown(blocks);
    // Down 90 minutes (mitigated at T0 + 1 h 30): payment missed its 1 h RTO, online sales met its 2 h.
    expect(markdown).toMatch(/\| Payment \| 1 h 30 min \| €4,688 \| 1 h 00 min \| Missed \|/);
    expect(markdown).toMatch(/\| Online sales \| 1 h 30 min \| €3,125 \| 2 h 00 min \| Met \|/);
    expect(markdown).toContain('Estimated cost of the downtime: €7,813.');
    expect(markdown).toContain('The PSP timed out');
    expect(markdown).toContain('Chloé');
    expect(markdown).toContain('```mermaid\ngantt');
    expect(markdown).toContain('```mermaid\nflowchart LR');
  });

  it('lists what was told to whom, how, and whether it arrived', () => {
    const { incidentId, state } = record();
    const markdown = postmortemToMarkdown(
      draftPostmortem({ incident: state.incidents.get(incidentId)!, state }, context('en')),
    );
    const section = markdown.slice(markdown.indexOf('## Messages sent'), markdown.indexOf('## Runbook steps'));
    expect(section).toContain('| Time | Audience | Channel | Status | Text |');
    expect(section).toMatch(
      /\| 2026-06-10 11:10:00 \| Executives \| Email \(SMTP\) \(Board list\) \| Failed: SMTP 554 relay refused \| Checkout down Payments fail since 09:00\./,
    );
    expect(section).toMatch(
      /\| 2026-06-10 11:10:00 \| Status page \| Copied by hand \| Copied \| We are investigating\. \|/,
    );
    const french = postmortemToMarkdown(
      draftPostmortem({ incident: state.incidents.get(incidentId)!, state }, context('fr')),
    );
    expect(french).toContain('| Heure | Public | Canal | État | Texte |');
  });

  it('is written in French too', () => {
    const { incidentId, state } = record();
    const markdown = postmortemToMarkdown(
      draftPostmortem({ incident: state.incidents.get(incidentId)!, state }, context('fr')),
    );
    expect(markdown).toContain('## Causes contributives (cinq pourquoi)');
    expect(markdown).toMatch(/\| Paiement \| 1 h 30 min \| 4\s688\s€ \| 1 h 00 min \| Manqué \|/);
  });

  it('shows hostile text as text in Markdown, HTML, mermaid and PDF', () => {
    const { incidentId, state } = record();
    const blocks = draftPostmortem({ incident: state.incidents.get(incidentId)!, state }, context('en'));
    const markdown = postmortemToMarkdown(blocks);
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('\\<script\\>');
    const html = postmortemToHtml(blocks, 'en');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // In the diagrams, the label cannot close its quotes, open a directive or close the fence.
    for (const block of blocks) {
      if (block.kind !== 'diagram') continue;
      expect(block.source).not.toContain('<script>');
      expect(block.source).not.toContain('%%{');
      expect(block.source).not.toContain('```');
      expect(block.source).not.toMatch(/"\] -->/);
    }
    const pdf = String.fromCharCode(...postmortemToPdf(blocks));
    expect(pdf).toContain('\\(1\\)');
    expect(pdf).not.toMatch(/[^\\]\(1\)/);
  });
});

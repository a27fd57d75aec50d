import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages';
import { blocksToMarkdown } from '../report/blocks';
import { AFTER_ACTION_SECTIONS, afterActionNotesSchema, draftAfterAction, type AfterActionNotes } from './after-action';
import { drillRecord, paymentScenario, T0 } from './drill.fixture';
import { realTime } from './scoring';

const MINUTE = 60_000;
const context = (locale: 'en' | 'fr') => ({ locale, translate, timeZone: 'Europe/Paris', now: T0 + 70 * MINUTE });

const NOTES: AfterActionNotes = {
  participants: [
    { name: 'Bob', role: 'commander' },
    { name: 'Chloé', role: 'communications' },
  ],
  strengths: ['The gateway switch was rehearsed and took five minutes.'],
  improvements: ['Nobody owned the customer message.'],
  plan: [
    { action: 'Write a customer template for payment outages', owner: 'Chloé', due: '2026-12-15' },
    { action: 'Name a communications lead at declaration', owner: 'Bob', due: '2026-12-01' },
  ],
};

function report(locale: 'en' | 'fr', notes: AfterActionNotes = NOTES) {
  const { state, incident } = drillRecord();
  return draftAfterAction(
    { scenario: paymentScenario(), timing: realTime(T0), endedAt: T0 + 60 * MINUTE, incident, docs: state.docs, notes },
    context(locale),
  );
}

describe('after-action report', () => {
  it('has every section in order, with the scores and by how much', () => {
    const blocks = report('en');
    const headings = blocks.flatMap((block) => (block.kind === 'heading' && block.level === 2 ? [block.text] : []));
    expect(headings).toEqual(
      AFTER_ACTION_SECTIONS.map((section) => translate('en', `exercises.report.section.${section}`)),
    );
    const markdown = blocksToMarkdown(blocks);
    expect(markdown).toContain('# After-action report: Payment provider outage');
    expect(markdown).toContain('- Duration: 1 h 00 min\n');
    expect(markdown).toContain('- Participants: Bob (Incident commander), Chloé (Communications lead)');
    expect(markdown).toContain('3 of 5 expected actions met on time, 1 late, 1 missed.');
    expect(markdown).toContain(
      '| Name an incident commander within 10 minutes | T+10 min 00 s | T+12 min 00 s | Late | 2 min 00 s late |',
    );
    expect(markdown).toContain(
      '| First message to customers within 15 minutes | T+15 min 00 s | — | Missed | overdue by 45 min 00 s |',
    );
    expect(markdown).toContain(
      '| Restore payment within the 1-hour RTO | T+1 h 00 min | T+50 min 00 s | Met | 10 min 00 s early |',
    );
    // The plan, soonest due first.
    expect(markdown).toContain('| Action | Owner | Due |');
    expect(markdown.indexOf('Name a communications lead')).toBeLessThan(markdown.indexOf('Write a customer template'));
  });

  it('merges the injects fired and the team’s entries in time order', () => {
    const blocks = report('en');
    const timeline = blocks.at(-1);
    if (timeline?.kind !== 'table') throw new Error('the timeline is a table');
    const summary = timeline.rows.map((row) => `${row[1]} ${row[2]} ${row[3]}`);
    expect(summary.slice(0, 5)).toEqual([
      'T+0 s Facilitator Monitor down',
      'T+3 min 00 s Alice Declaration',
      'T+5 min 00 s Facilitator Message from a stakeholder',
      // At the same moment, the inject comes before what the team did.
      'T+12 min 00 s Facilitator Alert',
      'T+12 min 00 s Alice Role change',
    ]);
    // The double-charge complication fires at 40 min, before the mitigation at 50; nothing after the end shows.
    expect(summary.at(-2)).toBe('T+40 min 00 s Facilitator Complication');
    expect(summary.at(-1)).toMatch(/^T\+50 min 00 s Bob /);
  });

  it('is written in French too, and asks for what the facilitator has not written', () => {
    const markdown = blocksToMarkdown(report('fr', { participants: [], strengths: [], improvements: [], plan: [] }));
    expect(markdown).toContain('## Points forts\n\nÀ rédiger par l’animateur.');
    expect(markdown).toContain('## Plan d’amélioration');
    expect(markdown).toContain(
      '| Premier message aux clients sous 15 minutes | T+15 min 00 s | — | Manqué | dépassé de 45 min 00 s |',
    );
    expect(markdown).toContain('| Animateur | Sonde en panne | Payment gateway: Les demandes d’autorisation');
  });

  it('reports a drill the team never declared', () => {
    const { state } = drillRecord();
    const markdown = blocksToMarkdown(
      draftAfterAction(
        { scenario: paymentScenario(), timing: realTime(T0), incident: undefined, docs: state.docs, notes: NOTES },
        context('en'),
      ),
    );
    expect(markdown).toContain('The team has not declared the incident yet.');
    expect(markdown).toContain('(still running)');
    expect(markdown).toContain('0 of 5 expected actions met on time, 0 late, 5 missed.');
  });

  it('bounds what the facilitator writes', () => {
    expect(afterActionNotesSchema.safeParse(NOTES).success).toBe(true);
    expect(
      afterActionNotesSchema.safeParse({ ...NOTES, plan: [{ action: 'x', owner: 'y', due: 'soon' }] }).success,
    ).toBe(false);
    expect(afterActionNotesSchema.safeParse({ ...NOTES, strengths: ['x'.repeat(2_001)] }).success).toBe(false);
  });
});

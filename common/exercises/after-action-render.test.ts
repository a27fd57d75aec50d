import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages';
import { draftAfterAction } from './after-action';
import { realTime } from './scoring';
import { afterActionFileName, renderAfterAction } from './after-action-render';
import { drillRecord, HOSTILE, paymentScenario, T0 } from './drill.fixture';

function hostileReport(locale: 'en' | 'fr') {
  const { state, incident } = drillRecord(`Decision ${HOSTILE}`);
  const base = paymentScenario();
  const scenario = {
    ...base,
    title: `Drill ${HOSTILE}`,
    injects: [{ ...base.injects[0]!, monitor: HOSTILE, text: { en: `Red ${HOSTILE}`, fr: `Rouge ${HOSTILE}` } }],
  };
  return draftAfterAction(
    {
      scenario,
      timing: realTime(T0),
      endedAt: T0 + 3_600_000,
      incident,
      docs: state.docs,
      notes: {
        participants: [{ name: HOSTILE, role: 'commander' }],
        strengths: [`Strength ${HOSTILE}`],
        improvements: [HOSTILE],
        plan: [{ action: `Fix ${HOSTILE}`, owner: HOSTILE, due: '2026-12-01' }],
      },
    },
    { locale, translate, timeZone: 'Europe/Paris', now: T0 + 3_600_000 },
  );
}

describe('after-action report files', () => {
  it.each(['en', 'fr'] as const)('shows hostile text as text in Markdown, HTML and PDF (%s)', (locale) => {
    const blocks = hostileReport(locale);
    const markdown = renderAfterAction(blocks, 'markdown', locale);
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('\\<script\\>');
    expect(markdown).not.toContain('```');
    expect(markdown).not.toContain('**bold**');
    expect(markdown).not.toMatch(/[^\\]\[x\]\(javascript/);
    // A pipe inside a cell cannot open a new column.
    expect(markdown).toContain('\\| pipe');

    const html = renderAfterAction(blocks, 'html', locale);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);

    const pdf = String.fromCharCode(...renderAfterAction(blocks, 'pdf', locale));
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('\\(1\\)');
    expect(pdf).not.toMatch(/[^\\]\(1\)/);
  });

  it('names the file after the scenario and the day it ran', () => {
    const scenario = paymentScenario();
    expect(afterActionFileName(scenario, T0, 'pdf', 'en', 'Europe/Paris')).toBe(
      'payment-provider-outage-2026-11-27-after-action.pdf',
    );
    expect(afterActionFileName(scenario, T0, 'markdown', 'fr', 'Europe/Paris')).toBe(
      'panne-du-prestataire-de-paiement-2026-11-27-after-action.md',
    );
  });
});

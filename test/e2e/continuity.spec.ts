// Business continuity through the real UI in browser mode: an incident with
// two impacted processes counts down to each RTO and accrues their cost, a
// crossed threshold lands in the timeline once, and the post-mortem exports
// (Markdown, HTML, PDF) hold every section, in English and French, with
// hostile text shown as text. Then the processes, plans, risks and knowledge screens.
import { readFile } from 'node:fs/promises';
import { parseScenarioYaml } from '../../common/exercises/scenario-yaml';
import { expect, test } from './fixtures';
import { ContinuityPage } from './pages/continuity';
import { LifecyclePage } from './pages/lifecycle';
import { screenshot } from './screenshot';

const HOSTILE = '<img src=x onerror=alert(1)> "] --> x %%{init:{}}%%';

const SECTIONS_EN = [
  'Summary',
  'Impact',
  'Detection, acknowledgement and resolution',
  'Roles',
  'Messages sent',
  'Runbook steps',
  'Timeline',
  'What went well',
  'What went badly',
  'Contributing causes (five whys)',
  'Action items',
  'Diagrams',
];
const SECTIONS_FR = [
  'Résumé',
  'Impact',
  'Détection, prise en charge et résolution',
  'Rôles',
  'Messages envoyés',
  'Étapes des procédures',
  'Chronologie',
  'Ce qui a bien fonctionné',
  'Ce qui a mal fonctionné',
  'Causes contributives (cinq pourquoi)',
  'Actions',
  'Diagrammes',
];

/** A string as the PDF writes it: WinAnsi bytes, those above 127 in octal. */
function pdfText(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code > 127 && code < 256 ? `\\${code.toString(8)}` : char;
    })
    .join('');
}

test('two impacted processes count down to their RTO and accrue cost; the post-mortem exports every section', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const continuity = new ContinuityPage(page);
  const lifecycle = new LifecyclePage(page);
  await page.clock.install({ time: new Date('2026-06-10T08:00:00Z') });
  await page.reload();
  await ui.ready();
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await lifecycle.editImpact({ processes: 'Payment, Online sales' });

  await expect(continuity.impactRows).toHaveCount(2);
  const payment = continuity.impactRow('payment');
  const sales = continuity.impactRow('online-sales');
  await expect(payment.getByTestId('impact-countdown')).toHaveText(
    /^RTO breach in (59 min [0-5]\d s|1 h 00 min 00 s)$/,
  );
  await expect(sales.getByTestId('impact-countdown')).toHaveText(
    /^RTO breach in (1 h 59 min [0-5]\d s|2 h 00 min 00 s)$/,
  );

  // Half an hour on: payment (1 h RTO, €75,000 a day) and online sales (2 h, €50,000).
  await page.clock.fastForward('30:00');
  await expect(payment.getByTestId('impact-countdown')).toHaveText(/^RTO breach in (29 min [0-5]\d s|30 min 00 s)$/);
  await expect(sales.getByTestId('impact-countdown')).toHaveText(/^RTO breach in 1 h (29 min [0-5]\d|30 min 00) s$/);
  await expect(payment.getByTestId('impact-cost')).toHaveText(/^€1,5[67]\d so far · €3,125\/h$/);
  await expect(sales.getByTestId('impact-cost')).toHaveText(/^€1,04\d so far · €2,083\/h$/);
  await expect(continuity.impactTotal).toHaveText(/^Cost so far: €2,6[01]\d · €5,208 per hour$/);
  await expect(payment).toHaveAttribute('data-rto', 'ok');

  // Past three quarters of payment's RTO: a warning, and one entry in the timeline.
  await page.clock.fastForward('16:00');
  await expect(payment).toHaveAttribute('data-rto', 'warning');
  await expect(payment.getByTestId('impact-warning')).toBeVisible();
  const crossing = ui.timelineEntries.filter({ hasText: 'Payment: three quarters of the RTO gone' });
  await expect(crossing).toHaveCount(1);
  await expect(sales).toHaveAttribute('data-rto', 'ok');
  await expect(payment.getByTestId('impact-runbook')).toHaveAttribute('href', '#/runbooks/payment-outage');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'continuity-impact');

  // The post-mortem: written parts (one of them hostile), an action item, exports.
  await continuity.openPostmortem();
  await page.getByTestId('pm-summary').fill(`Payments failed for 46 minutes. ${HOSTILE}`);
  await page.getByTestId('pm-well').fill('The backup gateway was ready.');
  await page.getByTestId('pm-badly').fill('Nobody watched the PSP certificate.');
  await page.getByTestId('pm-why-1').fill('The PSP rejected our calls.');
  await page.getByTestId('pm-why-2').fill('Its certificate had expired.');
  await page.getByTestId('pm-save').click();
  await expect(page.getByTestId('postmortem-draft')).toContainText('Its certificate had expired.');
  await page.getByTestId('pm-action-title').fill('Monitor the PSP certificate expiry');
  await page.getByTestId('pm-action-owner').fill('Chloé');
  await page.getByTestId('pm-action-due').fill('2026-06-20');
  await page.getByTestId('pm-action-add').click();
  await expect(page.getByTestId('pm-action')).toHaveCount(1);
  await page.getByTestId('pm-action-done').click();
  await expect(page.getByTestId('pm-action')).toHaveAttribute('data-done', 'true');
  // Hostile text is shown as text, never as an element.
  await expect(page.getByTestId('postmortem-draft')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // Both diagrams are drawn by mermaid, the hostile service name as text.
  // Mermaid is loaded on first use, a large chunk: its first drawing may take a while on a busy machine.
  await expect(page.getByTestId('pm-diagram-0-canvas')).toContainText('Acknowledgement', { timeout: 45_000 });
  await expect(page.getByTestId('pm-diagram-1-canvas')).toContainText('Online sales', { timeout: 45_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'continuity-postmortem');
  await page.getByTestId('pm-diagram-0').scrollIntoViewIfNeeded();
  await screenshot(page, 'continuity-postmortem-diagrams');

  const markdown = await continuity.export('markdown');
  expect(markdown.name).toMatch(/^checkout-fails-at-payment-2026-06-10-postmortem\.md$/);
  const md = markdown.bytes.toString('utf8');
  for (const section of SECTIONS_EN) expect(md).toContain(`## ${section}`);
  expect(md).toMatch(/\| Payment \| 46 min \d\d s \| €2,[34]\d\d \| 1 h 00 min \| Warning \|/);
  expect(md).toContain('Monitor the PSP certificate expiry | Chloé | 2026-06-20 | Done');
  expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
  expect(md).toContain('```mermaid\ngantt');

  const html = (await continuity.export('html')).bytes.toString('utf8');
  for (const section of SECTIONS_EN) expect(html).toContain(`<h2>${section}</h2>`);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html).not.toMatch(/<img|<script/i);

  const pdf = await continuity.export('pdf');
  expect(pdf.name.endsWith('.pdf')).toBe(true);
  const pdfFile = pdf.bytes.toString('latin1');
  expect(pdfFile.startsWith('%PDF-1.4')).toBe(true);
  expect(pdfFile.trimEnd().endsWith('%%EOF')).toBe(true);
  for (const section of SECTIONS_EN) expect(pdfFile).toContain(`(${section.replace(/[()]/g, '\\$&')}) Tj`);

  // French: the panel and every export section.
  await ui.setLanguage('fr');
  await page.getByTestId('postmortem-back').click();
  await expect(payment.getByTestId('impact-countdown')).toHaveText(/^Dépassement du RTO dans 1[34] min [0-5]\d s$/);
  await expect(continuity.impactTotal).toContainText('par heure');
  await expect(ui.timelineEntries.filter({ hasText: 'Paiement : trois quarts du RTO écoulés' })).toHaveCount(1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'continuity-impact-fr');
  await continuity.openPostmortem();
  const mdFr = (await continuity.export('markdown')).bytes.toString('utf8');
  for (const section of SECTIONS_FR) expect(mdFr).toContain(`## ${section}`);
  expect(mdFr).toMatch(/\| Paiement \| 46 min \d\d s \| 2\s[34]\d\d\s€ \| 1 h 00 min \| Alerte \|/);
  const pdfFr = (await continuity.export('pdf')).bytes.toString('latin1');
  for (const section of SECTIONS_FR) expect(pdfFr).toContain(`(${pdfText(section).replace(/[()]/g, '\\$&')}) Tj`);
  await page.getByTestId('postmortem-draft').scrollIntoViewIfNeeded();
  await screenshot(page, 'continuity-postmortem-fr');
});

test('business processes are edited, exported and imported as YAML; plans, risks and knowledge', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const continuity = new ContinuityPage(page);
  await continuity.openTab('processes');
  // The seed article's table is the built-in example.
  for (const id of ['online-sales', 'order-management', 'payment', 'shipping', 'customer-service'])
    await expect(continuity.processRow(id)).toBeVisible();
  await expect(continuity.processRow('payment')).toContainText('€75,000');
  await expect(continuity.processRow('payment')).toContainText('1 h');

  // Edit one: a workspace copy replaces the example.
  await continuity.processRow('shipping').getByTestId('process-edit').click();
  await page.getByTestId('process-rtoMinutes').fill('360');
  await page.getByTestId('process-lastExercised').fill('2026-01-15');
  await page.getByTestId('process-save').click();
  await expect(continuity.processRow('shipping')).toContainText('6 h');
  await expect(continuity.processRow('shipping')).toContainText('This workspace');

  // A wrong file is refused whole, with its line and reason; a right one is imported.
  await continuity.importYaml(
    'bad.yaml',
    'processes:\n  - id: Bad Id\n    name: Stores\n    rtoMinutes: 60\n    rpoMinutes: 0\n    costPerDay: 1000\n',
  );
  await expect(page.getByTestId('processes-import-errors')).toContainText(
    'Refused: line 2, column 9: “processes[0].id” must be lower-case letters, digits and dashes.',
  );
  await continuity.importYaml(
    'stores.yaml',
    `processes:\n  - id: stores\n    name: "Points of sale ${HOSTILE.replace(/"/g, "'")}"\n    rtoMinutes: 30\n    rpoMinutes: 15\n    costPerDay: 20000\n    services: [pos]\n`,
  );
  await expect(continuity.processRow('stores')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('processes-export').click()]);
  expect(download.suggestedFilename()).toBe('business-processes.yaml');
  await screenshot(page, 'continuity-processes');

  // Plans: shipping was exercised in January; the rest never, and are flagged.
  await continuity.openTab('plans');
  const card = (id: string) => page.locator(`[data-testid="plan-card"][data-process="${id}"]`);
  await expect(card('payment')).toHaveAttribute('data-untested', 'true');
  await expect(card('payment').getByTestId('plan-runbook')).toHaveAttribute('href', '#/runbooks/payment-outage');
  await screenshot(page, 'continuity-plans');

  // Risks: one on the matrix, hostile title shown as text.
  await continuity.openTab('risks');
  await page.getByTestId('risk-title').fill(`Payment provider outage ${HOSTILE}`);
  await page.getByTestId('risk-family').selectOption('operational');
  await page.getByTestId('risk-likelihood').fill('4');
  await page.getByTestId('risk-impact').fill('5');
  await page.getByTestId('risk-owner').fill('Chloé');
  await page.getByTestId('risk-mitigations').fill('A second payment gateway, tested each quarter.');
  await page.getByLabel('Payment', { exact: true }).check();
  await page.getByTestId('risk-add').click();
  await expect(page.getByTestId('risk-row')).toHaveCount(1);
  await expect(page.getByTestId('risk-cell-4-5')).toHaveText('1');
  await expect(page.getByTestId('risk-row')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.getByTestId('risk-row')).toContainText('Payment');
  // Turned into an exercise scenario: a file that imports as one, the hostile title kept as text.
  const [scenarioFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('risk-row').getByTestId('risk-to-scenario').click(),
  ]);
  expect(scenarioFile.suggestedFilename()).toMatch(/^risk-[a-z0-9-]+\.yaml$/);
  const scenarioYaml = await readFile(await scenarioFile.path(), 'utf8');
  const parsed = parseScenarioYaml(scenarioYaml);
  expect(parsed.ok).toBe(true);
  if (parsed.ok) {
    expect(parsed.scenario.incident).toMatchObject({
      title: `Payment provider outage ${HOSTILE}`,
      severity: 'SEV1',
      processes: ['payment'],
    });
    expect(parsed.scenario.expected).toContainEqual(
      expect.objectContaining({ kind: 'restored', process: 'payment', targetSeconds: 3_600 }),
    );
  }
  await expect(page.getByRole('status')).toContainText(`Scenario saved as ${scenarioFile.suggestedFilename()}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'continuity-risks');

  // Knowledge: a resolved incident with lessons is found by a word of them, and suggested for a similar one.
  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Payment gateway timeouts', severity: 'SEV2', kind: 'technical-failure' });
  await new LifecyclePage(page).editImpact({ services: 'payment' });
  await new LifecyclePage(page).setStatus('resolved');
  await continuity.openPostmortem();
  await page.getByTestId('pm-badly').fill('Failover to the second gateway took an hour.');
  await page.getByTestId('pm-save').click();
  await expect(page.getByTestId('postmortem-draft')).toContainText('Failover to the second gateway');
  await continuity.openTab('knowledge');
  await page.getByTestId('knowledge-search').fill('failover');
  await expect(page.getByTestId('knowledge-result')).toHaveCount(1);
  await expect(page.getByTestId('knowledge-result')).toContainText('Payment gateway timeouts');
  await screenshot(page, 'continuity-knowledge');
  await page.getByTestId('nav-dashboard').click();
  await ui.declare({ title: 'Payment errors at checkout', severity: 'SEV1', kind: 'technical-failure' });
  await new LifecyclePage(page).editImpact({ services: 'payment' });
  await expect(page.getByTestId('similar-incidents')).toContainText('Payment gateway timeouts');
});

// The live timeline through the real UI in browser mode: notes of each kind,
// filters, search, key moments, times, exports, the quick note, hostile text
// and French.
import { expect, test } from './fixtures';
import { TimelinePage } from './pages/timeline';
import { screenshot } from './screenshot';

const HOSTILE_HTML = '<img src=x onerror=alert(1)>';
const HOSTILE_MD = '# Not a heading\n**not bold** [click](javascript:alert(2))';
const FORMULA = '=HYPERLINK("http://evil.example","click")';

test('posts notes of each kind, filters them by kind, author and words, and pins key moments', async ({ warroom }) => {
  const { ui, session } = warroom;
  const timeline = new TimelinePage(session.page);
  await ui.setDisplayName('Camille Laurent');
  await ui.declare({ title: 'Checkout fails at payment', severity: 'SEV1', kind: 'technical-failure' });
  await timeline.post('Payment provider answers 502 since 14:02.', 'observation');
  await timeline.post('Switch checkout to the backup provider.', 'decision', { withKeyboard: true });
  await timeline.post('Backup provider enabled for 10% of traffic.', 'action');
  await timeline.post('Status page updated.');
  await ui.setDisplayName('Élodie Martin');
  await timeline.post('Stores report card terminals are back.\nSecond line kept.', 'observation');

  // Newest first, each note with its kind; line breaks kept.
  await expect(timeline.entries).toHaveCount(6);
  await expect(timeline.entries.last()).toHaveAttribute('data-kind', 'declared');
  await expect(timeline.entries.first().getByTestId('note-kind')).toHaveText('Observation');
  await expect(timeline.notes.first()).toHaveText('Stores report card terminals are back.\nSecond line kept.');
  await expect(timeline.entry('Switch checkout').getByTestId('note-kind')).toHaveText('Decision');
  await expect(timeline.entry('Backup provider enabled').getByTestId('note-kind')).toHaveText('Action');
  await expect(timeline.entry('Status page').getByTestId('note-kind')).toHaveText('Note');

  await timeline.filterKinds(['decision']);
  await expect(timeline.notes).toHaveText(['Switch checkout to the backup provider.']);
  await expect(timeline.count).toHaveText('1 of 6 entries');
  await timeline.filterKinds(['declared']);
  await expect(timeline.entries).toHaveCount(2);
  await timeline.clearFilters();
  await expect(timeline.entries).toHaveCount(6);

  await timeline.filterAuthor('Élodie Martin');
  await expect(timeline.notes).toHaveText(['Stores report card terminals are back.\nSecond line kept.']);
  await timeline.filterAuthor(null);

  // Case and accents do not matter; every word must appear.
  await timeline.searchFor('ELODIE terminals');
  await expect(timeline.notes).toHaveText(['Stores report card terminals are back.\nSecond line kept.']);
  await timeline.searchFor('provider');
  await expect(timeline.notes).toHaveCount(3);
  await timeline.searchFor('nothing like this');
  await expect(session.page.getByTestId('timeline-empty')).toBeVisible();
  await timeline.clearFilters();

  await timeline.pin('Switch checkout');
  await timeline.pin('Stores report card');
  await expect(timeline.keyMoments).toHaveCount(2);
  // Oldest first: the story of the incident.
  await expect(timeline.keyMoments.first()).toContainText('Switch checkout to the backup provider.');
  await timeline.pinnedOnly(true);
  await expect(timeline.entries).toHaveCount(2);
  await timeline.pinnedOnly(false);
  await timeline.filterKinds(['action']);
  // A key moment hidden by the filters clears them and is shown.
  await timeline.keyMoments.first().click();
  await expect(timeline.entry('Switch checkout')).toHaveClass(/is-highlighted/);
  await expect(timeline.entries).toHaveCount(6);
  await timeline.pin('Stores report card', false);
  await expect(timeline.keyMoments).toHaveCount(1);
  await screenshot(session.page, 'timeline');
});

test('shows times relative or on the clock, in the user’s time zone', async ({ warroom }) => {
  const { ui, session } = warroom;
  const timeline = new TimelinePage(session.page);
  await ui.declare({ title: 'Search is slow', severity: 'SEV3', kind: 'performance' });
  const time = timeline.entries.first().locator('time');
  await expect(time).toHaveText('now');
  await timeline.showTimes('absolute');
  const iso = await time.getAttribute('datetime');
  const expected = await session.page.evaluate(
    (at) =>
      new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(at)),
    iso ?? '',
  );
  await expect(time).toHaveText(expected);
  await timeline.showTimes('relative');
  await expect(time).toHaveText('now');
});

test('exports the whole timeline as Markdown, CSV and JSON, hostile text kept as text', async ({ warroom }) => {
  const { ui, session } = warroom;
  const timeline = new TimelinePage(session.page);
  await ui.setDisplayName('Camille Laurent');
  await ui.declare({ title: 'Checkout <b>fails</b> at payment', severity: 'SEV1', kind: 'technical-failure' });
  await timeline.post(HOSTILE_HTML, 'decision');
  await timeline.post(HOSTILE_MD, 'observation');
  await timeline.post(FORMULA);
  await timeline.pin('Not a heading');
  await session.page.getByTestId('incident-status').selectOption('identified');
  // Filters do not limit an export.
  await timeline.filterKinds(['action']);

  const markdown = await timeline.export('markdown');
  expect(markdown.name).toMatch(/^checkout-b-fails-b-at-payment-\d{4}-\d\d-\d\d-timeline\.md$/);
  expect(markdown.text).toMatch(/^# Checkout \\<b\\>fails\\<\/b\\> at payment\n/);
  expect(markdown.text).toContain('- **Severity:** SEV1 · critical');
  expect(markdown.text).toContain('- **Status:** Identified');
  expect(markdown.text).toContain('## Key times');
  expect(markdown.text).toContain('- **Time to acknowledge (TTA):**');
  const story = markdown.text.slice(markdown.text.indexOf('## Timeline, oldest first'));
  const kinds = [...story.matchAll(/· _([^_]+)_/g)].map((match) => match[1]);
  expect(kinds).toEqual(['Declaration', 'Decision', 'Observation', 'Note', 'Status change']);
  expect(story).toContain('\\<img src=x onerror=alert(1)\\>');
  expect(story).toContain('\\# Not a heading\\\n  \\*\\*not bold\\*\\* \\[click\\](javascript:alert(2))');
  expect(story).toContain('_Observation_ · ★ **Key moment**');

  const csv = await timeline.export('csv');
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.startsWith('\ufeffTime,Time (UTC),Author,Author’s roles,Kind,Entry,Key moment,Event id\r\n')).toBe(
    true,
  );
  expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  expect(csv.text).toContain(`"# Not a heading\n**not bold** [click](javascript:alert(2))",yes,`);

  const json = await timeline.export('json');
  expect(json.name).toMatch(/\.json$/);
  const data = JSON.parse(json.text) as {
    format: string;
    incident: { title: string; status: string };
    timeline: { kind: string; noteKind?: string; text?: string; pinned: boolean }[];
  };
  expect(data.format).toBe('war-room.incident-timeline');
  expect(data.incident).toMatchObject({ title: 'Checkout <b>fails</b> at payment', status: 'identified' });
  expect(data.timeline.map((entry) => entry.kind)).toEqual(['declared', 'note', 'note', 'note', 'status']);
  expect(data.timeline.slice(1, 4).map((entry) => entry.text)).toEqual([HOSTILE_HTML, HOSTILE_MD, FORMULA]);
  expect(data.timeline[2]).toMatchObject({ noteKind: 'observation', pinned: true });

  // The window's `exportTimeline` command (the palette's way in) downloads the same.
  const [download] = await Promise.all([
    session.page.waitForEvent('download'),
    session.page.evaluate(() =>
      window.dispatchEvent(new CustomEvent('warroom:export-timeline', { detail: { format: 'json' } })),
    ),
  ]);
  expect(download.suggestedFilename()).toBe(json.name);
});

test('takes a quick note from anywhere with Alt+N, on the incident on screen or the latest open one', async ({
  warroom,
}) => {
  const { ui, session } = warroom;
  const page = session.page;
  const timeline = new TimelinePage(page);
  await ui.declare({ title: 'Stores cannot take card payments', severity: 'SEV2', kind: 'technical-failure' });
  await ui.backToList();
  await ui.declare({ title: 'Search is slow', severity: 'SEV3', kind: 'performance' });
  await ui.backToList();
  await expect(page.getByTestId('quick-note-open')).toContainText('Alt+N');

  // From the list: the most recently active open incident.
  const dialog = await timeline.openQuickNote();
  await expect(dialog.getByTestId('quick-note-incident')).toHaveValue(/.+/);
  await expect(dialog.getByTestId('quick-note-incident').locator('option:checked')).toContainText('Search is slow');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await timeline.quickNote('Card terminals show "host unreachable".', 'observation', {
    incidentTitle: 'Stores cannot take card payments',
  });
  await expect(page.getByTestId('quick-note-posted')).toContainText('Stores cannot take card payments');
  await ui.open('Stores cannot take card payments');
  await expect(timeline.notes).toHaveText(['Card terminals show "host unreachable".']);
  await expect(timeline.entries.first().getByTestId('note-kind')).toHaveText('Observation');

  // On an incident: that incident, and focus goes back where it was.
  await timeline.search.focus();
  await timeline.quickNote('Acquirer confirms an outage on their side.', 'decision');
  await expect(timeline.search).toBeFocused();
  await expect(timeline.notes.first()).toHaveText('Acquirer confirms an outage on their side.');
  // The `quickNote` command opens the same dialog.
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('warroom:quick-note')));
  await expect(page.getByTestId('quick-note')).toBeVisible();
  await screenshot(page, 'quick-note');
  await page.keyboard.press('Escape');
  await expect(timeline.search).toBeFocused();
});

test('shows hostile note text as text everywhere', async ({ warroom }) => {
  const { ui, session } = warroom;
  const timeline = new TimelinePage(session.page);
  await ui.declare({ title: 'Hostile notes', severity: 'SEV4', kind: 'security' });
  await timeline.post(HOSTILE_HTML, 'action');
  await timeline.post(HOSTILE_MD);
  await timeline.pin('onerror');
  await timeline.quickNote('<script>alert(3)</script>', 'observation');
  await expect(timeline.notes).toHaveText(['<script>alert(3)</script>', HOSTILE_MD, HOSTILE_HTML]);
  await expect(timeline.keyMoments).toContainText(HOSTILE_HTML);
  const panel = session.page.getByTestId('timeline-panel');
  await expect(panel.locator('img, script, strong:has-text("not bold"), a')).toHaveCount(0);
  expect(session.dialogs).toEqual([]);
});

test('speaks French', async ({ warroom }) => {
  const { ui, session } = warroom;
  const page = session.page;
  const timeline = new TimelinePage(page);
  await ui.setLanguage('fr');
  await ui.declare({ title: 'Le site est lent', severity: 'SEV3', kind: 'performance' });
  await timeline.post('Le cache est froid après le déploiement.', 'decision');
  await expect(timeline.entries.first().getByTestId('note-kind')).toHaveText('Décision');
  await expect(page.getByTestId('composer-kind-observation').locator('..')).toHaveText('Observation');
  await expect(page.getByTestId('timeline-filter-pinned').locator('..')).toHaveText('Moments clés seulement');
  await expect(page.getByTestId('time-mode-absolute')).toHaveText('Horloge');
  await expect(timeline.entries.first().locator('time')).toHaveText('maintenant');
  await timeline.pin('Le cache');
  await expect(page.getByTestId('key-moments')).toContainText('Moments clés');
  await timeline.filterKinds(['decision']);
  await expect(timeline.count).toHaveText('1 entrée sur 2');
  await screenshot(page, 'timeline-fr');
  const markdown = await timeline.export('markdown');
  expect(markdown.text).toContain('## Chronologie, de la plus ancienne à la plus récente');
  expect(markdown.text).toContain('_Décision_ · ★ **Moment clé**');
  const dialog = await timeline.openQuickNote();
  await expect(dialog.getByRole('heading')).toContainText('Note rapide');
});

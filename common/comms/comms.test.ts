import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { foldEvents } from '../domain/incidents';
import { AUDIENCES } from './audiences';
import { DEFAULT_AUDIENCE_POLICY, dueByAudience, effectivePolicy } from './cadence';
import { applyCommsDoc, NO_COMMS_DOCS, TEMPLATE_COLLECTION } from './comms-docs';
import { emailHtml, escapeHtml, escapeMarkdown, escapeSlack, webhookBody } from './format';
import { BUILT_IN_TEMPLATES, builtInTemplateId, templateCatalog } from './library';
import { incidentValues, renderTemplate, slotsOf, VARIABLES } from './render';
import { statusPageHtml } from './status-page';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & <!channel> [a](javascript:alert(1)) ```';

function recorder() {
  let head: ChainHead = EMPTY_HEAD;
  let counter = 0;
  const events: WarEvent[] = [];
  const write = (nowMs: number, ...drafts: EventDraft[]) => {
    const sealed = sealEvents(head, drafts, {
      workspace: 'default',
      deviceId: 'laptop',
      nowMs,
      newId: () => `e${(counter += 1)}`,
    });
    head = sealed.head;
    events.push(...sealed.events);
    return sealed.events;
  };
  return { events, write };
}

function incidentWith(kind = 'technical-failure') {
  const r = recorder();
  const id = r.write(T0, {
    type: 'incident.declared',
    actor: 'Alice',
    payload: { title: 'Checkout down', severity: 'SEV1', kind, services: ['Web shop', 'Payment'] },
  })[0]!.id;
  return { r, id };
}

const said = (messageId: string, audience: (typeof AUDIENCES)[number], channel: 'clipboard' | 'slack' = 'clipboard') =>
  ({
    type: 'comms.message-recorded',
    actor: 'Camille',
    payload: { messageId, audience, channel, text: 'We are on it.' },
  }) as const;

describe('rendering a template', () => {
  it('fills every variable and lists the empty ones, once each, leaving a visible marker', () => {
    const rendered = renderTemplate(
      { subject: '{{service}}: {{status}}', body: 'Since {{startedAt}}. {{ workaround }} {{workaround}} {{nope}}' },
      { service: 'Web shop', status: 'investigating', startedAt: '' },
    );
    expect(rendered.subject).toBe('Web shop: investigating');
    expect(rendered.text).toBe('Since [startedAt]. [workaround] [workaround] {{nope}}');
    expect(rendered.empty).toEqual(['startedAt', 'workaround']);
    expect(rendered.unknown).toEqual(['nope']);
  });

  it('takes values from the incident: services, status in the language, commander, start time', () => {
    const { r, id } = incidentWith();
    r.write(T0 + MINUTE, {
      type: 'incident.role-assigned',
      incidentId: id,
      actor: 'Alice',
      payload: { role: 'commander', person: { name: 'Camille' } },
    });
    const incident = foldEvents(r.events).incidents.get(id)!;
    const fr = incidentValues(incident, 'fr', { timeZone: 'Europe/Paris', nextUpdateAt: T0 + 20 * MINUTE });
    expect(fr).toMatchObject({
      service: 'Web shop, Payment',
      status: 'analyse en cours',
      commander: 'Camille',
      severity: 'SEV1',
    });
    expect(fr.startedAt).toContain('10:00');
    expect(fr.nextUpdateAt).toContain('10:20');
    expect(incidentValues(incident, 'en').status).toBe('investigating');
  });

  it('keeps hostile values as plain text: the output escapes them, not the renderer', () => {
    const rendered = renderTemplate({ body: 'Impact: {{impact}}' }, { impact: HOSTILE });
    expect(rendered.text).toBe(`Impact: ${HOSTILE}`);
  });

  it('ships a template per audience in both languages, using only known variables', () => {
    for (const audience of AUDIENCES)
      for (const locale of ['en', 'fr'] as const)
        expect(BUILT_IN_TEMPLATES.some((template) => template.id === builtInTemplateId(audience, locale))).toBe(true);
    for (const template of BUILT_IN_TEMPLATES)
      for (const slot of slotsOf(`${template.subject ?? ''} ${template.body}`))
        expect(VARIABLES as readonly string[]).toContain(slot);
  });

  it('lets a workspace document replace a built-in template, and ignores a body it cannot read', () => {
    const template = { ...BUILT_IN_TEMPLATES[0]!, body: 'Ours: {{service}}' };
    const r = recorder();
    const [put, bad] = r.write(
      T0,
      { type: 'doc.put', actor: 'A', payload: { collection: TEMPLATE_COLLECTION, docId: template.id, body: template } },
      { type: 'doc.put', actor: 'A', payload: { collection: TEMPLATE_COLLECTION, docId: 'x', body: { id: 'x' } } },
    );
    let docs = applyCommsDoc(NO_COMMS_DOCS, put as Extract<WarEvent, { type: 'doc.put' }>, T0);
    docs = applyCommsDoc(docs, bad as Extract<WarEvent, { type: 'doc.put' }>, T0);
    const catalog = templateCatalog(docs);
    expect(catalog[0]).toMatchObject({ overrides: true, template: { body: 'Ours: {{service}}' } });
    expect(catalog).toHaveLength(BUILT_IN_TEMPLATES.length);
  });
});

describe('escaping per output', () => {
  const message = { messageId: 'm1', subject: HOSTILE, text: HOSTILE };

  it('HTML: no tag and no attribute survives', () => {
    expect(escapeHtml(HOSTILE)).not.toMatch(/[<>"]/);
    const html = emailHtml(message);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('Slack mrkdwn: no link, mention or broadcast', () => {
    expect(escapeSlack(HOSTILE)).not.toMatch(/[<>]/);
    const body = JSON.parse(webhookBody('slack', message)) as { text: string };
    expect(body.text).not.toMatch(/<!channel>|<script/);
  });

  it('Markdown (Mattermost, Teams): no link, no HTML, no code fence', () => {
    const escaped = escapeMarkdown(HOSTILE);
    expect(escaped).not.toMatch(/</);
    expect(escaped).toContain('\\[a\\]\\(javascript:alert\\(1\\)\\)');
    expect(escaped).toContain('\\`\\`\\`');
    for (const kind of ['teams', 'mattermost'] as const) expect(webhookBody(kind, message)).not.toMatch(/[<>]/);
  });

  it('JSON: the exact text, with no byte a page would read as markup', () => {
    const raw = webhookBody('webhook', message);
    expect(raw).not.toMatch(/[<>&]/);
    expect((JSON.parse(raw) as { text: string }).text).toBe(HOSTILE);
  });
});

describe('messages in the record', () => {
  it('records a message in the timeline, then its delivery; a late failure never undoes a send', () => {
    const { r, id } = incidentWith();
    r.write(T0 + MINUTE, { ...said('m1', 'customers', 'slack'), incidentId: id });
    let incident = foldEvents(r.events).incidents.get(id)!;
    expect(incident.messages.get('m1')).toMatchObject({ status: 'queued' });
    r.write(T0 + 2 * MINUTE, {
      type: 'comms.delivery-changed',
      incidentId: id,
      actor: 'Camille',
      payload: { messageId: 'm1', status: 'sent', attempts: 3 },
    });
    r.write(T0 + 3 * MINUTE, {
      type: 'comms.delivery-changed',
      incidentId: id,
      actor: 'Camille',
      payload: { messageId: 'm1', status: 'failed', attempts: 4, reason: 'late' },
    });
    incident = foldEvents(r.events).incidents.get(id)!;
    expect(incident.messages.get('m1')).toMatchObject({ status: 'sent', deliveredAt: T0 + 2 * MINUTE, attempts: 3 });
    const entries = incident.timeline.filter((entry) => entry.kind === 'message');
    expect(entries.map((entry) => entry.kind === 'message' && entry.action)).toEqual(['recorded', 'sent']);
  });
});

describe('cadence per audience', () => {
  it('owes each audience its first message, then counts from the last one that reached it', () => {
    const { r, id } = incidentWith();
    let incident = foldEvents(r.events).incidents.get(id)!;
    const at = (audience: string, now: number) =>
      dueByAudience(incident, now, DEFAULT_AUDIENCE_POLICY).find((due) => due.audience === audience)?.next;
    expect(at('status-page', T0 + MINUTE)).toMatchObject({ dueAt: T0 + 5 * MINUTE, isFirst: true, isOverdue: false });
    expect(at('executives', T0 + 11 * MINUTE)).toMatchObject({ dueAt: T0 + 10 * MINUTE, isOverdue: true });
    // Not a security incident: no regulator notification is owed.
    expect(at('regulator', T0)).toBeUndefined();
    r.write(T0 + 4 * MINUTE, { ...said('m1', 'status-page'), incidentId: id });
    // Queued, not yet delivered: it does not count.
    r.write(T0 + 4 * MINUTE, { ...said('m2', 'internal', 'slack'), incidentId: id });
    incident = foldEvents(r.events).incidents.get(id)!;
    expect(at('status-page', T0 + 10 * MINUTE)).toMatchObject({ dueAt: T0 + 24 * MINUTE, isFirst: false });
    expect(at('internal', T0 + 10 * MINUTE)).toMatchObject({ dueAt: T0 + 5 * MINUTE, isOverdue: true });
  });

  it('owes the regulator one notification within 72 hours on a security incident, then none', () => {
    const { r, id } = incidentWith('security');
    let incident = foldEvents(r.events).incidents.get(id)!;
    const regulator = () =>
      dueByAudience(incident, T0, DEFAULT_AUDIENCE_POLICY).find((due) => due.audience === 'regulator');
    expect(regulator()?.next).toMatchObject({ dueAt: T0 + 72 * 60 * MINUTE });
    r.write(T0 + MINUTE, { ...said('m1', 'regulator'), incidentId: id });
    incident = foldEvents(r.events).incidents.get(id)!;
    expect(regulator()).toBeUndefined();
  });

  it('reads the workspace policy over the defaults, and expects nothing once resolved', () => {
    const policy = effectivePolicy({
      ...NO_COMMS_DOCS,
      cadence: new Map([['SEV1', { customers: { firstMinutes: 2, everyMinutes: 10 }, social: null }]]),
    });
    expect(policy.SEV1.customers).toEqual({ firstMs: 2 * MINUTE, everyMs: 10 * MINUTE });
    expect(policy.SEV1.social).toBeNull();
    expect(policy.SEV1.internal).toEqual(DEFAULT_AUDIENCE_POLICY.SEV1.internal);
    const { r, id } = incidentWith();
    r.write(T0 + MINUTE, {
      type: 'incident.status-changed',
      incidentId: id,
      actor: 'A',
      payload: { status: 'resolved' },
    });
    expect(dueByAudience(foldEvents(r.events).incidents.get(id)!, T0, policy)).toEqual([]);
  });
});

describe('the status page', () => {
  it('lists only what was told to the status page audience, escaped, with no script', () => {
    const { r, id } = incidentWith();
    r.write(T0 + MINUTE, {
      type: 'comms.message-recorded',
      incidentId: id,
      actor: 'Camille',
      payload: {
        messageId: 'p1',
        audience: 'status-page',
        channel: 'clipboard',
        subject: HOSTILE,
        text: `Public ${HOSTILE}`,
      },
    });
    r.write(T0 + MINUTE, {
      ...said('i1', 'internal'),
      incidentId: id,
      payload: { ...said('i1', 'internal').payload, text: 'internal secret' },
    });
    const html = statusPageHtml(foldEvents(r.events), { locale: 'fr', now: T0 + 2 * MINUTE, timeZone: 'Europe/Paris' });
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(html).toContain('Public &lt;script&gt;');
    expect(html).not.toContain('internal secret');
    expect(html).toContain('En cours');
    expect(html).toContain("default-src 'none'");
  });

  it('says so when nothing was announced', () => {
    expect(statusPageHtml(foldEvents([]), { locale: 'en', now: T0 })).toContain('No incident has been announced.');
  });
});

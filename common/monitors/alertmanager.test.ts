import { describe, expect, it } from 'vitest';
import { alertmanagerWebhookSchema, applyAlertmanagerWebhook, pruneResolved } from './alertmanager';
import { describe as say } from './reasons';

// As Alertmanager sends it (webhook_config, version 4).
const firing = {
  receiver: 'war-room',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighErrorRate', instance: 'shop-1:9100', job: 'shop', severity: 'critical' },
      annotations: { summary: '5xx above 5% for 10 minutes' },
      startsAt: '2025-06-04T09:58:00.123Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph?g0.expr=rate',
      fingerprint: 'c4f1a0b2d3e4f5a6',
    },
  ],
  groupLabels: { alertname: 'HighErrorRate' },
  commonLabels: { alertname: 'HighErrorRate', job: 'shop', severity: 'critical' },
  commonAnnotations: { summary: '5xx above 5% for 10 minutes' },
  externalURL: 'http://alertmanager:9093',
  version: '4',
  groupKey: '{}:{alertname="HighErrorRate"}',
  truncatedAlerts: 0,
};

describe('Alertmanager webhooks', () => {
  it('shows a firing alert as a down entry with its summary', () => {
    const webhook = alertmanagerWebhookSchema.parse(firing);
    const { alerts, changes } = applyAlertmanagerWebhook(new Map(), webhook, 1);
    const alert = alerts.get('alertmanager/c4f1a0b2d3e4f5a6')!;
    expect(alert).toMatchObject({
      name: 'HighErrorRate · shop-1:9100',
      status: 'down',
      since: Date.parse('2025-06-04T09:58:00.123Z'),
      severity: 'critical',
    });
    expect(say(alert.reason)).toBe('firing: 5xx above 5% for 10 minutes');
    expect(changes).toEqual([expect.objectContaining({ from: null, to: 'down' })]);
  });

  it('reports a resend as no change, and the resolve as up from its end time', () => {
    const webhook = alertmanagerWebhookSchema.parse(firing);
    const first = applyAlertmanagerWebhook(new Map(), webhook, 1);
    expect(applyAlertmanagerWebhook(first.alerts, webhook, 2).changes).toEqual([]);
    const resolved = alertmanagerWebhookSchema.parse({
      ...firing,
      status: 'resolved',
      alerts: [{ ...firing.alerts[0], status: 'resolved', endsAt: '2025-06-04T10:20:00Z' }],
    });
    const after = applyAlertmanagerWebhook(first.alerts, resolved, 3);
    expect(after.changes).toEqual([expect.objectContaining({ from: 'down', to: 'up' })]);
    expect(after.alerts.get('alertmanager/c4f1a0b2d3e4f5a6')!.since).toBe(Date.parse('2025-06-04T10:20:00Z'));
    expect(pruneResolved(after.alerts, Date.parse('2025-06-05T00:00:00Z')).size).toBe(0);
  });

  it('refuses what is not a version 4 webhook', () => {
    expect(alertmanagerWebhookSchema.safeParse({ ...firing, version: '3' }).success).toBe(false);
    expect(alertmanagerWebhookSchema.safeParse({ ...firing, alerts: [{ status: 'firing' }] }).success).toBe(false);
  });
});

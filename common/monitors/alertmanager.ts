// Alerts that Prometheus Alertmanager pushes to the host, in its webhook
// format (version 4), shown beside the host's own monitors: a firing alert is
// a down entry, a resolved one is up. Unknown fields are tolerated, since
// Alertmanager adds fields over time.
import { z } from 'zod';
import { reason, type Reason } from './reasons';

const labelsSchema = z.record(z.string(), z.string());
/** RFC 3339; firing alerts carry the zero time `0001-01-01T00:00:00Z` as their end. */
const timeSchema = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an RFC 3339 time');

export const alertmanagerAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelsSchema,
  annotations: labelsSchema.default({}),
  startsAt: timeSchema,
  endsAt: timeSchema.optional(),
  generatorURL: z.string().default(''),
  fingerprint: z.string().optional(),
});

export const alertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.int().min(0).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labelsSchema,
  commonLabels: labelsSchema,
  commonAnnotations: labelsSchema.default({}),
  externalURL: z.string(),
  alerts: z.array(alertmanagerAlertSchema).max(10_000),
});
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlertSchema>;

/** An incoming alert, shaped like a monitor's view. */
export interface IncomingAlert {
  /** `alertmanager/<fingerprint>`: stable across resends, so a resolve finds its firing. */
  readonly id: string;
  readonly name: string;
  readonly status: 'down' | 'up';
  /** When it started firing, or when it resolved. */
  readonly since: number;
  readonly reason: Reason<'reason'>;
  readonly severity: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly generatorURL: string;
  readonly receiver: string;
  readonly externalURL: string;
  readonly receivedAt: number;
}

export interface IncomingAlertChange {
  readonly alertId: string;
  readonly from: IncomingAlert['status'] | null;
  readonly to: IncomingAlert['status'];
  readonly alert: IncomingAlert;
}

/** Alertmanager's fingerprint, or the sorted labels when a sender omits it (they identify an alert). */
function alertKey(alert: AlertmanagerAlert): string {
  if (alert.fingerprint) return alert.fingerprint;
  return Object.entries(alert.labels)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(',');
}

export function toIncomingAlert(
  webhook: AlertmanagerWebhook,
  alert: AlertmanagerAlert,
  receivedAt: number,
): IncomingAlert {
  const alertname = alert.labels.alertname ?? webhook.groupLabels.alertname ?? 'alert';
  const where = alert.labels.instance ?? alert.labels.job;
  const summary =
    alert.annotations.summary ?? alert.annotations.description ?? webhook.commonAnnotations.summary ?? alertname;
  const isFiring = alert.status === 'firing';
  const started = Date.parse(alert.startsAt);
  const ended = alert.endsAt === undefined ? Number.NaN : Date.parse(alert.endsAt);
  return {
    id: `alertmanager/${alertKey(alert)}`,
    name: where === undefined ? alertname : `${alertname} · ${where}`,
    status: isFiring ? 'down' : 'up',
    since: isFiring || Number.isNaN(ended) ? started : ended,
    reason: reason(isFiring ? 'alertFiring' : 'alertResolved', { summary }),
    severity: alert.labels.severity ?? null,
    labels: alert.labels,
    annotations: alert.annotations,
    generatorURL: alert.generatorURL,
    receiver: webhook.receiver,
    externalURL: webhook.externalURL,
    receivedAt,
  };
}

/**
 * Folds one webhook into the alerts known so far. Alertmanager resends firing
 * alerts on every group interval; only a change of status is reported.
 */
export function applyAlertmanagerWebhook(
  known: ReadonlyMap<string, IncomingAlert>,
  webhook: AlertmanagerWebhook,
  receivedAt: number,
): { alerts: Map<string, IncomingAlert>; changes: IncomingAlertChange[] } {
  const alerts = new Map(known);
  const changes: IncomingAlertChange[] = [];
  for (const raw of webhook.alerts) {
    const alert = toIncomingAlert(webhook, raw, receivedAt);
    const before = alerts.get(alert.id);
    alerts.set(alert.id, alert);
    if (before?.status !== alert.status) {
      changes.push({ alertId: alert.id, from: before?.status ?? null, to: alert.status, alert });
    }
  }
  return { alerts, changes };
}

/** Forgets alerts resolved before `cutoff`, so the board does not grow forever. */
export function pruneResolved(known: ReadonlyMap<string, IncomingAlert>, cutoff: number): Map<string, IncomingAlert> {
  return new Map([...known].filter(([, alert]) => alert.status === 'down' || alert.since >= cutoff));
}

// The monitoring part of the bridge contract: the board a window shows, one
// monitor's recent checks, secret names (never values), and notifications.
import { z } from 'zod';
import { MONITOR_EVENT_STATUSES } from '../events/event';
import { PROBE_TYPES } from '../monitors/monitor-schema';

const reasonSchema = z.strictObject({
  key: z.string().max(200),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});

/** Checks kept for a board row's sparkline. */
export const SPARKLINE_CHECKS = 40;

export const monitorRowSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(PROBE_TYPES),
  status: z.enum(MONITOR_EVENT_STATUSES),
  /** When the monitor entered its current status. */
  since: z.number(),
  reason: reasonSchema,
  causedBy: z.string().optional(),
  parent: z.string().optional(),
  services: z.array(z.string()),
  warnings: z.array(reasonSchema),
  lastCheckAt: z.number().nullable(),
  /** The first failing check of the current run of failures: when the trouble was detected. */
  failingSince: z.number().nullable(),
  uptimeDay: z.number().nullable(),
  usualLatencyMs: z.number().nullable(),
  /** The latest checks, oldest first; null for a check that failed before any answer. */
  latencies: z.array(z.number().nullable()).max(SPARKLINE_CHECKS),
  isDriven: z.boolean(),
});
export type MonitorRow = z.infer<typeof monitorRowSchema>;

export const alertRowSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  status: z.enum(['down', 'up']),
  since: z.number(),
  reason: reasonSchema,
  severity: z.string().nullable(),
  receiver: z.string(),
  generatorURL: z.string(),
  receivedAt: z.number(),
});
export type AlertRow = z.infer<typeof alertRowSchema>;

export const monitorBoardSchema = z.strictObject({
  /** False until the host has read its record and started its monitors. */
  isRunning: z.boolean(),
  monitors: z.array(monitorRowSchema),
  alerts: z.array(alertRowSchema),
  /** Whether `POST /alertmanager` is open (its token is in the secret store). */
  isAlertmanagerEnabled: z.boolean(),
});
export type MonitorBoardSnapshot = z.infer<typeof monitorBoardSchema>;

export const monitorIdRequestSchema = z.strictObject({ monitorId: z.string().min(1).max(200) });

export const monitorHistorySchema = z.strictObject({
  samples: z.array(
    z.strictObject({ at: z.number(), outcome: z.enum(['success', 'failure']), latencyMs: z.number().nullable() }),
  ),
});

export const SECRET_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const secretNamesSchema = z.strictObject({ names: z.array(z.string()) });
export const secretSetSchema = z.strictObject({
  name: z.string().regex(SECRET_NAME_PATTERN),
  /** null deletes it. */
  value: z.string().min(1).max(8_000).nullable(),
});

export const notificationSchema = z.strictObject({
  title: z.string().max(300),
  body: z.string().max(2_000),
  /** Down and up notices of one monitor share a tag, so the newer replaces the older. */
  tag: z.string().max(300).optional(),
});
export type Notification = z.infer<typeof notificationSchema>;

// What a monitor is: its probe (one variant per probe type), its cadence and
// thresholds, its parent and maintenance windows. Secrets are never written in
// a definition: a header value or a URL part may be `{secret: name}`, resolved
// on the host from its secret store at check time.
import { z } from 'zod';
import { NAME_MAX } from '../events/event';

/** Custom issues carry the catalogue name of the problem (see monitor-yaml.ts). */
type RefineContext = z.core.$RefinementCtx;
function problem(context: RefineContext, name: string, params: Record<string, string> = {}, path: PropertyKey[] = []) {
  context.addIssue({ code: 'custom', message: name, params: { problem: name, ...params }, path });
}

export const MONITOR_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const monitorIdSchema = z
  .string()
  .regex(MONITOR_ID_PATTERN, 'lower-case letters, digits, dots, dashes and underscores, up to 64');

export const secretRefSchema = z.strictObject({ secret: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/) });
export type SecretRef = z.infer<typeof secretRefSchema>;

/** Text that may hold secrets: literal, one secret, or parts joined (`["https://x/?token=", {secret: t}]`). */
export const secretTextSchema = z.union([
  z.string().max(8_000),
  secretRefSchema,
  z
    .array(z.union([z.string().max(8_000), secretRefSchema]))
    .min(1)
    .max(20),
]);
export type SecretText = z.infer<typeof secretTextSchema>;

export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'secret' in value;
}

export function secretTextParts(text: SecretText): readonly (string | SecretRef)[] {
  return Array.isArray(text) ? text : [text];
}

/** Header names whose literal values are credentials by definition. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'private-token']);
/** Query parameters that carry credentials in the APIs people monitor. */
const CREDENTIAL_QUERY = /[?&](?:token|access_token|api_key|apikey|password|secret)=[^&#]/i;

function checkUrl(url: SecretText, context: RefineContext, field: string) {
  const parts = secretTextParts(url);
  const first = parts[0];
  if (typeof first !== 'string' || !/^https?:\/\/[^\s/?#]+/i.test(first)) {
    problem(context, 'invalidUrl', { field }, [field]);
    return;
  }
  for (const part of parts) {
    // user:password@ in the authority, or a token in the query, written in clear.
    if (typeof part === 'string' && (/^https?:\/\/[^/?#@]*:[^/?#@]*@/i.test(part) || CREDENTIAL_QUERY.test(part))) {
      problem(context, 'literalSecret', { field }, [field]);
      return;
    }
  }
}

function checkHeaders(headers: Readonly<Record<string, SecretText>> | undefined, context: RefineContext) {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (CREDENTIAL_HEADERS.has(name.toLowerCase()) && secretTextParts(value).every((part) => !isSecretRef(part))) {
      problem(context, 'literalSecret', { field: `headers.${name}` }, ['headers', name]);
    }
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeZoneSchema = z
  .string()
  .default('UTC')
  .superRefine((zone, context) => {
    if (!isTimeZone(zone)) problem(context, 'invalidTimeZone', { zone });
  });
// The messages of these two regexes name catalogue problems (see monitor-yaml.ts).
const timeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'invalidTime');
const localDateTime = z
  .string()
  .regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d$/, 'invalidDateTime');
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A window in which a monitor's failures are expected: wall-clock times in a
 * time zone, so "Sundays 02:00–04:00 Paris" stays right across DST changes.
 * A daily or weekly window whose `to` is earlier than `from` crosses midnight.
 */
export const maintenanceWindowSchema = z.discriminatedUnion('repeat', [
  z.strictObject({ repeat: z.literal('once'), start: localDateTime, end: localDateTime, timeZone: timeZoneSchema }),
  z.strictObject({ repeat: z.literal('daily'), from: timeOfDay, to: timeOfDay, timeZone: timeZoneSchema }),
  z.strictObject({
    repeat: z.literal('weekly'),
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    from: timeOfDay,
    to: timeOfDay,
    timeZone: timeZoneSchema,
  }),
]);
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

const common = {
  id: monitorIdSchema,
  name: z.string().trim().min(1).max(NAME_MAX),
  /** Seconds between checks; one second is the floor (Uptime Kuma's, since v2.1). */
  interval: z.number().min(1).max(86_400).default(60),
  /** Seconds one check may take, all phases included. */
  timeout: z.number().min(0.1).max(300).default(10),
  /** Consecutive failures before down, consecutive successes before up again (Gatus: 3 and 2). */
  failureThreshold: z.int().min(1).max(100).default(3),
  successThreshold: z.int().min(1).max(100).default(2),
  parent: monitorIdSchema.optional(),
  maintenance: z.array(maintenanceWindowSchema).max(50).optional(),
  enabled: z.boolean().default(true),
  tags: z.array(z.string().trim().min(1).max(NAME_MAX)).max(20).optional(),
};

const headersSchema = z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/), secretTextSchema);
const matchMode = z.enum(['present', 'absent']).default('present');
/** `2xx` or an exact code. */
const statusSchema = z.union([z.int().min(100).max(599), z.string().regex(/^[1-5]xx$/)]);
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const httpSchema = z
  .strictObject({
    ...common,
    type: z.literal('http'),
    url: secretTextSchema,
    method: z.enum(HTTP_METHODS).default('GET'),
    headers: headersSchema.optional(),
    body: secretTextSchema.optional(),
    expectedStatus: z.array(statusSchema).min(1).max(50).default(['2xx']),
    keyword: z.strictObject({ text: z.string().min(1).max(1_000), mode: matchMode }).optional(),
    regex: z
      .strictObject({
        pattern: z.string().min(1).max(1_000),
        flags: z
          .string()
          .regex(/^[imsu]*$/)
          .default(''),
        mode: matchMode,
      })
      .superRefine((regex, context) => {
        try {
          new RegExp(regex.pattern, regex.flags);
        } catch (error) {
          problem(context, 'invalidRegex', { detail: error instanceof Error ? error.message : String(error) }, [
            'pattern',
          ]);
        }
      })
      .optional(),
    /** A value in a JSON response: `$.status`, `$.checks[0].ok`; without `equals`, it must only exist. */
    json: z
      .strictObject({
        path: z
          .string()
          .regex(/^\$(?:\.[A-Za-z_$][\w$-]*|\[\d+\]|\["[^"]*"\])*$/, 'a path such as $.status or $.items[0].state'),
        equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
      })
      .optional(),
    maxLatencyMs: z.int().min(1).max(300_000).optional(),
    followRedirects: z.boolean().default(true),
    maxRedirects: z.int().min(1).max(20).default(5),
    /** Warn this many days before the TLS certificate expires. */
    certificateExpiryDays: z.int().min(0).max(365).default(14),
    verifyTls: z.boolean().default(true),
    maxBodyKiB: z.int().min(1).max(65_536).default(1_024),
  })
  .superRefine((monitor, context) => {
    checkUrl(monitor.url, context, 'url');
    checkHeaders(monitor.headers, context);
  });

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]_-]+$/, 'a host name or an IP address');

const tcpSchema = z.strictObject({
  ...common,
  type: z.literal('tcp'),
  host: hostSchema,
  port: z.int().min(1).max(65_535),
});

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV', 'CAA', 'PTR', 'SOA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

const dnsSchema = z.strictObject({
  ...common,
  type: z.literal('dns'),
  /** The name asked about (the monitor's own `name` is its label). */
  domain: hostSchema,
  recordType: z.enum(DNS_RECORD_TYPES).default('A'),
  /** Servers to ask, `1.1.1.1` or `[::1]:5353`; the system's when absent. */
  servers: z
    .array(z.string().regex(/^(?:[\d.]+|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$|^[0-9a-fA-F:]+$/, 'an IP address'))
    .min(1)
    .max(5)
    .optional(),
  expected: z.array(z.string().trim().min(1).max(1_000)).min(1).max(50).optional(),
  /** `includes`: every expected value is among the answers; `exact`: the answers are exactly those. */
  match: z.enum(['includes', 'exact']).default('includes'),
});

const pingSchema = z.strictObject({
  ...common,
  type: z.literal('ping'),
  host: hostSchema,
  count: z.int().min(1).max(10).default(1),
  maxLatencyMs: z.int().min(1).max(60_000).optional(),
});

export const COMPARISONS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type Comparison = (typeof COMPARISONS)[number];

const prometheusSchema = z
  .strictObject({
    ...common,
    type: z.literal('prometheus'),
    /** The server's base address; the probe asks `/api/v1/query`. */
    url: secretTextSchema,
    headers: headersSchema.optional(),
    query: z.string().trim().min(1).max(10_000),
    /** Healthy while every series returned satisfies `value <op> threshold`. */
    condition: z.strictObject({ op: z.enum(COMPARISONS), threshold: z.number() }),
  })
  .superRefine((monitor, context) => {
    checkUrl(monitor.url, context, 'url');
    checkHeaders(monitor.headers, context);
  });

const heartbeatSchema = z.strictObject({
  ...common,
  type: z.literal('heartbeat'),
  /** Seconds between the beats the job promises. */
  every: z
    .number()
    .min(1)
    .max(90 * 86_400),
  /** Seconds of lateness tolerated before a missing beat counts as a failure. */
  grace: z
    .number()
    .min(0)
    .max(7 * 86_400)
    .default(0),
  /** When set, a beat must carry this secret (`?token=`), so a stray request cannot fake one. */
  token: secretRefSchema.optional(),
});

export const monitorSchema = z.discriminatedUnion('type', [
  httpSchema,
  tcpSchema,
  dnsSchema,
  pingSchema,
  prometheusSchema,
  heartbeatSchema,
]);
export type MonitorDefinition = z.infer<typeof monitorSchema>;
export type MonitorInput = z.input<typeof monitorSchema>;
export type ProbeType = MonitorDefinition['type'];
export type MonitorOf<T extends ProbeType> = Extract<MonitorDefinition, { type: T }>;
export const PROBE_TYPES = ['http', 'tcp', 'dns', 'ping', 'prometheus', 'heartbeat'] as const satisfies ProbeType[];

/** A monitors file: ids unique, parents present, no parent cycle. */
export const monitorsFileSchema = z
  .strictObject({ monitors: z.array(monitorSchema).max(10_000) })
  .superRefine(({ monitors }, context) => {
    const indexOf = new Map<string, number>();
    monitors.forEach((monitor, index) => {
      if (indexOf.has(monitor.id)) problem(context, 'duplicateId', { id: monitor.id }, ['monitors', index, 'id']);
      else indexOf.set(monitor.id, index);
    });
    const parentOf = new Map(monitors.map((monitor) => [monitor.id, monitor.parent]));
    monitors.forEach((monitor, index) => {
      if (monitor.parent === undefined) return;
      if (!indexOf.has(monitor.parent)) {
        problem(context, 'unknownParent', { parent: monitor.parent }, ['monitors', index, 'parent']);
        return;
      }
      const seen = new Set([monitor.id]);
      for (let up = parentOf.get(monitor.id); up !== undefined; up = parentOf.get(up)) {
        if (seen.has(up)) {
          problem(context, 'parentCycle', { id: monitor.id }, ['monitors', index, 'parent']);
          return;
        }
        seen.add(up);
      }
    });
  });

// What the seeded year says: the shop's services and regions, the people of
// the directory, incident titles, the notes people type during an incident,
// the messages they send and the monitor definitions of the board. Texts are
// assembled from phrases with numbers drawn from the seed, so a long timeline
// reads like a long night rather than one line repeated.
import type { BuiltInIncidentKind, IncidentKind, NoteKind, Severity } from '../../common/events/event';
import type { Audience } from '../../common/comms/audiences';
import {
  monitorSchema,
  type MaintenanceWindow,
  type MonitorDefinition,
  type MonitorInput,
} from '../../common/monitors/monitor-schema';
import type { Rng } from './rng';

/** The shop's services: those of the built-in business processes first, then the rest of the estate. */
export const SERVICES = [
  'web-shop',
  'website',
  'storefront',
  'cdn',
  'checkout',
  'payment',
  'psp',
  'orders',
  'back-office',
  'database',
  'shipping',
  'warehouse',
  'carrier',
  'customer-service',
  'helpdesk',
  'phone',
  'search',
  'identity',
  'pos',
  'inventory',
  'pricing',
  'recommendations',
  'email',
  'mobile-app',
  'api-gateway',
  'kafka',
  'loyalty',
  'erp',
  'stores',
  'dns',
] as const;

export const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'store-network'] as const;

/** Which built-in business process each service belongs to (common/continuity/process-library.ts). */
export const PROCESS_OF_SERVICE: Readonly<Record<string, string>> = {
  'web-shop': 'online-sales',
  website: 'online-sales',
  storefront: 'online-sales',
  cdn: 'online-sales',
  orders: 'order-management',
  'back-office': 'order-management',
  database: 'order-management',
  payment: 'payment',
  checkout: 'payment',
  psp: 'payment',
  shipping: 'shipping',
  warehouse: 'shipping',
  carrier: 'shipping',
  'customer-service': 'customer-service',
  helpdesk: 'customer-service',
  phone: 'customer-service',
};

/** Other people of the directory, beside the team with laptops: on call now and then, named in roles. */
export const DIRECTORY = [
  ['Hugo Lefèvre', 'Database'],
  ['Aïcha Benali', 'Payments'],
  ['Tomás Silva', 'Platform'],
  ['Ingrid Johansson', 'Security'],
  ['Kenji Watanabe', 'Network'],
  ['Fatou Diop', 'Customer service'],
  ['Marek Novák', 'Platform'],
  ['Sofia Rossi', 'Communications'],
  ['Olumide Adeyemi', 'SRE'],
  ['Chloé Girard', 'Legal'],
  ['Nadia Petrova', 'Store operations'],
  ['Liam O’Connor', 'Logistics'],
  ['Mei Chen', 'Data'],
  ['Rafael Costa', 'Executive'],
  ['Zoé Fontaine', 'Executive'],
  ['Arjun Mehta', 'Security'],
  ['Greta Müller', 'Finance'],
  ['Youssef Amrani', 'SRE'],
  ['Hannah Schmidt', 'Customer service'],
  ['Pierre Dubois', 'Store operations'],
  ['Ana Lima', 'Payments'],
  ['Oskar Nilsson', 'Network'],
  ['Léa Moreau', 'Communications'],
  ['Victor Petit', 'Platform'],
  ['Emma Wilson', 'Data'],
  ['Karim Haddou', 'Database'],
  ['Julia Nowak', 'Legal'],
  ['Théo Bernard', 'SRE'],
] as const;

const TITLES: Readonly<Record<BuiltInIncidentKind, readonly string[]>> = {
  'technical-failure': [
    '{service} returns 5xx errors in {region}',
    '{service} down after the {version} release',
    'Disk full on the {service} primary',
    '{service} pods crash-looping in {region}',
    'Certificate expired on {service}',
    'Replication lag on the {service} database',
    '{service} queue consumers stuck',
    'Store tills cannot reach {service}',
    'DNS resolution failures for {service}',
    'Payment provider declines cards through {service}',
  ],
  performance: [
    '{service} slow in {region}: p95 above {ms} ms',
    'Timeouts between {service} and the database',
    '{service} saturated during the promotion',
    'Search and {service} degraded under load',
    'CDN cache misses slow the {service} pages',
  ],
  security: [
    'Credential stuffing against {service}',
    'Suspicious admin logins on {service}',
    'Scraping bots hammer {service}',
    'Leaked API key for {service} found in a public repository',
    'DDoS on {service} from {n} sources',
  ],
  'human-error': [
    'Wrong price list pushed to {service}',
    'Feature flag turned off {service} for every store',
    'Migration dropped an index on {service}',
    'Maintenance started on {service} during opening hours',
    'Firewall rule blocked {service} in {region}',
  ],
};

const NOTES: Readonly<Record<NoteKind, readonly string[]>> = {
  note: [
    'p95 latency on {service} is {ms} ms',
    'error rate on {service} at {pct}%',
    '{person} is looking at the {service} dashboards',
    'customer reports from store #{n} about {service}',
    'vendor confirms degradation on their side, ticket {ticket}',
    'dashboards for {service} look stable for {n} minutes',
    'queue depth on {service} is {n} messages and falling',
    '{n} orders stuck in "payment pending"',
    'status page shows the incident; {n} subscribers notified',
    'no errors in {region} since {time}',
    'connection pool on {service} at {pct}% of its maximum',
    '{person} joined the bridge',
    'support has {n} tickets tagged with this incident',
    'graph of {service} 5xx attached in the channel',
    'traffic is {pct}% above a normal {day}',
  ],
  decision: [
    'we roll back {service} to {version}',
    'we fail over {service} to {region}',
    'we keep the checkout open and disable recommendations',
    'no rollback: the change is not the cause',
    'we page the {service} on-call engineer',
    'we stop the batch jobs on {service} until the peak is over',
    'we switch card payments to the second provider',
  ],
  action: [
    'restarted {n} pods of {service}',
    'rolled back {service} to {version}',
    'scaled {service} from {n} to {m} replicas',
    'flushed the CDN cache for {service}',
    'raised the connection limit of {service} to {m}',
    'opened ticket {ticket} with the vendor',
    'blocked {n} IP ranges at the edge',
    'disabled the feature flag {flag}',
    'killed the long-running query on {service}',
  ],
  observation: [
    'errors started at {time}, right after the {version} deployment',
    'only {region} is affected',
    'the {service} database CPU is at {pct}%',
    'latency recovers each time the cache is warm',
    'the problem follows the {service} node {host}',
    'nothing in the logs of {service} before {time}',
    'the load balancer marks {n} backends unhealthy',
  ],
};

const CHATOPS = [
  '[#inc] {person}: {note}',
  '[#inc] deploy bot: {service} {version} rolled out to {region}',
  '[#inc] alert: {service} error rate {pct}% ({region})',
  '[#inc] {person}: +1, seeing the same on {service}',
  '[#inc] pager: {person} acknowledged the page for {service}',
];

const MESSAGES: Readonly<Record<Audience, readonly string[]>> = {
  'status-page': [
    'We are investigating problems with {service}. Next update in 30 minutes.',
    'The issue with {service} is identified and a fix is being deployed.',
    'A fix for {service} is in place; we are monitoring the results.',
    '{service} is operating normally again. We apologise for the disruption.',
  ],
  customers: [
    'Some of you cannot complete orders right now. Your baskets are kept; please try again shortly.',
    'Payments are working again. Orders placed during the incident are being confirmed.',
  ],
  internal: [
    '{service} incident: {severity}, commander {person}. Join the bridge for updates.',
    'Update: {service} is {status}. Next update at {time}.',
  ],
  executives: [
    '{severity} on {service} since {time}. Estimated impact so far: {n} orders. Next update in one hour.',
    'Service restored at {time}. Post-incident review scheduled this week.',
  ],
  partners: ['We are experiencing an outage on {service}; API calls may fail until further notice.'],
  regulator: ['Notification of a personal data breach affecting {n} customers of {service}, detected at {time}.'],
  social: ['We know some of you cannot reach the shop. We are on it and will post here when it is back.'],
};

const VERSIONS = ['v4.12.0', 'v4.12.1', 'v4.13.0', 'release 2024.11', 'build 8812', 'v5.0.0-rc2'];
const FLAGS = ['new-checkout-flow', 'reco-v2', 'fast-search', 'one-click-pay', 'store-sync'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface TextContext {
  readonly service: string;
  readonly region: string;
  readonly person: string;
  readonly severity?: Severity;
  readonly status?: string;
  /** The wall time (ms) the text is written at, for `{time}`. */
  readonly at: number;
}

function fill(template: string, rng: Rng, context: TextContext): string {
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    switch (name) {
      case 'service':
        return context.service;
      case 'region':
        return context.region;
      case 'person':
        return context.person;
      case 'severity':
        return context.severity ?? 'SEV3';
      case 'status':
        return context.status ?? 'investigating';
      case 'ms':
        return String(rng.int(300, 9_000));
      case 'pct':
        return String(rng.int(2, 99));
      case 'n':
        return String(rng.int(2, 400));
      case 'm':
        return String(rng.int(20, 1_200));
      case 'ticket':
        return `#${rng.int(10_000, 99_999)}`;
      case 'version':
        return rng.pick(VERSIONS);
      case 'flag':
        return rng.pick(FLAGS);
      case 'host':
        return `${context.service}-${rng.int(1, 40)}`;
      case 'day':
        return rng.pick(DAYS);
      case 'time':
        return `${hhmm(context.at - rng.int(0, 90) * 60_000)} UTC`;
      default:
        return name;
    }
  });
}

export function incidentTitle(rng: Rng, kind: IncidentKind, context: TextContext): string {
  const titles = kind in TITLES ? TITLES[kind as BuiltInIncidentKind] : TITLES['technical-failure'];
  return fill(rng.pick(titles), rng, context);
}

/** One to three lines, mostly one, as people type during an incident. */
export function noteText(rng: Rng, kind: NoteKind, context: TextContext): string {
  const lines = rng.weighted([
    [1, 8],
    [2, 2],
    [3, 1],
  ] as const);
  const first = fill(rng.pick(NOTES[kind]), rng, context);
  const more = Array.from({ length: lines - 1 }, () => fill(rng.pick(NOTES.note), rng, context));
  return [first, ...more].map((line) => `${line.charAt(0).toUpperCase()}${line.slice(1)}.`).join('\n');
}

/** A line relayed from the team's chat by the hub's ChatOps bridge. */
export function chatOpsText(rng: Rng, context: TextContext): string {
  const note = fill(rng.pick(NOTES.note), rng, context);
  return fill(rng.pick(CHATOPS), rng, context).replace('{note}', note);
}

export function messageText(rng: Rng, audience: Audience, context: TextContext): string {
  return fill(rng.pick(MESSAGES[audience]), rng, context);
}

const PROBE_WEIGHTS = [
  ['http', 55],
  ['tcp', 12],
  ['dns', 8],
  ['ping', 8],
  ['prometheus', 10],
  ['heartbeat', 7],
] as const;

/** A host name under `.example`, a top-level domain reserved for examples (RFC 2606): it never resolves. */
const domain = (service: string, region: string) => `${service}.${region}.shop.example`;

export interface MonitorSpec {
  readonly definition: MonitorDefinition;
  readonly service: string;
  readonly region: string;
}

/**
 * The `index`-th monitor of the board: a probe of one service in one region,
 * with the cadence, thresholds and tags people set. Parsed by the app's own
 * schema, so the document body is what an import or the editor would write.
 */
export function monitorSpec(
  rng: Rng,
  index: number,
  options: {
    readonly isEnabled: boolean;
    /** The monitor a new one of this region sits under, if any (its gateway's ping). */
    readonly parentIn: (region: string) => string | undefined;
  },
): MonitorSpec {
  const service = rng.pick(SERVICES);
  const region = rng.pick(REGIONS);
  const type = rng.weighted(PROBE_WEIGHTS);
  const id = `${service}-${type}-${index.toString(36).padStart(4, '0')}`;
  const parent = type === 'ping' ? undefined : options.parentIn(region);
  const maintenance: MaintenanceWindow[] = [
    { repeat: 'weekly', days: ['sun'], from: '02:00', to: '04:00', timeZone: 'Europe/Paris' },
  ];
  const common = {
    id,
    interval: rng.pick([30, 60, 60, 60, 120, 300]),
    timeout: rng.pick([5, 10, 10, 15]),
    failureThreshold: rng.pick([2, 3, 3, 5]),
    successThreshold: rng.pick([1, 2, 2]),
    enabled: options.isEnabled,
    tags: [service, region] as string[],
    ...(parent ? { parent } : {}),
    ...(rng.chance(0.05) ? { maintenance } : {}),
  };
  const input = ((): MonitorInput => {
    switch (type) {
      case 'http':
        return {
          ...common,
          type,
          name: `${service} ${rng.pick(['health', 'home page', 'API', 'login', 'search page'])} (${region})`,
          url: `https://${domain(service, region)}/${rng.pick(['healthz', 'status', 'api/v1/ping', ''])}`,
          expectedStatus: ['2xx'],
          ...(rng.chance(0.3) ? { keyword: { text: 'ok', mode: 'present' } } : {}),
          ...(rng.chance(0.2) ? { maxLatencyMs: rng.pick([800, 1_500, 3_000]) } : {}),
        };
      case 'tcp':
        return {
          ...common,
          type,
          name: `${service} port (${region})`,
          host: domain(service, region),
          port: rng.pick([443, 5432, 6379, 9092, 3306]),
        };
      case 'dns':
        return {
          ...common,
          type,
          name: `${service} DNS (${region})`,
          domain: domain(service, region),
          recordType: 'A',
        };
      case 'ping':
        return { ...common, type, name: `${service} gateway ping (${region})`, host: `gw.${domain(service, region)}` };
      case 'prometheus':
        return {
          ...common,
          type,
          name: `${service} 5xx ratio (${region})`,
          url: `https://prometheus.${region}.shop.example`,
          query: `sum(rate(http_requests_total{service="${service}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="${service}"}[5m]))`,
          condition: { op: '<', threshold: 0.02 },
        };
      case 'heartbeat':
        return {
          ...common,
          type,
          name: `${service} ${rng.pick(['nightly backup', 'export job', 'sync job'])} (${region})`,
          every: rng.pick([3_600, 86_400]),
          grace: rng.pick([300, 1_800]),
        };
    }
  })();
  // The body as the app writes it: parsed, defaults filled in, plain JSON.
  const definition = JSON.parse(JSON.stringify(monitorSchema.parse(input))) as MonitorDefinition;
  return { definition, service, region };
}

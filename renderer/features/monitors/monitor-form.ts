// The monitor editor's form as plain text fields, to and from a definition.
// Checking goes through the same schema as a YAML import, so a field's error
// reads the same in both; options the form does not show (maintenance windows,
// JSON assertions…) are kept from the monitor being edited.
import type { PayloadOf } from '../../../common/events/event';
import { checkMonitor, type MonitorProblem } from '../../../common/monitors/monitor-docs';
import { isSecretRef, type MonitorDefinition, type ProbeType } from '../../../common/monitors/monitor-schema';

export const FORM_FIELDS = [
  'name',
  'id',
  'type',
  'url',
  'urlSecret',
  'method',
  'expectedStatus',
  'keyword',
  'headerName',
  'headerSecret',
  'host',
  'port',
  'domain',
  'recordType',
  'every',
  'grace',
  'tokenSecret',
  'query',
  'op',
  'threshold',
  'interval',
  'timeout',
  'failureThreshold',
  'successThreshold',
  'parent',
  'tags',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type MonitorFormInput = Record<FormField, string> & { type: ProbeType };

/** The fields each probe type shows, besides the common ones. */
export const TYPE_FIELDS: Record<ProbeType, readonly FormField[]> = {
  http: ['url', 'urlSecret', 'method', 'expectedStatus', 'keyword', 'headerName', 'headerSecret'],
  tcp: ['host', 'port'],
  dns: ['domain', 'recordType'],
  ping: ['host'],
  prometheus: ['url', 'urlSecret', 'query', 'op', 'threshold', 'headerName', 'headerSecret'],
  heartbeat: ['every', 'grace', 'tokenSecret'],
};
export const COMMON_FIELDS = [
  'interval',
  'timeout',
  'failureThreshold',
  'successThreshold',
  'parent',
  'tags',
] as const satisfies readonly FormField[];

type Body = PayloadOf<'doc.put'>['body'];
type Json = Body[string];

export const EMPTY_FORM: MonitorFormInput = {
  name: '',
  id: '',
  type: 'http',
  url: '',
  urlSecret: '',
  method: 'GET',
  expectedStatus: '2xx',
  keyword: '',
  headerName: 'Authorization',
  headerSecret: '',
  host: '',
  port: '',
  domain: '',
  recordType: 'A',
  every: '',
  grace: '',
  tokenSecret: '',
  query: '',
  op: '<',
  threshold: '',
  interval: '60',
  timeout: '10',
  failureThreshold: '3',
  successThreshold: '2',
  parent: '',
  tags: '',
};

/** A name as an identifier: `Web shop (EU)` → `web-shop-eu`. */
export function idFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** A number as typed: empty leaves the default, anything else goes to the schema as is, to be judged there. */
function numberOf(text: string): Json | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Sets a field; an empty value leaves it out, so the schema's default or requirement applies. */
function put(body: Record<string, Json>, key: string, value: Json | undefined): void {
  if (value === undefined || value === '') Reflect.deleteProperty(body, key);
  else body[key] = value;
}

/** Fields the form owns; the others of an edited monitor are kept as they were. */
const OWNED = new Set([
  'id',
  'name',
  'type',
  'url',
  'method',
  'expectedStatus',
  'keyword',
  'headers',
  'host',
  'port',
  'domain',
  'recordType',
  'every',
  'grace',
  'token',
  'query',
  'condition',
  'interval',
  'timeout',
  'failureThreshold',
  'successThreshold',
  'parent',
  'tags',
]);

export function toBody(input: MonitorFormInput, existing?: Body): Record<string, Json> {
  const body: Record<string, Json> = {};
  if (existing && existing.type === input.type) {
    for (const [key, value] of Object.entries(existing)) if (!OWNED.has(key)) body[key] = value;
  }
  put(body, 'id', input.id.trim());
  put(body, 'name', input.name.trim());
  body.type = input.type;
  const url = input.url.trim();
  const withSecret: Json = input.urlSecret ? [url, { secret: input.urlSecret }] : url;
  const headers: Record<string, Json> | undefined =
    input.headerSecret && input.headerName.trim()
      ? { [input.headerName.trim()]: { secret: input.headerSecret } }
      : undefined;
  const existingHeaders = existing?.headers;
  const keptHeaders =
    existing?.type === input.type &&
    existingHeaders &&
    typeof existingHeaders === 'object' &&
    !Array.isArray(existingHeaders)
      ? Object.fromEntries(Object.entries(existingHeaders).filter(([, value]) => !isSecretRef(value)))
      : {};
  const allHeaders = { ...keptHeaders, ...headers };
  switch (input.type) {
    case 'http':
      put(body, 'url', withSecret);
      put(body, 'method', input.method);
      put(
        body,
        'expectedStatus',
        list(input.expectedStatus).length === 0
          ? undefined
          : list(input.expectedStatus).map((code) => (/^\d+$/.test(code) ? Number(code) : code)),
      );
      put(body, 'keyword', input.keyword.trim() ? { text: input.keyword.trim(), mode: 'present' } : undefined);
      put(body, 'headers', Object.keys(allHeaders).length > 0 ? allHeaders : undefined);
      break;
    case 'prometheus':
      put(body, 'url', withSecret);
      put(body, 'query', input.query.trim());
      put(body, 'condition', { op: input.op, threshold: numberOf(input.threshold) ?? '' });
      put(body, 'headers', Object.keys(allHeaders).length > 0 ? allHeaders : undefined);
      break;
    case 'tcp':
      put(body, 'host', input.host.trim());
      put(body, 'port', numberOf(input.port));
      break;
    case 'ping':
      put(body, 'host', input.host.trim());
      break;
    case 'dns':
      put(body, 'domain', input.domain.trim());
      put(body, 'recordType', input.recordType);
      break;
    case 'heartbeat':
      put(body, 'every', numberOf(input.every));
      put(body, 'grace', numberOf(input.grace));
      put(body, 'token', input.tokenSecret ? { secret: input.tokenSecret } : undefined);
      break;
  }
  put(body, 'interval', numberOf(input.interval));
  put(body, 'timeout', numberOf(input.timeout));
  put(body, 'failureThreshold', numberOf(input.failureThreshold));
  put(body, 'successThreshold', numberOf(input.successThreshold));
  put(body, 'parent', input.parent || undefined);
  const tags = list(input.tags);
  put(body, 'tags', tags.length > 0 ? tags : undefined);
  return body;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The form for an existing monitor. */
export function fromDefinition(definition: MonitorDefinition): MonitorFormInput {
  const input: MonitorFormInput = {
    ...EMPTY_FORM,
    id: definition.id,
    name: definition.name,
    type: definition.type,
    interval: String(definition.interval),
    timeout: String(definition.timeout),
    failureThreshold: String(definition.failureThreshold),
    successThreshold: String(definition.successThreshold),
    parent: definition.parent ?? '',
    tags: (definition.tags ?? []).join(', '),
  };
  if (definition.type === 'http' || definition.type === 'prometheus') {
    const parts = Array.isArray(definition.url) ? definition.url : [definition.url];
    input.url = parts.filter((part): part is string => typeof part === 'string').join('');
    input.urlSecret = parts.find(isSecretRef)?.secret ?? '';
    const secretHeader = Object.entries(definition.headers ?? {}).find(([, value]) => isSecretRef(value));
    if (secretHeader && isSecretRef(secretHeader[1])) {
      input.headerName = secretHeader[0];
      input.headerSecret = secretHeader[1].secret;
    }
  }
  switch (definition.type) {
    case 'http':
      input.method = definition.method;
      input.expectedStatus = definition.expectedStatus.map(String).join(', ');
      input.keyword = definition.keyword?.text ?? '';
      break;
    case 'prometheus':
      input.query = definition.query;
      input.op = definition.condition.op;
      input.threshold = text(definition.condition.threshold);
      break;
    case 'tcp':
      input.host = definition.host;
      input.port = String(definition.port);
      break;
    case 'ping':
      input.host = definition.host;
      break;
    case 'dns':
      input.domain = definition.domain;
      input.recordType = definition.recordType;
      break;
    case 'heartbeat':
      input.every = String(definition.every);
      input.grace = String(definition.grace);
      input.tokenSecret = definition.token?.secret ?? '';
      break;
  }
  return input;
}

const FIELD_OF_PATH: Readonly<Record<string, FormField>> = {
  headers: 'headerSecret',
  token: 'tokenSecret',
  condition: 'threshold',
  keyword: 'keyword',
};

/** Which form field a problem belongs to; problems of hidden options go to the form as a whole. */
export function formFieldOf(problem: MonitorProblem): FormField | 'form' {
  const head = /^[A-Za-z]+/.exec(problem.field)?.[0] ?? '';
  const mapped = FIELD_OF_PATH[head];
  if (mapped) return mapped;
  return (FORM_FIELDS as readonly string[]).includes(head) ? (head as FormField) : 'form';
}

export type FormCheck =
  | { readonly ok: true; readonly definition: MonitorDefinition }
  | { readonly ok: false; readonly errors: Partial<Record<FormField | 'form', MonitorProblem>> };

/** Checks the whole form at once, so every bad field shows its reason together. */
export function checkForm(input: MonitorFormInput, existing?: Body): FormCheck {
  const checked = checkMonitor(toBody(input, existing));
  if (checked.ok) return checked;
  const errors: Partial<Record<FormField | 'form', MonitorProblem>> = {};
  for (const problem of checked.problems) errors[formFieldOf(problem)] ??= problem;
  return { ok: false, errors };
}

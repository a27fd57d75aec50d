// The processes a workspace knows: the built-in examples, with its own
// documents on top (a document with a built-in id replaces it), and which of
// them an incident touches.
import { normaliseName } from '../domain/documents';
import type { Locale } from '../i18n/locales';
import { localText } from '../runbooks/runbook-schema';
import type { ContinuityDocs } from './continuity-docs';
import { BUILT_IN_PROCESSES } from './process-library';
import { processSchema, type BusinessProcess } from './process-schema';

export interface ProcessEntry {
  readonly process: BusinessProcess;
  readonly source: 'built-in' | 'workspace';
}

/** Parsed once: a built-in that does not parse fails the unit tests, not a user. */
export const BUILT_IN_PROCESS_LIST: readonly BusinessProcess[] = BUILT_IN_PROCESSES.map((input) =>
  processSchema.parse(input),
);

/** Built-in processes in their order (a workspace copy in its place), then the workspace's own by id. */
export function processCatalog(docs: ContinuityDocs): ProcessEntry[] {
  const entries: ProcessEntry[] = BUILT_IN_PROCESS_LIST.map((process) => {
    const own = docs.processes.get(process.id);
    return own ? { process: own.body, source: 'workspace' } : { process, source: 'built-in' };
  });
  const builtIn = new Set(BUILT_IN_PROCESS_LIST.map((process) => process.id));
  const added = [...docs.processes.values()]
    .filter((stored) => !builtIn.has(stored.body.id))
    .sort((a, b) => (a.body.id < b.body.id ? -1 : a.body.id > b.body.id ? 1 : 0));
  for (const stored of added) entries.push({ process: stored.body, source: 'workspace' });
  return entries;
}

export function processName(process: BusinessProcess, locale: Locale): string {
  return localText(process.name, locale);
}

/** Every name a person may have typed for a process: its id and its name in each language. */
function aliases(process: BusinessProcess): string[] {
  const { name } = process;
  const texts = typeof name === 'string' ? [name] : [name.en, name.fr ?? ''];
  return [process.id, ...texts].filter(Boolean).map(normaliseName);
}

/** The catalogue entry an incident's process name refers to, if any. */
export function findProcess(catalog: readonly ProcessEntry[], typed: string): BusinessProcess | undefined {
  const wanted = normaliseName(typed);
  return catalog.find((entry) => aliases(entry.process).includes(wanted))?.process;
}

/** A monitor as the impact needs it: its id, services and whether it fails now. */
export interface MonitorSignal {
  readonly id: string;
  readonly services: readonly string[];
  readonly isFailing: boolean;
}

export interface ImpactedProcess {
  readonly process: BusinessProcess;
  /** Chosen on the incident, or derived from its services or a failing monitor. */
  readonly reason: 'chosen' | 'service' | 'monitor';
}

/**
 * The processes an incident touches: those chosen on it, then those that
 * depend on one of its services, then those that a failing monitor among
 * `monitors` takes down (the caller passes the monitors that concern the
 * incident: the ones linked to it). Each once, in that order, so a chosen
 * process never shows as derived.
 */
export function impactedProcesses(
  catalog: readonly ProcessEntry[],
  incident: { readonly processes: readonly string[]; readonly services: readonly string[] },
  monitors: readonly MonitorSignal[] = [],
): ImpactedProcess[] {
  const found = new Map<string, ImpactedProcess>();
  for (const typed of incident.processes) {
    const process = findProcess(catalog, typed);
    if (process && !found.has(process.id)) found.set(process.id, { process, reason: 'chosen' });
  }
  const services = new Set(incident.services.map(normaliseName));
  for (const { process } of catalog) {
    if (found.has(process.id)) continue;
    if (process.services.some((service) => services.has(normaliseName(service))))
      found.set(process.id, { process, reason: 'service' });
  }
  const failing = monitors.filter((monitor) => monitor.isFailing);
  const failingIds = new Set(failing.map((monitor) => monitor.id));
  const failingServices = new Set(failing.flatMap((monitor) => monitor.services.map(normaliseName)));
  for (const { process } of catalog) {
    if (found.has(process.id)) continue;
    const isDown =
      process.monitors.some((id) => failingIds.has(id)) ||
      process.services.some((service) => failingServices.has(normaliseName(service)));
    if (isDown) found.set(process.id, { process, reason: 'monitor' });
  }
  return [...found.values()];
}

/**
 * The name a threshold crossing shows: a built-in process in the reader's
 * language, any other as it was recorded (the record keeps the writer's words).
 */
export function crossingProcessName(processId: string, recorded: string, locale: Locale): string {
  const builtIn = BUILT_IN_PROCESS_LIST.find((process) => process.id === processId);
  if (!builtIn) return recorded;
  // Only when the recorded name is the example's own: an edited copy may have been renamed.
  const names = [localText(builtIn.name, 'en'), localText(builtIn.name, 'fr')].map(normaliseName);
  return names.includes(normaliseName(recorded)) ? localText(builtIn.name, locale) : recorded;
}

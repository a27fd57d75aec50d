// The runbooks a workspace can start: the built-in library, with the
// workspace's own documents on top (a document with a built-in id replaces
// it), and which ones suit an incident best.
import { normaliseName } from '../domain/documents';
import { BUILT_IN_RUNBOOKS } from './library';
import type { RunbookDocs } from './runbook-docs';
import { runbookSchema, type Runbook } from './runbook-schema';

export interface CatalogEntry {
  readonly runbook: Runbook;
  readonly source: 'built-in' | 'workspace';
  /** 0 for a built-in runbook; the document version otherwise. */
  readonly version: number;
  readonly overridesBuiltIn: boolean;
}

/** Parsed once: a built-in runbook that does not parse fails the unit tests, not a user. */
export const BUILT_INS: readonly Runbook[] = BUILT_IN_RUNBOOKS.map((input) => runbookSchema.parse(input));
const BUILT_IN_IDS = new Set(BUILT_INS.map((runbook) => runbook.id));

export function catalogOf(docs: RunbookDocs): CatalogEntry[] {
  const entries: CatalogEntry[] = BUILT_INS.filter((runbook) => !docs.byId.has(runbook.id)).map((runbook) => ({
    runbook,
    source: 'built-in',
    version: 0,
    overridesBuiltIn: false,
  }));
  for (const doc of docs.byId.values()) {
    entries.push({
      runbook: doc.runbook,
      source: 'workspace',
      version: doc.version,
      overridesBuiltIn: BUILT_IN_IDS.has(doc.runbook.id),
    });
  }
  return entries;
}

export interface IncidentFacts {
  readonly kind: string;
  readonly services: readonly string[];
  readonly title: string;
}

/** How well a runbook suits an incident: impacted services first, then type, then title words. */
export function suitability(runbook: Runbook, incident: IncidentFacts): number {
  const services = new Set(incident.services.map(normaliseName));
  const title = normaliseName(incident.title);
  let score = 0;
  for (const service of runbook.services ?? []) if (services.has(normaliseName(service))) score += 4;
  const types = runbook.types ?? [];
  // A runbook for every type (the review) suits everything a little.
  if (types.includes(incident.kind)) score += types.length <= 2 ? 3 : 1;
  for (const keyword of runbook.keywords ?? []) if (title.includes(normaliseName(keyword))) score += 2;
  return score;
}

/** Runbooks for an incident: suited ones first (best first), then the rest by title. */
export function suggestRunbooks(
  entries: readonly CatalogEntry[],
  incident: IncidentFacts,
  titleOf: (entry: CatalogEntry) => string,
): { suggested: CatalogEntry[]; others: CatalogEntry[] } {
  const scored = entries.map((entry) => ({ entry, score: suitability(entry.runbook, incident) }));
  const byTitle = (a: CatalogEntry, b: CatalogEntry) => titleOf(a).localeCompare(titleOf(b));
  return {
    suggested: scored
      .filter((item) => item.score > 0)
      .sort((a, b) => b.score - a.score || byTitle(a.entry, b.entry))
      .map((item) => item.entry),
    others: scored
      .filter((item) => item.score === 0)
      .map((item) => item.entry)
      .sort(byTitle),
  };
}

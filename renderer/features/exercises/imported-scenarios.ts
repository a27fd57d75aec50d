// Scenarios imported from YAML in this window, kept beside the built-in
// library until the page reloads (the file stays the source; a session keeps
// its own snapshot of the scenario it played).
import { useSyncExternalStore } from 'react';
import type { Scenario } from '../../../common/exercises/scenario-schema';

let imported: readonly Scenario[] = [];
const listeners = new Set<() => void>();

/** Adds a scenario; one with the same id replaces the earlier import. */
export function addImportedScenario(scenario: Scenario): void {
  imported = [...imported.filter((existing) => existing.id !== scenario.id), scenario];
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useImportedScenarios(): readonly Scenario[] {
  return useSyncExternalStore(subscribe, () => imported);
}

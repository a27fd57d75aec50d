// Exercise scenarios as YAML files, so facilitators keep them in git and
// share them. Import is all or nothing, each problem with its line, column,
// field and a reason from the `exercises.yaml.*` catalogue.
import { stringify } from 'yaml';
import { exercisesEn } from '../i18n/catalogue/exercises';
import { importYaml, type YamlProblem } from '../yaml/import';
import { scenarioSchema, type Scenario } from './scenario-schema';

export type ScenarioYamlCode = keyof typeof exercisesEn.yaml;
export type ScenarioYamlProblem = YamlProblem<ScenarioYamlCode>;

export type ScenarioYamlResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly error: ScenarioYamlProblem; readonly errors: readonly ScenarioYamlProblem[] };

/** Reads one scenario from YAML. */
export function parseScenarioYaml(text: string): ScenarioYamlResult {
  const result = importYaml(text, scenarioSchema, { english: exercisesEn.yaml, notMap: 'notScenario' });
  return result.ok ? { ok: true, scenario: result.value } : result;
}

/** The file `parseScenarioYaml` reads back to the same scenario. */
export function exportScenarioYaml(scenario: Scenario): string {
  return stringify(scenario, { lineWidth: 0 });
}

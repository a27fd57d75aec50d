// A risk of the register turned into an exercise scenario: the risk happens,
// the processes it threatens go down, and the team is expected to declare,
// take command, tell people and restore within the tightest RTO. A starting
// point the facilitator edits (as YAML) before the drill, in both languages.
import { processName } from '../continuity/process-catalog';
import type { BusinessProcess } from '../continuity/process-schema';
import type { Risk } from '../continuity/records-schema';
import { TITLE_MAX, type Severity } from '../events/event';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/messages';
import type { LocalText } from '../runbooks/runbook-schema';
import { scenarioSchema, type Scenario, type ScenarioInput } from './scenario-schema';

/** Monitors of the threatened processes turned red by the scenario, at most. */
const MONITOR_INJECTS_MAX = 3;
const REGULATOR_SECONDS = 72 * 3_600;
const TEXT_MAX = 4_000;
const TITLE_TEXT_MAX = 200;
const MONITOR_NAME_MAX = 120;

type Values = Record<string, string | number>;

/** A text written in each language. */
function perLocale(write: (locale: Locale) => string, max = TEXT_MAX): LocalText {
  return { en: write('en').slice(0, max), fr: write('fr').slice(0, max) };
}

/** One catalogue line in both languages; `values` may differ by language. */
function both(key: string, values: Values | ((locale: Locale) => Values) = {}, max = TEXT_MAX): LocalText {
  return perLocale(
    (locale) => translate(locale, `exercises.fromRisk.${key}`, typeof values === 'function' ? values(locale) : values),
    max,
  );
}

function severityOf(impact: number): Severity {
  return impact >= 5 ? 'SEV1' : impact === 4 ? 'SEV2' : impact === 3 ? 'SEV3' : 'SEV4';
}

const KIND_OF_FAMILY: Record<Risk['family'], string> = {
  technological: 'technical-failure',
  operational: 'human-error',
  environmental: 'technical-failure',
  regulatory: 'security',
};

/** Lower-case letters, digits and dashes, as scenario ids are. */
function scenarioId(riskId: string): string {
  const slug = riskId
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 58);
  return `risk-${slug || 'unnamed'}`.replace(/-+$/, '');
}

/**
 * The scenario of a risk. `catalog` is the process catalogue; processes the
 * risk names but the catalogue lacks are left out. Valid by construction: it
 * goes through the scenario schema like any imported file.
 */
export function scenarioFromRisk(riskId: string, risk: Risk, catalog: readonly BusinessProcess[]): Scenario {
  const threatened = risk.processes.flatMap((id) => catalog.filter((process) => process.id === id));
  const tightest = [...threatened].sort((a, b) => a.rtoMinutes - b.rtoMinutes)[0];
  const severity = severityOf(risk.impact);
  const isRegulatory = risk.family === 'regulatory';
  const familyIn = (locale: Locale) => translate(locale, `continuity.risks.family.${risk.family}`);
  const processesIn = (locale: Locale) =>
    threatened.length > 0
      ? threatened.map((process) => processName(process, locale)).join(', ')
      : translate(locale, 'exercises.fromRisk.none');
  const summary = perLocale((locale) =>
    [
      translate(locale, 'exercises.fromRisk.summary', {
        risk: risk.title,
        family: familyIn(locale),
        likelihood: risk.likelihood,
        impact: risk.impact,
        processes: processesIn(locale),
      }),
      ...(risk.mitigations
        ? [translate(locale, 'exercises.fromRisk.summaryMitigations', { mitigations: risk.mitigations })]
        : []),
    ].join('\n'),
  );

  const monitors = [...new Set(threatened.flatMap((process) => process.monitors))]
    .slice(0, MONITOR_INJECTS_MAX)
    .map((monitor) => monitor.slice(0, MONITOR_NAME_MAX));
  const restoreSeconds = (tightest?.rtoMinutes ?? 60) * 60;
  const input: ScenarioInput = {
    id: scenarioId(riskId),
    title: both('title', { risk: risk.title }, TITLE_TEXT_MAX),
    summary,
    objectives: [
      ...(risk.mitigations ? [both('objectiveMitigations')] : []),
      tightest
        ? both('objectiveRestore', (locale) => ({
            process: processName(tightest, locale),
            minutes: tightest.rtoMinutes,
          }))
        : both('objectiveInform'),
      ...(tightest ? [both('objectiveInform')] : []),
      ...(isRegulatory ? [both('objectiveRegulator')] : []),
    ],
    roles: ['commander', 'communications', 'operations', ...(isRegulatory ? ['security'] : [])],
    durationMinutes: Math.min(240, Math.max(30, Math.ceil(restoreSeconds / 60) + 15)),
    incident: {
      title: risk.title.slice(0, TITLE_MAX),
      severity,
      kind: KIND_OF_FAMILY[risk.family],
      services: [...new Set(threatened.flatMap((process) => process.services))],
      processes: threatened.map((process) => process.id),
    },
    injects: [
      { id: 'alert', kind: 'alert', offsetSeconds: 0, text: both('alert', { risk: risk.title }) },
      ...monitors.map((monitor, index) => ({
        id: `monitor-${index + 1}`,
        kind: 'monitor-down' as const,
        offsetSeconds: 60 + index * 30,
        monitor,
        text: both('monitor', { monitor }),
      })),
      {
        id: 'executives',
        kind: 'stakeholder-message',
        offsetSeconds: 600,
        from: both('executivesFrom'),
        channel: 'phone',
        text: both('executives'),
      },
      {
        id: 'complication',
        kind: 'complication',
        offsetSeconds: 1_200,
        text: risk.mitigations ? both('complication', { mitigations: risk.mitigations }) : both('complicationNone'),
      },
      ...(isRegulatory
        ? [{ id: 'regulator', kind: 'question' as const, offsetSeconds: 900, to: 'security', text: both('regulator') }]
        : []),
    ],
    expected: [
      { id: 'declare', kind: 'declare', targetSeconds: 300, label: both('declare') },
      { id: 'commander', kind: 'assign-role', role: 'commander', targetSeconds: 600, label: both('commander') },
      {
        id: 'first-message',
        kind: 'message',
        audience: severity === 'SEV1' || severity === 'SEV2' ? 'customers' : 'internal',
        targetSeconds: severity === 'SEV1' ? 900 : 1_800,
        label: both('firstMessage', (locale) => ({
          audience: translate(
            locale,
            `comms.audience.${severity === 'SEV1' || severity === 'SEV2' ? 'customers' : 'internal'}`,
          ),
        })),
      },
      {
        id: 'restored',
        kind: 'restored',
        targetSeconds: restoreSeconds,
        ...(tightest ? { process: tightest.id } : {}),
        label: tightest
          ? both('restore', (locale) => ({ process: processName(tightest, locale) }))
          : both('restoreNoProcess'),
      },
      ...(isRegulatory
        ? [
            {
              id: 'regulator',
              kind: 'message' as const,
              audience: 'regulator' as const,
              targetSeconds: REGULATOR_SECONDS,
              label: both('notifyRegulator'),
            },
          ]
        : []),
    ],
  };
  return scenarioSchema.parse(input);
}

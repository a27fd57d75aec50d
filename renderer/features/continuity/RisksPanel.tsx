// The risk register: risks in the seed article's four families, placed on a
// likelihood × impact matrix, with owner, mitigations, threatened processes and
// the incident that realised one. A risk turns into an exercise scenario,
// saved as a YAML file to edit and play.
import { useState, type FormEvent } from 'react';
import { processCatalog, processName } from '../../../common/continuity/process-catalog';
import { RISK_COLLECTION, RISK_FAMILIES, riskSchema, type RiskFamily } from '../../../common/continuity/records-schema';
import { listIncidents, type WarRoomState } from '../../../common/domain/incidents';
import { scenarioFromRisk } from '../../../common/exercises/from-risk';
import { exportScenarioYaml } from '../../../common/exercises/scenario-yaml';
import { useLocale, useT } from '../../i18n';
import { deleteDoc, putRisk } from './continuity-actions';
import { downloadYaml } from './download';

const LEVELS = [1, 2, 3, 4, 5] as const;

function levelOf(score: number): 'low' | 'medium' | 'high' {
  return score >= 15 ? 'high' : score >= 6 ? 'medium' : 'low';
}

export function RisksPanel({ state, actor }: { state: WarRoomState; actor: string }) {
  const t = useT();
  const locale = useLocale();
  const processes = processCatalog(state.continuity);
  const incidents = listIncidents(state);
  const risks = [...state.continuity.risks].sort(
    ([, a], [, b]) => b.body.likelihood * b.body.impact - a.body.likelihood * a.body.impact,
  );
  const [title, setTitle] = useState('');
  const [family, setFamily] = useState<RiskFamily>('technological');
  const [likelihood, setLikelihood] = useState(3);
  const [impact, setImpact] = useState(3);
  const [owner, setOwner] = useState('');
  const [mitigations, setMitigations] = useState('');
  const [threatened, setThreatened] = useState<string[]>([]);
  const [incidentId, setIncidentId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = riskSchema.safeParse({
      title: title.trim(),
      family,
      likelihood,
      impact,
      owner: owner.trim() || undefined,
      mitigations: mitigations.trim() || undefined,
      processes: threatened,
      incidentId: incidentId || undefined,
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '');
      return;
    }
    await putRisk(crypto.randomUUID(), parsed.data, actor);
    setTitle('');
    setMitigations('');
    setThreatened([]);
    setError(null);
  };

  const count = (l: number, i: number) =>
    risks.filter(([, { body }]) => body.likelihood === l && body.impact === i).length;

  return (
    <div className="panel" data-testid="risks-panel">
      <h1>{t('continuity.risks.heading')}</h1>
      <p className="muted">{t('continuity.risks.intro')}</p>
      <h2>{t('continuity.risks.matrix')}</h2>
      <div className="risk-matrix" role="table" aria-label={t('continuity.risks.matrix')} data-testid="risk-matrix">
        {[...LEVELS].reverse().map((l) => (
          <div key={l} role="row" className="risk-row">
            <span role="rowheader">{l}</span>
            {LEVELS.map((i) => (
              <span
                key={i}
                role="cell"
                className={`risk-cell level-${levelOf(l * i)}`}
                data-testid={`risk-cell-${l}-${i}`}
                title={t('continuity.risks.score', { score: l * i })}
              >
                {count(l, i) || ''}
              </span>
            ))}
          </div>
        ))}
        <span />
        {LEVELS.map((i) => (
          <span key={i}>{i}</span>
        ))}
      </div>
      <p className="muted">
        ↑ {t('continuity.risks.likelihood')} · → {t('continuity.risks.impactLevel')}
      </p>
      {risks.length === 0 && <p className="empty">{t('continuity.risks.empty')}</p>}
      {risks.length > 0 && (
        <table className="data-table" data-testid="risk-table">
          <thead>
            <tr>
              <th>{t('continuity.risks.title')}</th>
              <th>{t('continuity.risks.familyLabel')}</th>
              <th>{t('continuity.risks.score', { score: '' })}</th>
              <th>{t('continuity.risks.owner')}</th>
              <th>{t('continuity.risks.processes')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {risks.map(([id, { body }]) => (
              <tr key={id} data-testid="risk-row">
                <td>
                  <strong>{body.title}</strong>
                  {body.mitigations && <p className="muted">{body.mitigations}</p>}
                  {body.incidentId && state.incidents.get(body.incidentId) && (
                    <p>
                      <a href={`#/incidents/${encodeURIComponent(body.incidentId)}`}>
                        {state.incidents.get(body.incidentId)?.title}
                      </a>
                    </p>
                  )}
                </td>
                <td>{t(`continuity.risks.family.${body.family}`)}</td>
                <td>
                  {body.likelihood} × {body.impact} = {body.likelihood * body.impact}
                </td>
                <td>{body.owner ?? ''}</td>
                <td>
                  {body.processes
                    .map((processId) => {
                      const found = processes.find((entry) => entry.process.id === processId);
                      return found ? processName(found.process, locale) : processId;
                    })
                    .join(', ')}
                </td>
                <td>
                  <div className="risk-actions">
                    <button
                      type="button"
                      className="link"
                      data-testid="risk-to-scenario"
                      onClick={() => {
                        const scenario = scenarioFromRisk(
                          id,
                          body,
                          processes.map((entry) => entry.process),
                        );
                        const file = `${scenario.id}.yaml`;
                        downloadYaml(file, exportScenarioYaml(scenario));
                        setNotice(t('continuity.risks.scenarioSaved', { file }));
                      }}
                    >
                      {t('continuity.risks.scenario')}
                    </button>
                    <button type="button" className="link" onClick={() => void deleteDoc(RISK_COLLECTION, id, actor)}>
                      {t('continuity.risks.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notice && <p role="status">{notice}</p>}
      <form onSubmit={(event) => void submit(event)} data-testid="risk-form">
        <div className="form-grid">
          <label className="field wide">
            <span>{t('continuity.risks.title')}</span>
            <input value={title} onChange={(event) => setTitle(event.target.value)} required data-testid="risk-title" />
          </label>
          <label className="field">
            <span>{t('continuity.risks.familyLabel')}</span>
            <select
              value={family}
              onChange={(event) => setFamily(event.target.value as RiskFamily)}
              data-testid="risk-family"
            >
              {RISK_FAMILIES.map((name) => (
                <option key={name} value={name}>
                  {t(`continuity.risks.family.${name}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('continuity.risks.likelihood')}</span>
            <input
              type="number"
              min={1}
              max={5}
              value={likelihood}
              onChange={(event) => setLikelihood(Number(event.target.value))}
              data-testid="risk-likelihood"
            />
          </label>
          <label className="field">
            <span>{t('continuity.risks.impactLevel')}</span>
            <input
              type="number"
              min={1}
              max={5}
              value={impact}
              onChange={(event) => setImpact(Number(event.target.value))}
              data-testid="risk-impact"
            />
          </label>
          <label className="field">
            <span>{t('continuity.risks.owner')}</span>
            <input value={owner} onChange={(event) => setOwner(event.target.value)} data-testid="risk-owner" />
          </label>
          <label className="field">
            <span>{t('continuity.risks.incident')}</span>
            <select value={incidentId} onChange={(event) => setIncidentId(event.target.value)}>
              <option value="">{t('continuity.risks.noIncident')}</option>
              {incidents.map((incident) => (
                <option key={incident.id} value={incident.id}>
                  {incident.title}
                </option>
              ))}
            </select>
          </label>
          <label className="field wide">
            <span>{t('continuity.risks.mitigations')}</span>
            <textarea
              rows={2}
              value={mitigations}
              onChange={(event) => setMitigations(event.target.value)}
              data-testid="risk-mitigations"
            />
          </label>
          <fieldset className="field wide">
            <legend>{t('continuity.risks.processes')}</legend>
            {processes.map(({ process }) => (
              <label key={process.id} className="check-field">
                <input
                  type="checkbox"
                  checked={threatened.includes(process.id)}
                  onChange={(event) =>
                    setThreatened((before) =>
                      event.target.checked ? [...before, process.id] : before.filter((id) => id !== process.id),
                    )
                  }
                />
                {processName(process, locale)}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="risk-add">
            {t('continuity.risks.add')}
          </button>
          {error && <span className="error">{error}</span>}
        </div>
      </form>
    </div>
  );
}

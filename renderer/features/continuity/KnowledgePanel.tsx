// The knowledge base: past incidents and their lessons, by service, type and words.
import { useDeferredValue, useMemo, useState } from 'react';
import { knownServices, searchKnowledge } from '../../../common/continuity/knowledge';
import type { WarRoomState } from '../../../common/domain/incidents';
import { INCIDENT_KINDS } from '../../../common/events/event';
import { useT } from '../../i18n';
import { routeToHash } from '../../store/ui-store';
import { incidentKindLabel } from '../timeline/TimelineEntryView';

export function KnowledgePanel({ state }: { state: WarRoomState }) {
  const t = useT();
  const [text, setText] = useState('');
  const [service, setService] = useState('');
  const [kind, setKind] = useState('');
  const query = useDeferredValue(text);
  const found = useMemo(
    () => searchKnowledge(state, { text: query, service: service || null, kind: kind || null }),
    [state, query, service, kind],
  );
  const kinds = [...INCIDENT_KINDS, ...state.docs.incidentTypes.keys()];
  return (
    <div className="panel" data-testid="knowledge-panel">
      <h1>{t('continuity.knowledge.heading')}</h1>
      <p className="muted">{t('continuity.knowledge.intro')}</p>
      <div className="knowledge-filters">
        <label className="field">
          <span>{t('continuity.knowledge.search')}</span>
          <input
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            data-testid="knowledge-search"
          />
        </label>
        <label className="field">
          <span>{t('continuity.knowledge.service')}</span>
          <select value={service} onChange={(event) => setService(event.target.value)} data-testid="knowledge-service">
            <option value="">{t('continuity.knowledge.any')}</option>
            {knownServices(state).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('continuity.knowledge.type')}</span>
          <select value={kind} onChange={(event) => setKind(event.target.value)} data-testid="knowledge-type">
            <option value="">{t('continuity.knowledge.any')}</option>
            {kinds.map((name) => (
              <option key={name} value={name}>
                {incidentKindLabel(name, state.docs, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {found.length === 0 ? (
        <p className="empty">{t('continuity.knowledge.empty')}</p>
      ) : (
        <ul className="knowledge-list">
          {found.map(({ incident, lessons, actions }) => (
            <li key={incident.id} className="plan-card" data-testid="knowledge-result">
              <h3>
                <a href={routeToHash({ name: 'postmortem', id: incident.id })}>{incident.title}</a>
              </h3>
              <p className="muted">
                {incidentKindLabel(incident.kind, state.docs, t)} · {incident.services.join(', ')}
              </p>
              <h4>{t('continuity.knowledge.lessons')}</h4>
              {lessons?.wentBadly || lessons?.wentWell || (lessons?.whys.length ?? 0) > 0 || actions.length > 0 ? (
                <ul>
                  {lessons?.wentWell && <li>{lessons.wentWell}</li>}
                  {lessons?.wentBadly && <li>{lessons.wentBadly}</li>}
                  {lessons?.whys.map((why, index) => (
                    <li key={`w${index}`}>{why}</li>
                  ))}
                  {actions.map((action, index) => (
                    <li key={`a${index}`}>{action}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('continuity.knowledge.noLessons')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// The continuity screens: business processes (the business impact analysis),
// continuity plans, the risk register and the knowledge base, one tab each.
import type { WarRoomState } from '../../../common/domain/incidents';
import { useT } from '../../i18n';
import { CONTINUITY_TABS, routeToHash, type ContinuityTab, type Route } from '../../store/ui-store';
import { KnowledgePanel } from './KnowledgePanel';
import { PlansPanel } from './PlansPanel';
import { ProcessesPanel } from './ProcessesPanel';
import { RisksPanel } from './RisksPanel';
import './continuity.css';

interface Props {
  state: WarRoomState;
  actor: string;
  tab: ContinuityTab;
  go(route: Route): void;
}

export function ContinuityView({ state, actor, tab }: Props) {
  const t = useT();
  return (
    <section className="continuity" data-testid="continuity-view">
      <nav className="continuity-tabs" aria-label={t('continuity.nav')}>
        {CONTINUITY_TABS.map((name) => (
          <a
            key={name}
            href={routeToHash({ name: 'continuity', tab: name })}
            aria-current={name === tab ? 'page' : undefined}
            data-testid={`continuity-tab-${name}`}
          >
            {t(`continuity.tabs.${name}`)}
          </a>
        ))}
      </nav>
      {tab === 'processes' && <ProcessesPanel state={state} actor={actor} />}
      {tab === 'plans' && <PlansPanel state={state} />}
      {tab === 'risks' && <RisksPanel state={state} actor={actor} />}
      {tab === 'knowledge' && <KnowledgePanel state={state} />}
    </section>
  );
}

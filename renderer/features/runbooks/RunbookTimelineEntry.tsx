// A runbook entry of the incident timeline: a run started, or one of its steps
// changed, with the evidence of a step that acted and any rule it broke. A
// second start of a run already started is shown as refused.
import type { TimelineEntry } from '../../../common/domain/incidents';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';
import { EvidenceView } from './EvidenceView';

export function RunbookTimelineEntry({ entry }: { entry: Extract<TimelineEntry, { kind: 'runbook' }> }) {
  const t = useT();
  const locale = useLocale();
  const title = localText(entry.runbookTitle, locale);
  return (
    <div
      className="runbook-entry"
      data-testid="runbook-entry"
      data-status={entry.status ?? (entry.flag === 'duplicate-start' ? 'start-refused' : 'started')}
    >
      <p>
        <strong className="actor">{entry.actor}</strong>{' '}
        {entry.action === 'started'
          ? t(entry.flag === 'duplicate-start' ? 'runbooks.timeline.startRefused' : 'runbooks.timeline.started', {
              title,
            })
          : t('runbooks.timeline.step', {
              step: entry.stepTitle ? localText(entry.stepTitle, locale) : (entry.stepId ?? ''),
              title,
              status: t(`runbooks.status.${entry.status ?? 'pending'}`),
            })}
        {entry.branch && <> · {t('runbooks.timeline.branch', { branch: localText(entry.branch, locale) })}</>}
        {entry.isExercise && <span className="tag"> {t('runbooks.run.exerciseTag')}</span>}
      </p>
      {entry.note && <p className="note-text">{entry.note}</p>}
      {entry.flag && (
        <p className="flag" role="note" data-testid="runbook-flag">
          {t(`runbooks.timeline.flag.${entry.flag}`)}
        </p>
      )}
      {entry.evidence && <EvidenceView evidence={entry.evidence} />}
    </div>
  );
}

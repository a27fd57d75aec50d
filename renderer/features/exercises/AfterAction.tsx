// The after-action report of a session, running or ended: the score table,
// the debrief editor, the observers' notes to draw on, a preview of the
// report and its exports. The report is written by common/exercises (neutral
// blocks); the preview renders those blocks as React text, so whatever a
// scenario or a note says (HTML, script, Markdown, mermaid) stays text.
import { useMemo } from 'react';
import type { WarRoomState } from '../../../common/domain/incidents';
import { translate } from '../../../common/i18n/messages';
import { draftAfterAction } from '../../../common/exercises/after-action';
import {
  AFTER_ACTION_MIME,
  afterActionFileName,
  renderAfterAction,
} from '../../../common/exercises/after-action-render';
import type { Scenario } from '../../../common/exercises/scenario-schema';
import { sessionIncident, sessionTiming, type ExerciseSession } from '../../../common/exercises/session';
import { scoreExercise } from '../../../common/exercises/scoring';
import type { ReportFormat } from '../../../common/report/blocks';
import { downloadFile } from '../../app/download';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { timeZoneName } from '../../i18n/format';
import { ReportBlocks } from '../postmortem/ReportBlockView';
import { DebriefEditor } from './DebriefEditor';
import { saveDebrief } from './exercise-actions';
import { ObserverNotes } from './ObserverNotes';
import { ScoreTable } from './ScoreTable';

interface Props {
  session: ExerciseSession & { readonly scenario: Scenario };
  state: WarRoomState;
  actor: string;
}

const FORMATS = ['markdown', 'html', 'pdf'] as const satisfies readonly ReportFormat[];

export function AfterAction({ session, state, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const isEnded = session.status === 'ended';
  const now = useNow(isEnded ? 60_000 : 5_000);
  const timeZone = timeZoneName();
  const incident = sessionIncident(state, session);
  const at = session.endedAt ?? now;

  const blocks = useMemo(
    () =>
      draftAfterAction(
        {
          scenario: session.scenario,
          timing: sessionTiming(session),
          fired: [...session.fired.values()],
          ...(session.endedAt === undefined ? {} : { endedAt: session.endedAt }),
          incident,
          docs: state.docs,
          notes: session.notes,
        },
        { locale, translate, timeZone, now },
      ),
    [session, incident, state.docs, locale, timeZone, now],
  );

  const exportAs = (format: ReportFormat) => {
    const name = afterActionFileName(session.scenario, session.startedAt, format, locale, timeZone);
    if (format === 'pdf') downloadFile(name, AFTER_ACTION_MIME.pdf, renderAfterAction(blocks, 'pdf', locale));
    else downloadFile(name, AFTER_ACTION_MIME[format], renderAfterAction(blocks, format, locale));
  };

  return (
    <section className="after-action" data-testid="after-action" data-session={session.id}>
      <header className="section-header">
        <h1>{t('exercises.afterAction.heading')}</h1>
        <div className="form-actions after-action-exports">
          <span>{t('exercises.afterAction.export')}</span>
          {FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              onClick={() => exportAs(format)}
              data-testid={`after-action-export-${format}`}
            >
              {t(`exercises.afterAction.${format}`)}
            </button>
          ))}
        </div>
      </header>
      <div className="panel">
        <h2>{t('exercises.report.section.scores')}</h2>
        <ScoreTable
          score={scoreExercise(session.scenario, sessionTiming(session), incident, at)}
          hasIncident={incident !== undefined}
        />
      </div>
      <DebriefEditor
        key={session.id}
        notes={session.notes}
        roles={session.scenario.roles}
        docs={state.docs}
        onSave={(notes) => saveDebrief(session.id, notes, actor)}
      />
      {isEnded && <ObserverNotes session={session} actor={actor} heading={t('exercises.afterAction.observerNotes')} />}
      <article
        className="panel report-preview"
        data-testid="after-action-preview"
        aria-label={t('exercises.afterAction.preview')}
      >
        <ReportBlocks blocks={blocks} diagramTestId="after-action-diagram" />
      </article>
    </section>
  );
}

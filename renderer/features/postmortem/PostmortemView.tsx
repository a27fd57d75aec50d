// The post-mortem of an incident: the parts people write (summary, what went
// well and badly, five whys, action items tracked until done), the draft the
// record writes around them, and its exports as Markdown, HTML and PDF.
import { useMemo, useState } from 'react';
import { draftPostmortem, type Block } from '../../../common/continuity/postmortem';
import {
  POSTMORTEM_MIME,
  postmortemFileName,
  postmortemToHtml,
  postmortemToMarkdown,
  postmortemToPdf,
  type PostmortemFormat,
} from '../../../common/continuity/postmortem-render';
import { WHYS_MAX } from '../../../common/continuity/records-schema';
import { localDate } from '../../../common/continuity/calendar';
import type { WarRoomState } from '../../../common/domain/incidents';
import { translate } from '../../../common/i18n/messages';
import { downloadFile } from '../../app/download';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { timeZoneName } from '../../i18n/format';
import { routeToHash, type Route } from '../../store/ui-store';
import { putAction, putPostmortem } from '../continuity/continuity-actions';
import { ReportBlocks } from './ReportBlockView';
import './postmortem.css';

interface Props {
  state: WarRoomState;
  incidentId: string;
  actor: string;
  go(route: Route): void;
}

export function PostmortemView({ state, incidentId, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow(60_000);
  const incident = state.incidents.get(incidentId);
  const written = state.continuity.postmortems.get(incidentId)?.body;
  const [summary, setSummary] = useState(written?.summary ?? '');
  const [wentWell, setWentWell] = useState(written?.wentWell ?? '');
  const [wentBadly, setWentBadly] = useState(written?.wentBadly ?? '');
  const [whys, setWhys] = useState<string[]>(() =>
    Array.from({ length: WHYS_MAX }, (_, index) => written?.whys[index] ?? ''),
  );
  const [saved, setSaved] = useState(false);
  const [actionTitle, setActionTitle] = useState('');
  const [actionOwner, setActionOwner] = useState('');
  const [actionDue, setActionDue] = useState('');
  const timeZone = timeZoneName();
  const today = localDate(now, timeZone);

  const blocks = useMemo(
    () => (incident ? draftPostmortem({ incident, state }, { locale, translate, timeZone, now }) : ([] as Block[])),
    [incident, state, locale, timeZone, now],
  );
  if (!incident) return <p className="empty">{t('incident.notFound')}</p>;

  const actions = [...state.continuity.actions].filter(([, stored]) => stored.body.incidentId === incident.id);

  const save = async () => {
    const optional = (text: string) => (text.trim() ? text.trim() : undefined);
    await putPostmortem(
      incident.id,
      {
        summary: optional(summary),
        wentWell: optional(wentWell),
        wentBadly: optional(wentBadly),
        whys: whys.map((why) => why.trim()).filter(Boolean),
      },
      actor,
    );
    setSaved(true);
  };

  const exportAs = (format: PostmortemFormat) => {
    // The draft on screen, as saved in the record (parts typed but not saved are not in it).
    const fresh = blocks;
    const name = postmortemFileName(incident, format, timeZone);
    if (format === 'markdown') downloadFile(name, POSTMORTEM_MIME.markdown, postmortemToMarkdown(fresh));
    else if (format === 'html') downloadFile(name, POSTMORTEM_MIME.html, postmortemToHtml(fresh, locale));
    else downloadFile(name, POSTMORTEM_MIME.pdf, postmortemToPdf(fresh));
  };

  return (
    <section className="postmortem" data-testid="postmortem-view">
      <a href={routeToHash({ name: 'incident', id: incident.id })} className="link" data-testid="postmortem-back">
        ← {t('continuity.postmortem.back')}
      </a>
      <h1 data-testid="postmortem-title">{t('continuity.postmortem.title', { title: incident.title })}</h1>
      <div className="form-actions pm-exports">
        <span>{t('continuity.postmortem.export')}</span>
        {(['markdown', 'html', 'pdf'] as const).map((format) => (
          <button
            key={format}
            type="button"
            onClick={() => exportAs(format)}
            data-testid={`postmortem-export-${format}`}
          >
            {t(`continuity.postmortem.${format}`)}
          </button>
        ))}
      </div>
      <form
        className="panel"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        data-testid="postmortem-form"
      >
        <label className="field">
          <span>{t('continuity.postmortem.summaryField')}</span>
          <textarea
            rows={3}
            value={summary}
            onChange={(event) => setSummary(event.target.value)}
            data-testid="pm-summary"
          />
        </label>
        <div className="form-grid">
          <label className="field">
            <span>{t('continuity.postmortem.wentWellField')}</span>
            <textarea
              rows={3}
              value={wentWell}
              onChange={(event) => setWentWell(event.target.value)}
              data-testid="pm-well"
            />
          </label>
          <label className="field">
            <span>{t('continuity.postmortem.wentBadlyField')}</span>
            <textarea
              rows={3}
              value={wentBadly}
              onChange={(event) => setWentBadly(event.target.value)}
              data-testid="pm-badly"
            />
          </label>
        </div>
        <div className="pm-whys">
          {whys.map((why, index) => (
            <label className="field" key={index}>
              <span>{t('continuity.postmortem.whyField', { n: index + 1 })}</span>
              <input
                value={why}
                onChange={(event) =>
                  setWhys((before) => before.map((value, at) => (at === index ? event.target.value : value)))
                }
                data-testid={`pm-why-${index + 1}`}
              />
            </label>
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="pm-save">
            {t('continuity.postmortem.save')}
          </button>
          {saved && <span role="status">{t('continuity.postmortem.saved')}</span>}
        </div>
      </form>
      <div className="panel" data-testid="pm-actions">
        <h2>{t('continuity.actions.heading')}</h2>
        <ul className="pm-action-list">
          {actions.map(([id, { body }]) => (
            <li key={id} className="pm-action-row" data-testid="pm-action" data-done={body.done}>
              <label className="pm-action-label">
                <input
                  type="checkbox"
                  checked={body.done}
                  onChange={(event) => void putAction(id, { ...body, done: event.target.checked }, actor)}
                  data-testid="pm-action-done"
                />
                <span className={body.done ? 'pm-done' : ''}>{body.title}</span>
              </label>
              <span className="muted">
                {' '}
                · {body.owner} · {body.due}
              </span>
              {!body.done && body.due < today && (
                <span className="tag pm-overdue">{t('continuity.actions.overdue')}</span>
              )}
            </li>
          ))}
        </ul>
        <form
          className="form-actions"
          onSubmit={(event) => {
            event.preventDefault();
            if (!actionTitle.trim() || !actionOwner.trim() || !actionDue) return;
            void putAction(
              crypto.randomUUID(),
              {
                incidentId: incident.id,
                title: actionTitle.trim(),
                owner: actionOwner.trim(),
                due: actionDue,
                done: false,
              },
              actor,
            ).then(() => {
              setActionTitle('');
              setActionOwner('');
            });
          }}
        >
          <input
            placeholder={t('continuity.actions.title')}
            aria-label={t('continuity.actions.title')}
            value={actionTitle}
            onChange={(event) => setActionTitle(event.target.value)}
            data-testid="pm-action-title"
          />
          <input
            placeholder={t('continuity.actions.owner')}
            aria-label={t('continuity.actions.owner')}
            value={actionOwner}
            onChange={(event) => setActionOwner(event.target.value)}
            data-testid="pm-action-owner"
          />
          <input
            type="date"
            aria-label={t('continuity.actions.due')}
            value={actionDue}
            onChange={(event) => setActionDue(event.target.value)}
            data-testid="pm-action-due"
          />
          <button type="submit" data-testid="pm-action-add">
            {t('continuity.actions.add')}
          </button>
        </form>
      </div>
      <article
        className="panel pm-draft"
        data-testid="postmortem-draft"
        aria-label={t('continuity.postmortem.preview')}
      >
        <ReportBlocks blocks={blocks} diagramTestId="pm-diagram" hideTitle />
      </article>
    </section>
  );
}

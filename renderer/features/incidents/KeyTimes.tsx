// The incident's key times (started, detected, acknowledged, mitigated,
// resolved), each correctable with a reason, and the durations they make.
import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../common/domain/incidents';
import { durations, keyTime, keyTimeConflicts } from '../../../common/domain/key-times';
import { KEY_TIMES, REASON_MAX, type KeyTime } from '../../../common/events/event';
import { useNow } from '../../app/use-now';
import { getEventStore } from '../../db';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatDuration, fromDateTimeInput, timeZoneName, toDateTimeInput } from '../../i18n/format';

interface Props {
  incident: Incident;
  actor: string;
}

/** How far ahead of this laptop's clock a corrected time may be: clocks of a room disagree a little. */
const FUTURE_SLACK_MS = 5 * 60_000;

function CorrectionForm({ incident, actor, keyName, onDone }: Props & { keyName: KeyTime; onDone(): void }) {
  const t = useT();
  const current = keyTime(incident.keyTimes, keyName);
  const [value, setValue] = useState(() => toDateTimeInput(current ?? Date.now()));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const at = fromDateTimeInput(value);
    if (at === undefined) return setError(t('lifecycle.timeRequired'));
    if (at > Date.now() + FUTURE_SLACK_MS) return setError(t('lifecycle.future'));
    if (!reason.trim()) return setError(t('lifecycle.reasonRequired'));
    setIsSaving(true);
    try {
      await getEventStore().append([
        { type: 'incident.key-time-corrected', incidentId: incident.id, actor, payload: { key: keyName, at, reason } },
      ]);
      onDone();
    } catch (caught) {
      setError(t('lifecycle.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
      setIsSaving(false);
    }
  };

  return (
    <form className="correction" onSubmit={submit} noValidate data-testid={`key-time-form-${keyName}`}>
      <h4>{t('lifecycle.correctTitle', { key: t(`keyTime.${keyName}`) })}</h4>
      <label className="field">
        <span>{t('lifecycle.newTime', { zone: timeZoneName() })}</span>
        <input
          type="datetime-local"
          step={1}
          autoFocus
          data-testid="key-time-input"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
      </label>
      <label className="field">
        <span>{t('lifecycle.reason')}</span>
        <input
          data-testid="key-time-reason"
          value={reason}
          maxLength={REASON_MAX}
          placeholder={t('lifecycle.reasonPlaceholder')}
          onChange={(event) => {
            setReason(event.target.value);
            setError(null);
          }}
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="key-time-error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSaving} data-testid="key-time-save">
          {t('lifecycle.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('lifecycle.cancel')}
        </button>
      </div>
    </form>
  );
}

function Durations({ incident }: { incident: Incident }) {
  const t = useT();
  const locale = useLocale();
  // Its own clock: a ticking second must not re-render the whole incident.
  const now = useNow(1_000);
  return (
    <dl className="durations" data-testid="durations">
      {durations(incident.keyTimes, now).map((duration) => (
        <div key={duration.id} data-testid={`duration-${duration.id}`} data-running={duration.isRunning}>
          <dt title={t(`lifecycle.durationHint.${duration.id}`)}>{t(`duration.${duration.id}`)}</dt>
          <dd>
            {duration.ms === undefined ? '—' : formatDuration(duration.ms, locale)}
            {duration.isRunning && <span className="muted"> · {t('lifecycle.running')}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function KeyTimes({ incident, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const [editing, setEditing] = useState<KeyTime | null>(null);
  const conflicts = keyTimeConflicts(incident.keyTimes);

  return (
    <section className="key-times panel" aria-labelledby="key-times-heading" data-testid="key-times">
      <h3 id="key-times-heading" title={t('lifecycle.keyTimesHint')}>
        {t('lifecycle.keyTimes')}
      </h3>
      <Durations incident={incident} />
      <ul>
        {KEY_TIMES.map((key) => {
          const at = keyTime(incident.keyTimes, key);
          const correction = incident.keyTimes.corrected[key];
          return (
            <li key={key} data-testid={`key-time-${key}`} data-corrected={correction !== undefined}>
              <span className="key-name">{t(`keyTime.${key}`)}</span>
              <span className="key-value" data-testid="key-time-value">
                {at === undefined ? <span className="muted">{t('lifecycle.notYet')}</span> : formatDateTime(at, locale)}
              </span>
              <span className="key-source muted">
                {correction
                  ? t('lifecycle.correctedBy', { actor: correction.by, reason: correction.reason })
                  : at !== undefined && t('lifecycle.automatic')}
              </span>
              {editing !== key && (
                <button className="link" data-testid={`key-time-correct-${key}`} onClick={() => setEditing(key)}>
                  {t('lifecycle.correct')}
                </button>
              )}
              {editing === key && (
                <CorrectionForm incident={incident} actor={actor} keyName={key} onDone={() => setEditing(null)} />
              )}
            </li>
          );
        })}
      </ul>
      {conflicts.map((key) => (
        <p key={key} className="error" role="alert" data-testid="key-time-conflict">
          {t('lifecycle.conflict', { key: t(`keyTime.${key}`) })}
        </p>
      ))}
    </section>
  );
}

// Observers write what they see as it happens, stamped with exercise time;
// the facilitator draws on them for the debrief. Notes may follow the end.
import { useState, type FormEvent } from 'react';
import { OBSERVER_NOTE_MAX } from '../../../common/exercises/session-payloads';
import type { ExerciseSession } from '../../../common/exercises/session';
import { useT } from '../../i18n';
import { createLogger } from '../../log';
import { addObserverNote } from './exercise-actions';
import { formatClock } from './exercise-format';

const log = createLogger('exercises');

interface Props {
  session: ExerciseSession;
  actor: string;
  heading?: string;
}

export function ObserverNotes({ session, actor, heading }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    setIsSaving(true);
    try {
      await addObserverNote(session.id, trimmed, actor);
      setText('');
      setError(null);
    } catch (caught) {
      log.warn('observer note not recorded', caught);
      setError(t('roles.board.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsSaving(false);
    }
  };

  const notes = [...session.observerNotes].reverse();
  return (
    <section className="panel observer-notes" data-testid="observer-notes" aria-labelledby="observer-notes-heading">
      <h2 id="observer-notes-heading">{heading ?? t('exercises.notes.heading')}</h2>
      <form onSubmit={(event) => void submit(event)} className="observer-note-form">
        <label className="field">
          <span>{t('exercises.notes.label')}</span>
          <textarea
            rows={3}
            maxLength={OBSERVER_NOTE_MAX}
            value={text}
            onChange={(event) => setText(event.target.value)}
            data-testid="observer-note-text"
          />
        </label>
        <div className="actions">
          <button type="submit" disabled={isSaving || !text.trim()} data-testid="observer-note-add">
            {t('exercises.notes.add')}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notes.length === 0 ? (
        <p className="muted">{t('exercises.notes.empty')}</p>
      ) : (
        <ul className="observer-note-list">
          {notes.map((note) => (
            <li key={note.eventId} data-testid="observer-note">
              <small className="muted">
                {t('exercises.notes.by', {
                  elapsed: t('exercises.injects.offset', { offset: formatClock(note.elapsedMs) }),
                  actor: note.actor,
                })}
              </small>
              <p className="note-text">{note.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

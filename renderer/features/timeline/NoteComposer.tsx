// Adding a note to the timeline; Ctrl+Enter (Cmd+Enter on a Mac) posts it.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { NOTE_MAX } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';

interface Props {
  incidentId: string;
  actor: string;
}

export function NoteComposer({ incidentId, actor }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const post = async () => {
    if (!text.trim() || isSaving) return;
    if (text.trim().length > NOTE_MAX) return setError(t('timeline.noteTooLong', { max: NOTE_MAX }));
    setIsSaving(true);
    try {
      await getEventStore().append([{ type: 'incident.note-added', incidentId, actor, payload: { text } }]);
      setText('');
      setError(null);
    } catch (caught) {
      setError(t('timeline.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void post();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void post();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit} data-testid="note-composer">
      <label htmlFor="note-input">{t('timeline.composerLabel')}</label>
      <textarea
        id="note-input"
        data-testid="note-input"
        rows={3}
        value={text}
        placeholder={t('timeline.composerPlaceholder')}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <span className="muted">{t('timeline.postHint')}</span>
        <button type="submit" className="primary" disabled={!text.trim() || isSaving} data-testid="note-submit">
          {t('timeline.post')}
        </button>
      </div>
    </form>
  );
}

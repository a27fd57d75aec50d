// Adding a note to the timeline, of a kind (note, decision, action,
// observation); Ctrl+Enter (Cmd+Enter on a Mac) posts it.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { NOTE_KINDS, NOTE_MAX, type NoteKind } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';

interface Props {
  incidentId: string;
  actor: string;
}

/** Whether a key press asks to post: Ctrl+Enter, or Cmd+Enter on a Mac. */
export function isPostShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}

/** Appends a note; throws what the store refused. */
export async function postNote(incidentId: string, actor: string, text: string, kind: NoteKind): Promise<void> {
  await getEventStore().append([{ type: 'incident.note-added', incidentId, actor, payload: { text, kind } }]);
}

export function NoteKindPicker({
  value,
  onChange,
  testIdPrefix,
}: {
  value: NoteKind;
  onChange(kind: NoteKind): void;
  testIdPrefix: string;
}) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="tl-kind-picker">
      <legend className="tl-visually-hidden">{t('timeline.kindLabel')}</legend>
      {NOTE_KINDS.map((kind) => (
        <label key={kind} className={`tl-chip tl-kind-${kind}${value === kind ? ' is-on' : ''}`}>
          <input
            type="radio"
            name={name}
            value={kind}
            checked={value === kind}
            data-testid={`${testIdPrefix}-${kind}`}
            onChange={() => onChange(kind)}
          />
          {t(`noteKind.${kind}`)}
        </label>
      ))}
    </fieldset>
  );
}

export function NoteComposer({ incidentId, actor }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<NoteKind>('note');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const post = async () => {
    if (!text.trim() || isSaving) return;
    if (text.trim().length > NOTE_MAX) return setError(t('timeline.noteTooLong', { max: NOTE_MAX }));
    setIsSaving(true);
    try {
      await postNote(incidentId, actor, text, kind);
      setText('');
      // Back to a plain note: a decision is a deliberate choice each time.
      setKind('note');
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
    if (isPostShortcut(event)) {
      event.preventDefault();
      void post();
    }
  };

  return (
    <form className="composer tl-composer" onSubmit={onSubmit} data-testid="note-composer">
      <div className="tl-composer-head">
        <label htmlFor="note-input">{t('timeline.composerLabel')}</label>
        <NoteKindPicker value={kind} onChange={setKind} testIdPrefix="composer-kind" />
      </div>
      <textarea
        id="note-input"
        data-testid="note-input"
        rows={2}
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
        <span className="muted tl-hints">
          {t('timeline.postHint')} · <kbd>{t('timeline.quickNote.shortcut')}</kbd> {t('timeline.quickNote.open')}
        </span>
        <button type="submit" className="primary" disabled={!text.trim() || isSaving} data-testid="note-submit">
          {t('timeline.post')}
        </button>
      </div>
    </form>
  );
}

// A note from anywhere: Alt+N (a chord no browser or OS menu takes; Option+N
// on a Mac, matched by key position since Option types a dead key there) or the
// `quickNote` command opens a dialog on the incident on screen, else the most
// recently active open one. Ctrl+Enter posts, Esc closes, focus goes back to
// where it was.
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import { isOpen as isIncidentOpen, listIncidents, type WarRoomState } from '../../../common/domain/incidents';
import { NOTE_MAX, type NoteKind } from '../../../common/events/event';
import { onCommand } from '../../app/commands';
import { useT } from '../../i18n';
import { useUiStore } from '../../store/ui-store';
import { isPostShortcut, NoteKindPicker, postNote } from './NoteComposer';
import './timeline.css';

interface Props {
  state: WarRoomState;
  actor: string;
}

/** Alt+N, whatever the keyboard layout types for it. */
export function isQuickNoteShortcut(event: KeyboardEvent): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN';
}

const CONFIRMATION_MS = 4000;

export function QuickNote({ state, actor }: Props) {
  const t = useT();
  const route = useUiStore((ui) => ui.route);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const headingId = useId();
  const [isShown, setIsShown] = useState(false);
  const [incidentId, setIncidentId] = useState('');
  const [kind, setKind] = useState<NoteKind>('note');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [posted, setPosted] = useState<string | null>(null);

  const onScreen = route.name === 'incident' ? state.incidents.get(route.id) : undefined;
  // Open incidents, most recently active first, and the one on screen even if closed.
  const choices = useMemo(() => {
    const open = listIncidents(state).filter(isIncidentOpen);
    return onScreen && !open.includes(onScreen) ? [onScreen, ...open] : open;
  }, [state, onScreen]);

  const open = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setIncidentId(onScreen?.id ?? choices[0]?.id ?? '');
    setError(null);
    setIsShown(true);
    // jsdom and old engines lack showModal: an open dialog is still a dialog.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }, [onScreen, choices]);

  const close = useCallback(() => {
    const dialog = dialogRef.current;
    if (dialog?.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
    setIsShown(false);
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isQuickNoteShortcut(event)) return;
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKeyDown);
    const offCommand = onCommand('quickNote', () => open());
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offCommand();
    };
  }, [open]);

  useEffect(() => {
    if (isShown) textRef.current?.focus();
  }, [isShown]);

  useEffect(() => {
    if (posted === null) return;
    const timer = setTimeout(() => setPosted(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [posted]);

  const post = async () => {
    const incident = state.incidents.get(incidentId);
    if (!incident || !text.trim() || isSaving) return;
    if (text.trim().length > NOTE_MAX) return setError(t('timeline.noteTooLong', { max: NOTE_MAX }));
    setIsSaving(true);
    try {
      await postNote(incident.id, actor, text, kind);
      setText('');
      setKind('note');
      setPosted(t('timeline.quickNote.posted', { title: incident.title }));
      close();
    } catch (caught) {
      setError(t('timeline.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    } finally {
      setIsSaving(false);
    }
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    if (isPostShortcut(event)) {
      event.preventDefault();
      void post();
    }
  };

  return (
    <>
      {/* On an incident the composer is at hand and names the shortcut. */}
      {state.incidents.size > 0 && !isShown && route.name !== 'incident' && (
        <button type="button" className="tl-quick-open" data-testid="quick-note-open" onClick={open}>
          ✎ {t('timeline.quickNote.open')} <kbd>{t('timeline.quickNote.shortcut')}</kbd>
        </button>
      )}
      <dialog
        ref={dialogRef}
        className="tl-quick"
        data-testid="quick-note"
        aria-labelledby={headingId}
        onCancel={(event) => {
          // Esc: close through the same path as the button, so focus returns.
          event.preventDefault();
          close();
        }}
      >
        {isShown && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void post();
            }}
          >
            <header>
              <h2 id={headingId}>
                {t('timeline.quickNote.heading')} <kbd>{t('timeline.quickNote.shortcut')}</kbd>
              </h2>
              <button
                type="button"
                className="link"
                aria-label={t('timeline.quickNote.close')}
                data-testid="quick-note-close"
                onClick={close}
              >
                ✕
              </button>
            </header>
            {choices.length === 0 ? (
              <p className="muted">{t('timeline.quickNote.noIncident')}</p>
            ) : (
              <>
                <label className="field">
                  <span>{t('timeline.quickNote.incident')}</span>
                  <select
                    data-testid="quick-note-incident"
                    value={incidentId}
                    onChange={(event) => setIncidentId(event.target.value)}
                  >
                    {choices.map((incident) => (
                      <option key={incident.id} value={incident.id}>
                        {incident.severity} · {incident.title}
                        {isIncidentOpen(incident) ? '' : ` ${t('timeline.quickNote.closedTag')}`}
                      </option>
                    ))}
                  </select>
                </label>
                <NoteKindPicker value={kind} onChange={setKind} testIdPrefix="quick-note-kind" />
                <label className="field">
                  <span>{t('timeline.quickNote.text')}</span>
                  <textarea
                    ref={textRef}
                    data-testid="quick-note-input"
                    rows={4}
                    value={text}
                    placeholder={t('timeline.composerPlaceholder')}
                    onChange={(event) => {
                      setText(event.target.value);
                      setError(null);
                    }}
                    onKeyDown={onKeyDown}
                  />
                </label>
                {error && (
                  <p className="error" role="alert">
                    {error}
                  </p>
                )}
                <div className="actions">
                  <span className="muted">{t('timeline.postHint')}</span>
                  <button
                    type="submit"
                    className="primary"
                    disabled={!text.trim() || isSaving || !incidentId}
                    data-testid="quick-note-submit"
                  >
                    {t('timeline.post')}
                  </button>
                </div>
              </>
            )}
          </form>
        )}
      </dialog>
      <p className="tl-quick-posted" role="status" data-testid="quick-note-posted">
        {posted}
      </p>
    </>
  );
}

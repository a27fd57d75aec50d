// The first visit of a device nobody is named at (a teammate's browser on the
// LAN, or a laptop window with no name to go by): "Who are you?" before
// anything can be written. The record stays visible behind it, inert; the
// answer becomes the name this device enrols under with its first entry.
// It cannot be dismissed: Escape does nothing, Enter answers.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { NameField } from './NameField';
import { nameProblem, sayNameProblem } from './own-person';
import { useModalDialog } from './use-modal-dialog';
import './person.css';

interface Props {
  /** A teammate's browser on the LAN, or a window at the laptop: only the wording differs. */
  readonly isTeammate: boolean;
  onAnswer(name: string): void;
}

export function WhoAreYou({ isTeammate, onAnswer }: Props) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const keepFocusInside = useModalDialog(dialog, input);
  const headingId = useId();
  const introId = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name);
    if (problem) return setError(sayNameProblem(problem, t));
    onAnswer(name.trim());
  };

  return (
    <dialog
      ref={dialog}
      className="person-dialog who-are-you"
      data-testid="who-are-you"
      aria-labelledby={headingId}
      aria-describedby={introId}
      onKeyDown={keepFocusInside}
      onCancel={(event) => event.preventDefault()}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={headingId}>{t('person.ask.heading')}</h2>
        <div id={introId}>
          <p>{isTeammate ? t('person.ask.introBrowser') : t('person.ask.introWindow')}</p>
          <p className="muted">{t('person.ask.behind')}</p>
        </div>
        <NameField
          ref={input}
          label={t('person.ask.name')}
          value={name}
          error={error}
          testId="who"
          autoComplete="name"
          placeholder={t('person.ask.placeholder')}
          onChange={(value) => {
            setName(value);
            setError(null);
          }}
        />
        <p className="muted person-dialog-note">{t('person.ask.later')}</p>
        <div className="actions">
          <button type="submit" className="primary" data-testid="who-submit">
            {t('person.ask.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

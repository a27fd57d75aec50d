// The header's "You" box. Before this device has written anything it is where
// you type your name (a proposal: nothing is written by typing it). Once the
// device is enrolled it names the person read-only, and changing it is a
// deliberate hand-over ("Not you?"), never a side effect of typing.
import { useEffect, useId, useState } from 'react';
import { NAME_MAX } from '../../../common/events/event';
import { useT } from '../../i18n';
import { HandOverDialog } from './HandOverDialog';
import { nameProblem, sayNameProblem, type OwnPerson } from './own-person';
import './person.css';

interface Props {
  readonly own: OwnPerson;
  /** The name the first entry would be signed with; empty when nobody is named. */
  readonly proposed: string;
  /** A teammate's browser on the LAN keeps its name in the browser, not on the laptop. */
  readonly isTeammate: boolean;
  /** A new proposal, before the device has written anything. */
  onName(name: string): void;
  /** The hand-over, confirmed: writes it, or rejects with what went wrong. */
  onHandOver(name: string): Promise<void>;
}

type BoxState = 'unknown' | 'unnamed' | 'proposed' | 'enrolled';

/** How long the hand-over's confirmation stays for assistive technology to read. */
const CONFIRMATION_MS = 4000;

export function PersonBox({ own, proposed, isTeammate, onName, onHandOver }: Props) {
  const t = useT();
  // While the field is being edited it holds a draft; otherwise the proposal.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isHandingOver, setIsHandingOver] = useState(false);
  const [handedTo, setHandedTo] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    if (handedTo === null) return;
    const timer = setTimeout(() => setHandedTo(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [handedTo]);
  const state: BoxState =
    own.status === 'enrolled' ? 'enrolled' : own.status === 'unknown' ? 'unknown' : proposed ? 'proposed' : 'unnamed';

  if (own.status === 'enrolled') {
    return (
      <div className="you-box" data-testid="you-box" data-person-state={state}>
        <span className="you-label">{t('header.you')}</span>
        <strong className="you-name" data-testid="you-name" title={t('person.signedAs', { name: own.name })}>
          {own.name}
        </strong>
        <button
          type="button"
          className="link you-change"
          data-testid="person-change-open"
          aria-label={t('person.notYouLabel', { name: own.name })}
          aria-haspopup="dialog"
          onClick={() => {
            setHandedTo(null);
            setIsHandingOver(true);
          }}
        >
          {t('person.notYou')}
        </button>
        <span className="you-status" role="status" data-testid="person-change-done">
          {handedTo === own.name ? t('person.handOver.done', { name: own.name }) : ''}
        </span>
        {isHandingOver && (
          <HandOverDialog
            current={own.name}
            onConfirm={async (name) => {
              await onHandOver(name);
              setHandedTo(name);
            }}
            onClose={() => setIsHandingOver(false)}
          />
        )}
      </div>
    );
  }

  const value = draft ?? proposed;
  const commit = () => {
    if (draft === null) return;
    const problem = nameProblem(draft);
    if (problem) {
      // The proposal stays what it was; the field says why the new one was refused.
      setError(sayNameProblem(problem, t));
      setDraft(null);
      return;
    }
    setError(null);
    setDraft(null);
    if (draft.trim() !== proposed) onName(draft.trim());
  };
  const hint = isTeammate ? `${t('person.proposedHint')} ${t('header.keptInBrowser')}` : t('person.proposedHint');
  return (
    <div className="you-box" data-testid="you-box" data-person-state={state}>
      <label className="inline-field">
        <span>{t('header.you')}</span>
        <input
          data-testid="display-name"
          aria-label={t('header.yourName')}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          title={hint}
          value={value}
          maxLength={NAME_MAX}
          disabled={state === 'unknown'}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.currentTarget.blur();
            if (event.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
          }}
        />
      </label>
      {error && (
        <span className="you-error error" id={errorId} role="alert" data-testid="display-name-error">
          {error}
        </span>
      )}
    </div>
  );
}

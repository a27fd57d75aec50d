// Handing a device over to someone else, in two deliberate steps: who takes
// over, then what that means (what was written stays under the person before,
// what is written next is the new person's) before anything is written. The
// hand-over is one signed `device.person-changed` in the record.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { NameField } from './NameField';
import { nameProblem, sayNameProblem } from './own-person';
import { useModalDialog } from './use-modal-dialog';
import './person.css';

interface Props {
  /** The person at this device now. */
  readonly current: string;
  /** Writes the hand-over; rejects with what went wrong. */
  onConfirm(name: string): Promise<void>;
  onClose(): void;
}

export function HandOverDialog({ current, onConfirm, onClose }: Props) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const keepFocusInside = useModalDialog(dialog, input);
  const headingId = useId();
  const [step, setStep] = useState<'name' | 'confirm'>('name');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const next = name.trim();

  // Each step starts where its one action is.
  useEffect(() => {
    if (step === 'confirm') confirmButton.current?.focus();
    else input.current?.focus();
  }, [step]);

  const toConfirm = (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name);
    if (problem) return setError(sayNameProblem(problem, t));
    if (next === current) return setError(t('person.handOver.same', { name: current }));
    setError(null);
    setStep('confirm');
  };

  const confirm = async () => {
    setIsBusy(true);
    try {
      await onConfirm(next);
      onClose();
    } catch (caught) {
      setError(t('person.handOver.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
      setIsBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="person-dialog hand-over"
      data-testid="person-change"
      data-step={step}
      aria-labelledby={headingId}
      onKeyDown={keepFocusInside}
      onCancel={(event) => {
        event.preventDefault();
        if (!isBusy) onClose();
      }}
    >
      {step === 'name' ? (
        <form onSubmit={toConfirm} noValidate>
          <h2 id={headingId}>{t('person.handOver.heading')}</h2>
          <p>{t('person.handOver.current', { current })}</p>
          <NameField
            ref={input}
            label={t('person.handOver.name')}
            value={name}
            error={error}
            testId="person-change"
            autoComplete="off"
            onChange={(value) => {
              setName(value);
              setError(null);
            }}
          />
          <div className="actions">
            <button type="submit" className="primary" data-testid="person-change-next">
              {t('person.handOver.next')}
            </button>
            <button type="button" data-testid="person-change-cancel" onClick={onClose}>
              {t('person.handOver.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <h2 id={headingId}>{t('person.handOver.confirmHeading', { next })}</h2>
          <ul className="person-dialog-facts" data-testid="person-change-summary">
            <li>{t('person.handOver.earlier', { current })}</li>
            <li>{t('person.handOver.later', { next })}</li>
          </ul>
          <p className="muted">{t('person.handOver.recorded')}</p>
          {error && (
            <p className="error" role="alert" data-testid="person-change-error">
              {error}
            </p>
          )}
          <div className="actions">
            <button
              ref={confirmButton}
              type="button"
              className="primary"
              disabled={isBusy}
              data-testid="person-change-confirm"
              onClick={() => void confirm()}
            >
              {isBusy ? t('person.handOver.saving') : t('person.handOver.confirm', { next })}
            </button>
            <button
              type="button"
              disabled={isBusy}
              data-testid="person-change-back"
              onClick={() => {
                setError(null);
                setStep('name');
              }}
            >
              {t('person.handOver.back')}
            </button>
            <button type="button" disabled={isBusy} data-testid="person-change-cancel" onClick={onClose}>
              {t('person.handOver.cancel')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

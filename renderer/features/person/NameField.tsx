// The one field both person dialogs ask a name with: its label, its limit, and
// the problem with what was typed, announced and tied to the field.
import { forwardRef, useId } from 'react';
import { NAME_MAX } from '../../../common/events/event';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly error: string | null;
  /** `who` or `person-change`: the test ids are `${testId}-name` and `${testId}-error`. */
  readonly testId: string;
  readonly autoComplete: string;
  readonly placeholder?: string;
  onChange(value: string): void;
}

export const NameField = forwardRef<HTMLInputElement, Props>(function NameField(
  { label, value, error, testId, autoComplete, placeholder, onChange },
  ref,
) {
  const errorId = useId();
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input
          ref={ref}
          data-testid={`${testId}-name`}
          autoComplete={autoComplete}
          value={value}
          maxLength={NAME_MAX}
          placeholder={placeholder}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert" id={errorId} data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </>
  );
});

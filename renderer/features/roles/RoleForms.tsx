// The three things done to a role on an incident: assign it, hand it over with a
// briefing, release it. Each form writes one event, and nothing until it is valid.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { resolvePerson, type Documents } from '../../../common/domain/documents';
import type { Incident } from '../../../common/domain/incidents';
import { isSamePerson, type RoleHolder } from '../../../common/domain/roles';
import { BRIEFING_MAX, NAME_MAX, REASON_MAX, type Briefing } from '../../../common/events/event';
import { useT } from '../../i18n';
import { FormField } from './FormField';
import { PersonPicker, type PersonChoice } from './PersonPicker';
import { useRecord } from './use-record';

interface FormProps {
  incident: Incident;
  role: string;
  /** The role's name as shown on the board. */
  label: string;
  docs: Documents;
  actor: string;
  /** Changes when the form is asked for again (a command): it takes the focus back. */
  focusRequest: number;
  onDone(): void;
  onCancel(): void;
}

/** Focuses the first field when the form opens and whenever it is asked for again. */
function useFocusOn<T extends HTMLElement>(focusRequest: number) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focusRequest]);
  return ref;
}

/** How many roles a directory person holds on this incident, for the picker. */
function rolesHeldOn(incident: Incident) {
  return (person: { id: string; name: string }) =>
    [...incident.roles.values()].filter((holder) => isSamePerson(holder.person, person)).length;
}

interface ShellProps {
  testId: string;
  heading: string;
  intro?: string;
  error: string | null;
  submitLabel: string;
  isSaving: boolean;
  submitTestId: string;
  /** Something typed: Escape then keeps the form, so a half-written briefing is not lost. */
  isDirty: boolean;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
}

function FormShell(props: ShellProps) {
  const t = useT();
  const headingId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !props.isDirty) props.onCancel();
  };
  return (
    <form
      className="role-form"
      data-testid={props.testId}
      aria-labelledby={headingId}
      noValidate
      onSubmit={submit}
      onKeyDown={onKeyDown}
    >
      <h3 id={headingId}>{props.heading}</h3>
      {props.intro && <p className="muted role-form-intro">{props.intro}</p>}
      {props.children}
      {props.error && (
        <p className="error" role="alert" data-testid="role-form-error">
          {props.error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={props.isSaving} data-testid={props.submitTestId}>
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel} data-testid="role-form-cancel">
          {t('roles.board.cancel')}
        </button>
      </div>
    </form>
  );
}

export function AssignForm({ incident, role, label, docs, actor, focusRequest, onDone, onCancel }: FormProps) {
  const t = useT();
  const id = useId();
  const inputRef = useFocusOn<HTMLInputElement>(focusRequest);
  const [choice, setChoice] = useState<PersonChoice>({ name: '' });
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { error, isSaving, record } = useRecord();

  const submit = async () => {
    const person = resolvePerson(docs.people, choice);
    if (!person) {
      setFieldError(t('roles.assign.personRequired'));
      return inputRef.current?.focus();
    }
    if (person.name.length > NAME_MAX) {
      setFieldError(t('roles.assign.tooLong', { max: NAME_MAX }));
      return inputRef.current?.focus();
    }
    const isSaved = await record([
      { type: 'incident.role-assigned', incidentId: incident.id, actor, payload: { role, person } },
    ]);
    if (isSaved) onDone();
  };

  return (
    <FormShell
      testId="assign-form"
      heading={t('roles.assign.heading', { role: label })}
      error={error}
      submitLabel={t('roles.assign.submit')}
      submitTestId="assign-submit"
      isDirty={choice.name.trim() !== ''}
      isSaving={isSaving}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <FormField id={id} label={t('roles.assign.person')} error={fieldError} errorTestId="assign-error">
        {(control) => (
          <PersonPicker
            {...control}
            testId="assign-person"
            inputRef={inputRef}
            people={docs.people}
            value={choice}
            rolesHeld={rolesHeldOn(incident)}
            onChange={(next) => {
              setChoice(next);
              setFieldError(undefined);
            }}
          />
        )}
      </FormField>
    </FormShell>
  );
}

type BriefingField = keyof Briefing;
const BRIEFING_FIELDS = ['conditions', 'actions', 'needs'] as const satisfies readonly BriefingField[];
type HandoverErrors = Partial<Record<'to' | BriefingField, string>>;

interface HeldFormProps extends FormProps {
  holder: RoleHolder;
  /** The holder's name as shown (the directory's, when they are in it). */
  holderName: string;
}

export function HandoverForm(props: HeldFormProps) {
  const { incident, role, label, docs, actor, holder, holderName, focusRequest, onDone, onCancel } = props;
  const t = useT();
  const id = useId();
  const toRef = useFocusOn<HTMLInputElement>(focusRequest);
  const fieldRefs = useRef<Partial<Record<BriefingField, HTMLTextAreaElement | null>>>({});
  const [to, setTo] = useState<PersonChoice>({ name: '' });
  const [briefing, setBriefing] = useState<Record<BriefingField, string>>({ conditions: '', actions: '', needs: '' });
  const [errors, setErrors] = useState<HandoverErrors>({});
  const { error, isSaving, record } = useRecord();
  const errorCount = Object.values(errors).filter(Boolean).length;

  const validate = (): HandoverErrors => {
    const found: HandoverErrors = {};
    const person = resolvePerson(docs.people, to);
    if (!person) found.to = t('roles.handover.toRequired');
    else if (person.name.length > NAME_MAX) found.to = t('roles.assign.tooLong', { max: NAME_MAX });
    else if (isSamePerson(person, holder.person)) found.to = t('roles.handover.sameHolder', { name: holderName });
    for (const field of BRIEFING_FIELDS) {
      const text = briefing[field].trim();
      if (!text) found[field] = t(`roles.handover.${field}Required`);
      else if (text.length > BRIEFING_MAX) found[field] = t('roles.handover.tooLong', { max: BRIEFING_MAX });
    }
    return found;
  };

  const submit = async () => {
    const found = validate();
    setErrors(found);
    const person = resolvePerson(docs.people, to);
    if (Object.keys(found).length > 0 || !person) {
      if (found.to) toRef.current?.focus();
      else fieldRefs.current[BRIEFING_FIELDS.find((field) => found[field]) ?? 'conditions']?.focus();
      return;
    }
    const isSaved = await record([
      {
        type: 'incident.role-handed-over',
        incidentId: incident.id,
        actor,
        payload: { role, to: person, briefing },
      },
    ]);
    if (isSaved) onDone();
  };

  return (
    <FormShell
      testId="handover-form"
      heading={t('roles.handover.heading', { role: label })}
      intro={t('roles.handover.intro', { name: holderName })}
      error={error}
      submitLabel={t('roles.handover.submit')}
      submitTestId="handover-submit"
      isDirty={to.name.trim() !== '' || BRIEFING_FIELDS.some((field) => briefing[field].trim() !== '')}
      isSaving={isSaving}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <FormField id={`${id}-to`} label={t('roles.handover.to')} error={errors.to} errorTestId="handover-error-to">
        {(control) => (
          <PersonPicker
            {...control}
            testId="handover-to"
            inputRef={toRef}
            people={docs.people}
            value={to}
            rolesHeld={rolesHeldOn(incident)}
            onChange={(next) => {
              setTo(next);
              setErrors((current) => ({ ...current, to: undefined }));
            }}
          />
        )}
      </FormField>
      <div className="briefing">
        {BRIEFING_FIELDS.map((field) => (
          <FormField
            key={field}
            id={`${id}-${field}`}
            label={t(`roles.handover.${field}`)}
            hint={t(`roles.handover.${field}Hint`)}
            error={errors[field]}
            errorTestId={`handover-error-${field}`}
          >
            {(control) => (
              <textarea
                {...control}
                ref={(element) => {
                  fieldRefs.current[field] = element;
                }}
                rows={3}
                data-testid={`briefing-${field}`}
                value={briefing[field]}
                onChange={(event) => {
                  const text = event.target.value;
                  setBriefing((current) => ({ ...current, [field]: text }));
                  setErrors((current) => ({ ...current, [field]: undefined }));
                }}
              />
            )}
          </FormField>
        ))}
      </div>
      {errorCount > 0 && (
        <p className="error" role="alert" data-testid="handover-errors">
          {t('roles.handover.summary', { count: errorCount })}
        </p>
      )}
    </FormShell>
  );
}

export function ReleaseForm(props: HeldFormProps) {
  const { incident, role, label, actor, holderName, focusRequest, onDone, onCancel } = props;
  const t = useT();
  const id = useId();
  const noteRef = useFocusOn<HTMLInputElement>(focusRequest);
  const [note, setNote] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { error, isSaving, record } = useRecord();

  const submit = async () => {
    const text = note.trim();
    if (text.length > REASON_MAX) {
      setFieldError(t('roles.release.tooLong', { max: REASON_MAX }));
      return noteRef.current?.focus();
    }
    const isSaved = await record([
      {
        type: 'incident.role-released',
        incidentId: incident.id,
        actor,
        payload: text ? { role, note: text } : { role },
      },
    ]);
    if (isSaved) onDone();
  };

  return (
    <FormShell
      testId="release-form"
      heading={t('roles.release.heading', { role: label })}
      intro={t('roles.release.intro', { name: holderName })}
      error={error}
      submitLabel={t('roles.release.submit')}
      submitTestId="release-submit"
      isDirty={note.trim() !== ''}
      isSaving={isSaving}
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      <FormField id={id} label={t('roles.release.note')} error={fieldError} errorTestId="release-error">
        {(control) => (
          <input
            {...control}
            ref={noteRef}
            data-testid="release-note"
            placeholder={t('roles.release.notePlaceholder')}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              setFieldError(undefined);
            }}
          />
        )}
      </FormField>
    </FormShell>
  );
}

// Adds a person to the directory or edits one: a name, and optionally how to
// reach them, their team and their skills. Every bad field is shown at once.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  checkPerson,
  CONTACT_MAX,
  parseList,
  SKILLS_MAX,
  type Doc,
  type DocIssue,
  type PersonField,
  type PersonInput,
} from '../../../common/domain/documents';
import { NAME_MAX } from '../../../common/events/event';
import { useT } from '../../i18n';
import { FormField } from '../roles/FormField';
import { useRecord } from '../roles/use-record';

interface Props {
  actor: string;
  /** The person to edit; absent to add one. */
  existing?: Doc<'person'>;
  onDone(personId: string): void;
  onCancel(): void;
}

const FIELDS = ['name', 'contact', 'team', 'skills'] as const satisfies readonly PersonField[];
const MAX: Record<PersonField, number> = { name: NAME_MAX, contact: CONTACT_MAX, team: NAME_MAX, skills: NAME_MAX };

export function PersonForm({ actor, existing, onDone, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const refs = useRef<Partial<Record<PersonField, HTMLInputElement | null>>>({});
  const [input, setInput] = useState<PersonInput>({
    name: existing?.name ?? '',
    contact: existing?.contact ?? '',
    team: existing?.team ?? '',
    skills: existing?.skills?.join(', ') ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<PersonField, DocIssue>>>({});
  const { error, isSaving, record } = useRecord();

  useEffect(() => refs.current.name?.focus(), []);

  const message = (field: PersonField, issue: DocIssue | undefined): string | undefined => {
    if (!issue) return undefined;
    if (field === 'name' && issue === 'required') return t('roles.people.nameRequired');
    if (field === 'skills' && issue === 'too-long' && parseList(input.skills).length > SKILLS_MAX)
      return t('roles.people.tooManySkills', { max: SKILLS_MAX });
    if (issue === 'too-long') return t('roles.people.tooLong', { max: MAX[field] });
    return t('roles.people.invalid');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkPerson(input);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = FIELDS.find((field) => checked.errors[field]);
      if (first) refs.current[first]?.focus();
      return;
    }
    const docId = existing?.id ?? crypto.randomUUID();
    const isSaved = await record([
      { type: 'doc.put', actor, payload: { collection: 'person', docId, body: checked.body } },
    ]);
    if (isSaved) onDone(docId);
  };

  const placeholder: Partial<Record<PersonField, string>> = {
    contact: t('roles.people.contactPlaceholder'),
    skills: t('roles.people.skillsPlaceholder'),
  };

  return (
    <form
      className="person-form"
      data-testid="person-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h3>{existing ? t('roles.people.formEdit', { name: existing.name }) : t('roles.people.formAdd')}</h3>
      <div className="person-fields">
        {FIELDS.map((field) => (
          <FormField
            key={field}
            id={`${id}-${field}`}
            label={t(`roles.people.${field}`)}
            hint={field === 'skills' ? t('roles.people.skillsHint') : undefined}
            error={message(field, errors[field])}
            errorTestId={`person-error-${field}`}
          >
            {(control) => (
              <input
                {...control}
                ref={(element) => {
                  refs.current[field] = element;
                }}
                data-testid={`person-${field}`}
                placeholder={placeholder[field]}
                value={input[field]}
                onChange={(event) => {
                  const value = event.target.value;
                  setInput((current) => ({ ...current, [field]: value }));
                  setErrors((current) => ({ ...current, [field]: undefined }));
                }}
              />
            )}
          </FormField>
        ))}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSaving} data-testid="person-submit">
          {existing ? t('roles.people.save') : t('roles.people.formAdd')}
        </button>
        <button type="button" onClick={onCancel} data-testid="person-cancel">
          {t('roles.people.cancel')}
        </button>
      </div>
    </form>
  );
}

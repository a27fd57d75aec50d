// Adds a custom role to the workspace, or renames one and says whether it is
// critical. Used on the role board and in the people directory.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { isRoleNameTaken, normaliseName, type Doc, type Documents } from '../../../common/domain/documents';
import { ROLES } from '../../../common/domain/roles';
import { NAME_MAX } from '../../../common/events/event';
import { LOCALES } from '../../../common/i18n/locales';
import { messages } from '../../../common/i18n/messages';
import { useT } from '../../i18n';
import { FormField } from './FormField';
import { useRecord } from './use-record';

interface Props {
  docs: Pick<Documents, 'roles'>;
  actor: string;
  /** The role to edit; absent to add one. */
  existing?: Doc<'role'>;
  onDone(roleId: string): void;
  onCancel(): void;
}

// A custom role named like a built-in one, in either language, would show twice on every board.
const BUILT_IN_NAMES = new Set(
  LOCALES.flatMap((locale) => ROLES.map((role) => normaliseName(messages[locale].role[role]))),
);

export function CustomRoleForm({ docs, actor, existing, onDone, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(existing?.name ?? '');
  const [isCritical, setIsCritical] = useState(existing?.isCritical === true);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const { error, isSaving, record } = useRecord();

  useEffect(() => nameRef.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim().replace(/\s+/g, ' ');
    let problem: string | undefined;
    if (!trimmed) problem = t('roles.customRole.nameRequired');
    else if (trimmed.length > NAME_MAX) problem = t('roles.customRole.tooLong', { max: NAME_MAX });
    else if (isRoleNameTaken(docs.roles, trimmed, existing?.id) || BUILT_IN_NAMES.has(normaliseName(trimmed)))
      problem = t('roles.customRole.nameTaken', { name: trimmed });
    if (problem) {
      setFieldError(problem);
      return nameRef.current?.focus();
    }
    const docId = existing?.id ?? crypto.randomUUID();
    const isSaved = await record([
      {
        type: 'doc.put',
        actor,
        payload: { collection: 'role', docId, body: { name: trimmed, isCritical } },
      },
    ]);
    if (isSaved) onDone(docId);
  };

  return (
    <form
      className="custom-role-form"
      data-testid="custom-role-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {!existing && <h3>{t('roles.customRole.heading')}</h3>}
      <div className="custom-role-fields">
        <FormField
          id={id}
          label={t('roles.customRole.name')}
          error={fieldError}
          errorTestId="custom-role-error"
          className="grow"
        >
          {(control) => (
            <input
              {...control}
              ref={nameRef}
              data-testid="custom-role-name"
              maxLength={NAME_MAX + 20}
              placeholder={t('roles.customRole.namePlaceholder')}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setFieldError(undefined);
              }}
            />
          )}
        </FormField>
        <label className="check">
          <input
            type="checkbox"
            data-testid="custom-role-critical"
            checked={isCritical}
            onChange={(event) => setIsCritical(event.target.checked)}
          />
          <span>{t('roles.customRole.critical')}</span>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSaving} data-testid="custom-role-submit">
          {existing ? t('roles.customRole.save') : t('roles.customRole.submit')}
        </button>
        <button type="button" onClick={onCancel} data-testid="custom-role-cancel">
          {t('roles.board.cancel')}
        </button>
      </div>
    </form>
  );
}

// Adding or editing a monitor: the fields of its type, checked by the same
// schema as a YAML import, every bad field shown with its reason at once.
// Secrets are picked by name from this computer's store, never typed in.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { DNS_RECORD_TYPES, COMPARISONS, HTTP_METHODS, PROBE_TYPES } from '../../../common/monitors/monitor-schema';
import type { MonitorDoc } from '../../../common/monitors/monitor-docs';
import { useT } from '../../i18n';
import { FormField } from '../roles/FormField';
import { useRecord } from '../roles/use-record';
import {
  checkForm,
  COMMON_FIELDS,
  EMPTY_FORM,
  fromDefinition,
  idFromName,
  TYPE_FIELDS,
  type FormField as Field,
  type MonitorFormInput,
} from './monitor-form';

interface Props {
  actor: string;
  /** Every monitor document, for parents and the uniqueness of ids. */
  docs: ReadonlyMap<string, MonitorDoc>;
  existing?: MonitorDoc;
  secretNames: readonly string[];
  onDone(): void;
  onCancel(): void;
}

const SELECTS: Partial<Record<Field, readonly string[]>> = {
  type: PROBE_TYPES,
  method: HTTP_METHODS,
  recordType: DNS_RECORD_TYPES,
  op: COMPARISONS,
};
const SECRET_FIELDS = new Set<Field>(['urlSecret', 'headerSecret', 'tokenSecret']);
const NUMBER_FIELDS = new Set<Field>([
  'port',
  'every',
  'grace',
  'threshold',
  'interval',
  'timeout',
  'failureThreshold',
  'successThreshold',
]);
const HINTS: Partial<Record<Field, string>> = {
  id: 'monitors.editor.idHint',
  url: 'monitors.editor.urlHint',
  expectedStatus: 'monitors.editor.expectedStatusHint',
  tags: 'monitors.editor.tagsHint',
};
const LABEL: Partial<Record<Field, string>> = { op: 'monitors.editor.condition' };

export function MonitorEditor({ actor, docs, existing, secretNames, onDone, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const nameRef = useRef<HTMLInputElement | null>(null);
  const [input, setInput] = useState<MonitorFormInput>(() =>
    existing?.definition ? fromDefinition(existing.definition) : EMPTY_FORM,
  );
  const [isIdTouched, setIsIdTouched] = useState(Boolean(existing));
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const { error, isSaving, record } = useRecord();

  useEffect(() => nameRef.current?.focus(), []);

  const change = (field: Field, value: string) => {
    setInput((current) => {
      const next = { ...current, [field]: value } as MonitorFormInput;
      if (field === 'name' && !isIdTouched) next.id = idFromName(value);
      return next;
    });
    if (field === 'id') setIsIdTouched(true);
    setErrors((current) => ({ ...current, [field]: undefined, ...(field === 'name' ? { id: undefined } : {}) }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkForm(input, existing?.body);
    const found: Partial<Record<Field | 'form', string>> = {};
    if (!checked.ok) {
      for (const [field, problem] of Object.entries(checked.errors)) {
        if (problem) found[field as Field | 'form'] = t(problem.reason.key, problem.reason.values);
      }
    }
    const docId = input.id.trim();
    if (docId !== existing?.id && docs.has(docId)) found.id = t('monitors.editor.idTaken');
    if (!checked.ok || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    const drafts = [
      {
        type: 'doc.put' as const,
        actor,
        payload: { collection: 'monitor', docId, body: checked.definition },
      },
      // A renamed identifier is a new document: the old one goes.
      ...(existing && existing.id !== docId
        ? [{ type: 'doc.delete' as const, actor, payload: { collection: 'monitor', docId: existing.id } }]
        : []),
    ];
    if (await record(drafts)) onDone();
  };

  const parents = [...docs.values()].filter((doc) => doc.id !== existing?.id && doc.definition);
  const fields: readonly Field[] = ['name', 'id', 'type', ...TYPE_FIELDS[input.type], ...COMMON_FIELDS];

  const control = (
    field: Field,
    props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined },
  ) => {
    const common = {
      ...props,
      'data-testid': `monitor-field-${field}`,
      value: input[field],
      onChange: (event: { target: { value: string } }) => change(field, event.target.value),
    };
    const options = SELECTS[field];
    if (options) {
      return (
        <select {...common}>
          {options.map((option) => (
            <option key={option} value={option}>
              {field === 'type' ? t(`monitors.board.type.${option}`) : option}
            </option>
          ))}
        </select>
      );
    }
    if (SECRET_FIELDS.has(field)) {
      return (
        <select {...common}>
          <option value="">{t('monitors.editor.noSecret')}</option>
          {secretNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      );
    }
    if (field === 'parent') {
      return (
        <select {...common}>
          <option value="">{t('monitors.editor.noParent')}</option>
          {parents.map((doc) => (
            <option key={doc.id} value={doc.id}>
              {doc.definition?.name ?? doc.id}
            </option>
          ))}
        </select>
      );
    }
    return (
      <input
        {...common}
        ref={field === 'name' ? nameRef : undefined}
        inputMode={NUMBER_FIELDS.has(field) ? 'decimal' : undefined}
      />
    );
  };

  return (
    <form
      className="panel monitor-editor"
      data-testid="monitor-editor"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h2>
        {existing
          ? t('monitors.editor.editHeading', { name: existing.definition?.name ?? existing.id })
          : t('monitors.editor.addHeading')}
      </h2>
      <div className="monitor-fields">
        {fields.map((field) => (
          <FormField
            key={field}
            id={`${id}-${field}`}
            label={t(LABEL[field] ?? `monitors.editor.${field}`)}
            hint={HINTS[field] ? t(HINTS[field]) : undefined}
            error={errors[field]}
            errorTestId={`monitor-error-${field}`}
            className={field === 'url' || field === 'query' || field === 'tags' ? 'is-wide' : undefined}
          >
            {(props) => control(field, props)}
          </FormField>
        ))}
      </div>
      {existing && <p className="muted">{t('monitors.editor.advanced')}</p>}
      {(errors.form ?? error) && (
        <p className="error" role="alert" data-testid="monitor-error-form">
          {errors.form ?? error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={isSaving} data-testid="monitor-save">
          {t('monitors.editor.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('monitors.editor.cancel')}
        </button>
      </div>
    </form>
  );
}

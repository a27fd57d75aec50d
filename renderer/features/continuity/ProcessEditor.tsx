// One business process as a form. The body is checked by the same schema as
// the YAML import; the first problem is shown beside the save button.
import { useState, type FormEvent } from 'react';
import { CONTINUITY_METHODS, processSchema, type BusinessProcess } from '../../../common/continuity/process-schema';
import { processName } from '../../../common/continuity/process-catalog';
import { parseList } from '../../../common/domain/documents';
import type { WarRoomState } from '../../../common/domain/incidents';
import { catalogOf } from '../../../common/runbooks/catalog';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';

interface Props {
  process: BusinessProcess | undefined;
  state: WarRoomState;
  onSave(process: BusinessProcess): Promise<void>;
  onDelete: (() => Promise<void>) | undefined;
  onCancel(): void;
}

const FIELDS = [
  'id',
  'name',
  'rtoMinutes',
  'rpoMinutes',
  'costPerDay',
  'currency',
  'services',
  'monitors',
  'backupMonitor',
  'method',
  'continuity',
  'runbookId',
  'owner',
  'lastExercised',
  'lastReviewed',
] as const;
type Field = (typeof FIELDS)[number];

function initial(process: BusinessProcess | undefined, locale: 'en' | 'fr'): Record<Field, string> {
  return {
    id: process?.id ?? '',
    name: process ? processName(process, locale) : '',
    rtoMinutes: process ? String(process.rtoMinutes) : '60',
    rpoMinutes: process ? String(process.rpoMinutes) : '30',
    costPerDay: process ? String(process.costPerDay) : '0',
    currency: process?.currency ?? 'EUR',
    services: process?.services.join(', ') ?? '',
    monitors: process?.monitors.join(', ') ?? '',
    backupMonitor: process?.backupMonitor ?? '',
    method: process?.method ?? 'none',
    continuity: process?.continuity ? localText(process.continuity, locale) : '',
    runbookId: process?.runbookId ?? '',
    owner: process?.owner ?? '',
    lastExercised: process?.lastExercised ?? '',
    lastReviewed: process?.lastReviewed ?? '',
  };
}

export function ProcessEditor({ process, state, onSave, onDelete, onCancel }: Props) {
  const t = useT();
  const locale = useLocale();
  const [values, setValues] = useState(() => initial(process, locale));
  const [error, setError] = useState<string | null>(null);
  const runbooks = catalogOf(state.runbooks);
  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((before) => ({ ...before, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (text: string) => (text.trim() ? text.trim() : undefined);
    const start = initial(process, locale);
    const body = {
      id: values.id.trim(),
      // An untouched name or text keeps both of its languages.
      name: process && values.name === start.name ? process.name : values.name.trim(),
      rtoMinutes: Number(values.rtoMinutes),
      rpoMinutes: Number(values.rpoMinutes),
      costPerDay: Number(values.costPerDay),
      currency: values.currency.trim().toUpperCase(),
      services: parseList(values.services),
      monitors: parseList(values.monitors),
      backupMonitor: optional(values.backupMonitor),
      method: values.method,
      continuity:
        process?.continuity && values.continuity === start.continuity
          ? process.continuity
          : optional(values.continuity),
      runbookId: optional(values.runbookId),
      owner: optional(values.owner),
      lastExercised: optional(values.lastExercised),
      lastReviewed: optional(values.lastReviewed),
    };
    const parsed = processSchema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const field = String(first?.path[0] ?? '');
      const label = (FIELDS as readonly string[]).includes(field) ? t(`continuity.editor.${field}`) : field;
      setError(t('continuity.editor.invalid', { field: label, message: first?.message ?? '' }));
      return;
    }
    try {
      await onSave(parsed.data);
    } catch (caught) {
      setError(t('continuity.editor.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
    }
  };

  const input = (field: Field, type = 'text', extra: Record<string, string> = {}) => (
    <label className="field" key={field}>
      <span>{t(`continuity.editor.${field}`)}</span>
      <input
        type={type}
        value={values[field]}
        onChange={set(field)}
        data-testid={`process-${field}`}
        readOnly={field === 'id' && process !== undefined}
        {...extra}
      />
    </label>
  );

  return (
    <form className="panel process-editor" onSubmit={(event) => void submit(event)} data-testid="process-editor">
      <h2>{t('continuity.editor.heading')}</h2>
      <div className="form-grid">
        {input('id', 'text', { pattern: '[a-z0-9][a-z0-9-]*', required: 'true' })}
        {input('name', 'text', { required: 'true' })}
        {input('rtoMinutes', 'number', { min: '1' })}
        {input('rpoMinutes', 'number', { min: '0' })}
        {input('costPerDay', 'number', { min: '0' })}
        {input('currency')}
        {input('services')}
        {input('monitors')}
        {input('backupMonitor')}
        <label className="field">
          <span>{t('continuity.editor.method')}</span>
          <select value={values.method} onChange={set('method')} data-testid="process-method">
            {CONTINUITY_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`continuity.method.${method}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('continuity.editor.runbookId')}</span>
          <select value={values.runbookId} onChange={set('runbookId')} data-testid="process-runbookId">
            <option value="">{t('continuity.editor.noRunbook')}</option>
            {runbooks.map(({ runbook }) => (
              <option key={runbook.id} value={runbook.id}>
                {localText(runbook.title, locale)}
              </option>
            ))}
          </select>
        </label>
        {input('owner')}
        {input('lastExercised', 'date')}
        {input('lastReviewed', 'date')}
        <label className="field wide">
          <span>{t('continuity.editor.continuity')}</span>
          <textarea value={values.continuity} onChange={set('continuity')} rows={3} data-testid="process-continuity" />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="process-save">
          {t('continuity.editor.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('continuity.editor.cancel')}
        </button>
        {onDelete && (
          <button type="button" className="danger" onClick={() => void onDelete()} data-testid="process-delete">
            {t('continuity.editor.delete')}
          </button>
        )}
        {error && (
          <span className="error" role="alert" data-testid="process-error">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}

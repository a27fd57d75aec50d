// The templates per audience: the built-in ones and the workspace's own, each
// editable; saving a built-in one stores an edited copy under the same id.
import { useMemo, useState } from 'react';
import { AUDIENCES, type Audience } from '../../../common/comms/audiences';
import { templateSchema, type CommsDocs, type Template } from '../../../common/comms/comms-docs';
import { templateCatalog } from '../../../common/comms/library';
import { VARIABLES } from '../../../common/comms/render';
import { LOCALES, type Locale } from '../../../common/i18n/locales';
import { useT } from '../../i18n';
import { saveTemplate } from './comms-actions';

export function TemplatesPanel({ comms, actor }: { comms: CommsDocs; actor: string }) {
  const t = useT();
  const catalog = useMemo(() => templateCatalog(comms), [comms]);
  const [editing, setEditing] = useState<Template | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const save = async (draft: Template) => {
    const parsed = templateSchema.safeParse(draft);
    if (!parsed.success) {
      setNotice({
        kind: 'error',
        text: t('comms.templates.invalid', { message: parsed.error.issues[0]?.message ?? '' }),
      });
      return;
    }
    await saveTemplate(parsed.data, actor);
    setEditing(null);
    setNotice({ kind: 'ok', text: t('comms.templates.saved') });
  };

  return (
    <section data-testid="templates">
      <header className="comms-header">
        <h2>{t('comms.templates.heading')}</h2>
        <button
          data-testid="template-new"
          onClick={() =>
            setEditing({ id: crypto.randomUUID(), name: '', audience: 'internal', locale: 'en', subject: '', body: '' })
          }
        >
          {t('comms.templates.new')}
        </button>
      </header>
      {notice && (
        <p className={notice.kind === 'ok' ? 'success' : 'error'} role="status">
          {notice.text}
        </p>
      )}
      {editing && <TemplateEditor draft={editing} onSave={save} onCancel={() => setEditing(null)} />}
      <ul className="template-list">
        {catalog.map(({ template, isBuiltIn, overrides }) => (
          <li key={template.id} data-testid="template-item">
            <strong>{template.name}</strong> · {t(`comms.audience.${template.audience}`)} ·{' '}
            {template.locale.toUpperCase()}{' '}
            <span className="tag">
              {isBuiltIn
                ? t('comms.templates.builtIn')
                : overrides
                  ? t('comms.templates.edited')
                  : t('comms.templates.own')}
            </span>{' '}
            <button className="link" onClick={() => setEditing(template)} data-testid="template-edit">
              {t('comms.templates.edit')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TemplateEditor({
  draft,
  onSave,
  onCancel,
}: {
  draft: Template;
  onSave(template: Template): Promise<void>;
  onCancel(): void;
}) {
  const t = useT();
  const [value, setValue] = useState<Template>(draft);
  return (
    <form
      className="template-editor"
      data-testid="template-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(value);
      }}
    >
      <label className="field">
        <span>{t('comms.templates.name')}</span>
        <input
          data-testid="template-name"
          value={value.name}
          onChange={(e) => setValue({ ...value, name: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('comms.templates.audience')}</span>
        <select
          data-testid="template-audience"
          value={value.audience}
          onChange={(e) => setValue({ ...value, audience: e.target.value as Audience })}
        >
          {AUDIENCES.map((audience) => (
            <option key={audience} value={audience}>
              {t(`comms.audience.${audience}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('comms.templates.language')}</span>
        <select
          data-testid="template-locale"
          value={value.locale}
          onChange={(e) => setValue({ ...value, locale: e.target.value as Locale })}
        >
          {LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {t(`languages.${locale}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('comms.composer.subject')}</span>
        <input
          data-testid="template-subject"
          value={value.subject ?? ''}
          onChange={(e) => setValue({ ...value, subject: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('comms.composer.text')}</span>
        <textarea
          rows={10}
          data-testid="template-body"
          value={value.body}
          onChange={(e) => setValue({ ...value, body: e.target.value })}
        />
      </label>
      <p className="muted">
        {t('comms.templates.variablesHint', { names: VARIABLES.map((name) => `{{${name}}}`).join(' ') })}
      </p>
      <div className="composer-actions">
        <button className="primary" type="submit" data-testid="template-save">
          {t('comms.templates.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('comms.templates.cancel')}
        </button>
      </div>
    </form>
  );
}

// The monitor secrets of this computer: names listed, values stored and never
// shown again. Monitors refer to them by name.
import { useId, useState, type FormEvent } from 'react';
import { SECRET_NAME_PATTERN } from '../../../common/bridge/monitor-contract';
import { useT } from '../../i18n';
import { FormField } from '../roles/FormField';

interface Props {
  names: readonly string[];
  onSave(name: string, value: string | null): Promise<boolean>;
}

export function SecretsPanel({ names, onSave }: Props) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<{ name?: string; value?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: { name?: string; value?: string } = {};
    if (!SECRET_NAME_PATTERN.test(name.trim())) found.name = t('monitors.secrets.nameInvalid');
    if (!value) found.value = t('monitors.secrets.valueRequired');
    setErrors(found);
    if (found.name || found.value) return;
    if (await onSave(name.trim(), value)) {
      setName('');
      setValue('');
    }
  };

  return (
    <section className="panel secrets-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('monitors.secrets.heading')}</h2>
      <p className="muted">{t('monitors.secrets.intro')}</p>
      {names.length === 0 ? (
        <p className="muted">{t('monitors.secrets.none')}</p>
      ) : (
        <ul className="secret-names" data-testid="secret-names">
          {names.map((secret) => (
            <li key={secret}>
              <code>{secret}</code>
              <button type="button" className="link" onClick={() => void onSave(secret, null)}>
                {t('monitors.secrets.remove', { name: secret })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="secret-form" noValidate onSubmit={(event) => void submit(event)}>
        <FormField id={`${id}-name`} label={t('monitors.secrets.name')} error={errors.name}>
          {(control) => (
            <input
              {...control}
              data-testid="secret-name"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </FormField>
        <FormField id={`${id}-value`} label={t('monitors.secrets.value')} error={errors.value}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="off"
              data-testid="secret-value"
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </FormField>
        <button type="submit" data-testid="secret-save">
          {t('monitors.secrets.save')}
        </button>
      </form>
    </section>
  );
}

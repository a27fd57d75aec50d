// The confirmation before a step acts: the exact program, arguments and
// environment (or the exact HTTP call, every header) the host will run, nothing
// paraphrased. Runbook text is shown as text; nothing in it is ever
// interpreted by a shell. Header values that carry credentials are masked.
import { useEffect, useRef } from 'react';
import { hostEnvPassed, isSecretBearingHeader, type RunbookStep } from '../../../common/runbooks/runbook-schema';
import { useT } from '../../i18n';
import { useUiStore } from '../../store/ui-store';
import { CommandLine } from './StepView';

const MASK = '••••••';

interface Props {
  step: Extract<RunbookStep, { kind: 'command' | 'http' }>;
  isDryRun: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function CommandConfirm({ step, isDryRun, onConfirm, onCancel }: Props) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  // The host's platform decides the few variables Windows needs besides PATH, HOME, LANG and TZ.
  const platform = useUiStore((state) => state.appInfo?.platform ?? '');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="command-confirm"
      data-testid="command-confirm"
      aria-labelledby="command-confirm-heading"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="command-confirm-heading">
        {step.kind === 'command' ? t('runbooks.confirm.heading') : t('runbooks.confirm.httpHeading')}
      </h2>
      <p className="muted">{t('runbooks.confirm.intro')}</p>
      {isDryRun && (
        <p className="dry-run-note" data-testid="confirm-dry-run">
          {t('runbooks.confirm.dryRun')}
        </p>
      )}
      {step.kind === 'command' ? (
        <dl className="confirm-facts">
          <dt>{t('runbooks.confirm.program')}</dt>
          <dd>
            <code data-testid="confirm-program">{step.command.program}</code>
          </dd>
          <dt>{t('runbooks.confirm.args')}</dt>
          <dd>
            {step.command.args.length === 0 ? (
              <span className="muted">{t('runbooks.confirm.noArgs')}</span>
            ) : (
              <ol className="confirm-args">
                {step.command.args.map((arg, index) => (
                  <li key={index}>
                    <code data-testid="confirm-arg">{arg}</code>
                  </li>
                ))}
              </ol>
            )}
          </dd>
          <dt>{t('runbooks.confirm.cwd')}</dt>
          <dd>{step.command.cwd ? <code>{step.command.cwd}</code> : t('runbooks.confirm.cwdDefault')}</dd>
          <dt>{t('runbooks.confirm.env')}</dt>
          <dd data-testid="confirm-env">
            <p className="confirm-env-host" data-testid="confirm-env-host">
              {t('runbooks.confirm.envFromHost', { names: hostEnvPassed(platform).join(', ') })}
            </p>
            {step.command.env && Object.keys(step.command.env).length > 0 && (
              <p className="confirm-env-step">
                {t('runbooks.confirm.envOfStep')}{' '}
                {Object.entries(step.command.env).map(([name, value]) => (
                  <code key={name} className="env-pair" data-testid="confirm-env-var">
                    {name}={value}
                  </code>
                ))}
              </p>
            )}
          </dd>
          <dt>{t('runbooks.confirm.timeout')}</dt>
          <dd>{t('runbooks.confirm.seconds', { count: step.command.timeoutSeconds })}</dd>
          <dt>{t('runbooks.confirm.expectExit')}</dt>
          <dd>{step.command.expectExit}</dd>
          <dt>{t('runbooks.confirm.stdin')}</dt>
          <dd>
            {step.command.stdin === undefined ? (
              t('runbooks.confirm.stdinClosed')
            ) : (
              <pre className="confirm-stdin">{step.command.stdin}</pre>
            )}
          </dd>
        </dl>
      ) : (
        <dl className="confirm-facts">
          <dt>HTTP</dt>
          <dd>
            <CommandLine program={step.http.method} args={[step.http.url]} />
          </dd>
          {step.http.headers && Object.keys(step.http.headers).length > 0 && (
            <>
              <dt>{t('runbooks.confirm.headers')}</dt>
              <dd className="confirm-headers">
                {Object.entries(step.http.headers).map(([header, value]) => {
                  const isMasked = isSecretBearingHeader(header);
                  return (
                    <code
                      key={header}
                      className="env-pair"
                      data-testid="confirm-header"
                      data-header={header}
                      data-masked={isMasked}
                    >
                      {header}: {isMasked ? <span title={t('runbooks.confirm.masked')}>{MASK}</span> : value}
                    </code>
                  );
                })}
              </dd>
            </>
          )}
          {step.http.secretHeaders && (
            <>
              <dt>{t('runbooks.confirm.secretHeaders')}</dt>
              <dd>
                {Object.entries(step.http.secretHeaders).map(([header, secret]) => (
                  <code
                    key={header}
                    className="env-pair"
                    data-testid="confirm-header"
                    data-header={header}
                    data-masked={true}
                  >
                    {header}: «{secret}»
                  </code>
                ))}
              </dd>
            </>
          )}
          {step.http.body !== undefined && (
            <>
              <dt>{t('runbooks.confirm.body')}</dt>
              <dd>
                <pre className="confirm-stdin">{step.http.body}</pre>
              </dd>
            </>
          )}
          <dt>{t('runbooks.confirm.timeout')}</dt>
          <dd>{t('runbooks.confirm.seconds', { count: step.http.timeoutSeconds })}</dd>
        </dl>
      )}
      <div className="form-actions">
        <button type="button" className="primary" data-testid="confirm-run" onClick={onConfirm}>
          {isDryRun ? t('runbooks.confirm.confirmDry') : t('runbooks.confirm.confirm')}
        </button>
        <button type="button" data-testid="confirm-cancel" onClick={onCancel}>
          {t('runbooks.confirm.cancel')}
        </button>
      </div>
    </dialog>
  );
}

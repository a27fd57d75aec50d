// One step as people read it, in the library and in a running checklist: what
// kind it is, who does it, and for a step that acts, exactly what it runs.
// Every piece of runbook text is rendered as text, never as markup.
import type { Documents } from '../../../common/domain/documents';
import { localText, type RunbookStep } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';
import { roleLabel } from '../roles/role-label';

interface Props {
  step: RunbookStep;
  docs: Pick<Documents, 'roles'>;
  /** Titles of the runbook's steps by id, for decision targets. */
  stepTitles: ReadonlyMap<string, string>;
}

/** A command as an argument vector: one chip per argument, whitespace and newlines visible. */
export function CommandLine({ program, args }: { program: string; args: readonly string[] }) {
  return (
    <code className="command-line" data-testid="command-line">
      <span className="command-program">{program}</span>
      {args.map((arg, index) => (
        <span key={index} className="command-arg" data-testid="command-arg">
          {arg}
        </span>
      ))}
    </code>
  );
}

export function StepView({ step, docs, stepTitles }: Props) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="step-view">
      <div className="step-heading">
        <span className={`step-kind kind-${step.kind}`}>{t(`runbooks.kind.${step.kind}`)}</span>
        <strong className="step-title" data-testid="step-title">
          {localText(step.title, locale)}
        </strong>
        {step.role && <span className="tag">{t('runbooks.step.role', { role: roleLabel(step.role, docs, t) })}</span>}
        {step.approval && <span className="tag approval">{t('runbooks.step.approval')}</span>}
      </div>
      {step.detail && <p className="step-detail">{localText(step.detail, locale)}</p>}
      {step.kind === 'command' && <CommandLine program={step.command.program} args={step.command.args} />}
      {step.kind === 'http' && (
        <code className="command-line">
          {t('runbooks.step.http', { method: step.http.method, url: step.http.url })}
        </code>
      )}
      {step.kind === 'wait-monitor' && (
        <p className="muted">
          {t('runbooks.step.waitFor', {
            monitor: step.monitor,
            until: t(`runbooks.step.${step.until}`),
            minutes: Math.ceil(step.timeoutSeconds / 60),
          })}
        </p>
      )}
      {step.kind === 'communicate' && (
        <p className="muted">
          {t('runbooks.step.sendTo', { audience: t(`runbooks.audience.${step.audience}`) })}
          {step.template ? ` · ${t('runbooks.step.template', { template: step.template })}` : ''}
        </p>
      )}
      {step.kind === 'timer' && <p className="muted">{t('runbooks.step.timer', { minutes: step.minutes })}</p>}
      {step.kind === 'decision' && (
        <ul className="decision-options">
          {step.options.map((option) => (
            <li key={option.id}>
              {localText(option.label, locale)}
              {option.goto && (
                <span className="muted">
                  {' '}
                  {t('runbooks.step.goto', { step: stepTitles.get(option.goto) ?? option.goto })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

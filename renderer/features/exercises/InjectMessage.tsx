// One inject as it reaches the team: a message with its sender and channel,
// a phone call's script, an alert, a question, a monitor changing state. All
// scenario text is shown as text: a hostile file cannot inject markup.
import type { Documents } from '../../../common/domain/documents';
import type { Inject } from '../../../common/exercises/scenario-schema';
import { localText } from '../../../common/runbooks/runbook-schema';
import { useLocale, useT } from '../../i18n';
import { roleLabel } from '../roles/role-label';

/** The line that says what arrived, before its text. */
export function useInjectHeadline(docs: Pick<Documents, 'roles'>): (inject: Inject) => string {
  const t = useT();
  const locale = useLocale();
  return (inject) => {
    switch (inject.kind) {
      case 'monitor-down':
        return t('exercises.inbox.monitorDown', { monitor: inject.monitor });
      case 'monitor-slow':
        return inject.latencyMs === undefined
          ? t('exercises.inbox.monitorSlow', { monitor: inject.monitor })
          : t('exercises.inbox.monitorSlowLatency', { monitor: inject.monitor, latency: inject.latencyMs });
      case 'monitor-up':
        return t('exercises.inbox.monitorUp', { monitor: inject.monitor });
      case 'alert':
        return inject.source ? t('exercises.inbox.alertFrom', { source: inject.source }) : t('exercises.inbox.alert');
      case 'stakeholder-message':
      case 'journalist-message':
        return t('exercises.inbox.from', {
          from: localText(inject.from, locale),
          channel: t(`exercises.channel.${inject.channel}`),
        });
      case 'phone-call':
        return t('exercises.inbox.call', { from: localText(inject.from, locale) });
      case 'question':
        return inject.to
          ? t('exercises.inbox.questionTo', { role: roleLabel(inject.to, docs, t) })
          : t('exercises.inbox.question');
      case 'complication':
        return t('exercises.inbox.complication');
    }
  };
}

interface Props {
  inject: Inject;
  docs: Pick<Documents, 'roles'>;
}

export function InjectMessage({ inject, docs }: Props) {
  const t = useT();
  const locale = useLocale();
  const headline = useInjectHeadline(docs);
  return (
    <div className={`inject-message inject-kind-${inject.kind}`} data-kind={inject.kind}>
      <p className="inject-message-head">
        <span className="tag">{t(`exercises.inject.${inject.kind}`)}</span>{' '}
        <strong data-testid="inject-message-headline">{headline(inject)}</strong>
      </p>
      {inject.kind === 'phone-call' && <p className="muted inject-script-label">{t('exercises.inbox.script')}</p>}
      <p className={inject.kind === 'phone-call' ? 'inject-text inject-script' : 'inject-text'}>
        {localText(inject.text, locale)}
      </p>
    </div>
  );
}

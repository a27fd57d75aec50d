// The evidence an acting step left: how it ended, exit code or HTTP status,
// duration, output size and hash, and the output kept (as text, never markup).
import type { Evidence } from '../../../common/runbooks/run-payloads';
import { useT } from '../../i18n';
import { CommandLine } from './StepView';

export function EvidenceView({ evidence }: { evidence: Evidence }) {
  const t = useT();
  return (
    <div className="evidence" data-testid="evidence" data-outcome={evidence.outcome}>
      {evidence.program !== undefined && <CommandLine program={evidence.program} args={evidence.args ?? []} />}
      {evidence.url !== undefined && <CommandLine program={evidence.method ?? 'GET'} args={[evidence.url]} />}
      <p className="evidence-facts">
        <span className={`outcome outcome-${evidence.outcome}`}>
          {evidence.kind === 'wait' && evidence.outcome === 'ok'
            ? t('runbooks.evidence.waitReached', {
                monitor: evidence.monitor ?? '',
                until: t(`runbooks.step.${evidence.until ?? 'up'}`),
              })
            : t(`runbooks.outcome.${evidence.outcome}`)}
        </span>
        {evidence.exitCode !== undefined && evidence.exitCode !== null && (
          <span data-testid="evidence-exit-code">{t('runbooks.evidence.exitCode', { code: evidence.exitCode })}</span>
        )}
        {evidence.signal && <span>{t('runbooks.evidence.signal', { signal: evidence.signal })}</span>}
        {evidence.httpStatus !== undefined && (
          <span>{t('runbooks.evidence.httpStatus', { status: evidence.httpStatus })}</span>
        )}
        <span>{t('runbooks.evidence.duration', { seconds: (evidence.durationMs / 1000).toFixed(1) })}</span>
        <span>{t('runbooks.evidence.bytes', { bytes: evidence.outputBytes })}</span>
        <span className="hash" title={evidence.outputSha256}>
          {t('runbooks.evidence.sha256', { hash: evidence.outputSha256.slice(0, 12) })}
        </span>
      </p>
      {evidence.error && <p className="error">{evidence.error}</p>}
      {evidence.output && (
        <details>
          <summary>
            {t('runbooks.evidence.show')}
            {evidence.isTruncated ? ` · ${t('runbooks.evidence.truncated')}` : ''}
          </summary>
          <pre className="evidence-output" data-testid="evidence-output">
            {evidence.output}
          </pre>
        </details>
      )}
    </div>
  );
}

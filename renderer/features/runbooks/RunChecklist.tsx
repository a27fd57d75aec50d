// One checklist run on an incident: every step with its status, what it needs
// (a second person's approval, a confirmation), and the controls to move it on.
// Steps that act open the exact-command confirmation, then a terminal pane.
// What the host would refuse is said here first, from the same rules: no
// approve button for whoever started the run, no run button for a run two
// starts claim or an approval that does not cover it.
import { useEffect, useMemo, useState } from 'react';
import type { Documents } from '../../../common/domain/documents';
import { normaliseName } from '../../../common/domain/documents';
import {
  effectiveStatuses,
  isContested,
  isDryRun,
  isSamePerson,
  runProgress,
  type RunbookRun,
  type StepState,
} from '../../../common/runbooks/run-state';
import type { StepStatus } from '../../../common/runbooks/run-payloads';
import { isActingStep, localText, type RunbookStep } from '../../../common/runbooks/runbook-schema';
import { approvalRefusal, REFUSALS, type Refusal } from '../../../common/runbooks/step-authority';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatRelative, formatTime } from '../../i18n/format';
import { CommandConfirm } from './CommandConfirm';
import { EvidenceView } from './EvidenceView';
import { cancelExec, type ExecEnded } from './exec-stream';
import { changeStep, ownDeviceId, runActingStep } from './runbook-actions';
import { StepView } from './StepView';
import { audienceOfStep, requestCompose } from '../comms/compose-request';
import { TerminalPane } from './terminal/TerminalPane';

interface Props {
  incidentId: string;
  run: RunbookRun;
  docs: Pick<Documents, 'roles'>;
  actor: string;
}

interface Exec {
  readonly execId: string;
  readonly ended?: ExecEnded;
  /** The host did not answer in time: it may still be running the step, so the pane keeps listening. */
  readonly isUnanswered?: boolean;
}

function isRefusal(value: string): value is Refusal {
  return (REFUSALS as readonly string[]).includes(value);
}

const REOPENABLE: ReadonlySet<StepStatus> = new Set(['done', 'skipped', 'failed', 'cancelled']);

/** This window's device id, once its replica has said it. */
function useOwnDevice(): string | undefined {
  const [device, setDevice] = useState<string>();
  useEffect(() => {
    let isLive = true;
    ownDeviceId()
      .then((id) => {
        if (isLive) setDevice(id);
      })
      // Without it, the host still refuses an approval from the starter's device.
      .catch(() => undefined);
    return () => {
      isLive = false;
    };
  }, []);
  return device;
}

export function RunChecklist({ incidentId, run, docs, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow(5_000);
  const [confirming, setConfirming] = useState<Extract<RunbookStep, { kind: 'command' | 'http' }> | null>(null);
  const [execs, setExecs] = useState<ReadonlyMap<string, Exec>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const statuses = useMemo(() => effectiveStatuses(run), [run]);
  const progress = useMemo(() => runProgress(run), [run]);
  const stepTitles = useMemo(
    () => new Map((run.runbook?.steps ?? []).map((step) => [step.id, localText(step.title, locale)])),
    [run.runbook, locale],
  );
  const isDry = isDryRun(run);
  const ownDevice = useOwnDevice();

  const act = (work: Promise<unknown>) => {
    setError(null);
    work.catch((failure: unknown) =>
      setError(t('runbooks.run.failed', { message: failure instanceof Error ? failure.message : String(failure) })),
    );
  };
  const set = (step: RunbookStep, status: StepStatus, extra: { branch?: string } = {}) =>
    act(
      changeStep(incidentId, run.id, step.id, status, actor, {
        ...extra,
        // An approval covers this very start, and no other claiming the same run id.
        ...(status === 'approved' ? { runHash: run.start.hash } : {}),
      }),
    );

  const confirm = async (step: Extract<RunbookStep, { kind: 'command' | 'http' | 'wait-monitor' }>) => {
    setConfirming(null);
    setError(null);
    // The pane opens at once and listens before the host is asked, so no output is missed.
    const execId = crypto.randomUUID();
    setExecs((current) => new Map(current).set(step.id, { execId }));
    const result = await runActingStep(incidentId, run, step, actor, execId);
    if (result.ok) return;
    if (result.error.code === 'unavailable') {
      // A slow host may have run it all the same: never invite a second run blindly.
      setExecs((current) => new Map(current).set(step.id, { execId, isUnanswered: true }));
      setError(t('runbooks.run.noAnswer'));
      return;
    }
    setExecs((current) => {
      const next = new Map(current);
      next.delete(step.id);
      return next;
    });
    setError(
      result.error.code === 'refused' && isRefusal(result.error.message)
        ? t(`runbooks.refusal.${result.error.message}`)
        : t('runbooks.run.hostFailed', { message: result.error.message }),
    );
  };

  const onEnded = (stepId: string, ended: ExecEnded) =>
    setExecs((current) => {
      const exec = current.get(stepId);
      return exec && exec.execId === ended.execId ? new Map(current).set(stepId, { ...exec, ended }) : current;
    });

  if (!run.runbook) {
    return (
      <article className="run" data-testid="run" data-run-id={run.id}>
        <h3>{localText(run.title, locale)}</h3>
        <p className="muted">{t('runbooks.run.unreadable')}</p>
      </article>
    );
  }

  return (
    <article className="run" data-testid="run" data-run-id={run.id} data-runbook-id={run.runbookId}>
      <header className="run-header">
        <h3>{localText(run.title, locale)}</h3>
        {run.isExercise && <span className="tag">{t('runbooks.run.exerciseTag')}</span>}
        <span className="run-progress" data-testid="run-progress">
          {progress.isComplete
            ? t('runbooks.run.complete')
            : t('runbooks.run.progress', { finished: progress.finished, total: progress.total })}
        </span>
        <progress max={progress.total} value={progress.finished} />
        <span className="muted" title={formatDateTime(run.startedAt, locale)}>
          {t('runbooks.run.startedBy', { actor: run.startedBy, when: formatRelative(run.startedAt, now, locale) })}
          {run.version > 0 ? ` · ${t('runbooks.run.version', { version: run.version })}` : ''}
        </span>
      </header>
      {isContested(run) && (
        <p className="flag" role="alert" data-testid="run-contested">
          {t('runbooks.run.contested', {
            actors: [run.startedBy, ...run.contestedBy.map((claim) => claim.actor)].join(', '),
          })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ol className="run-steps">
        {run.runbook.steps.map((step) => {
          const status = statuses.get(step.id) ?? 'pending';
          const state = run.steps.get(step.id);
          const exec = execs.get(step.id);
          return (
            <li
              key={step.id}
              className={`run-step status-${status}${progress.current?.id === step.id ? ' current' : ''}`}
              data-testid="run-step"
              data-step-id={step.id}
              data-status={status}
            >
              <span className={`step-status status-${status}`} data-testid="step-status">
                {t(`runbooks.status.${status}`)}
              </span>
              <StepView step={step} docs={docs} stepTitles={stepTitles} />
              <StepFacts step={step} state={state} now={now} run={run} actor={actor} isDry={isDry} />
              <StepActions
                step={step}
                status={status}
                state={state}
                run={run}
                actor={actor}
                ownDevice={ownDevice}
                isDry={isDry}
                isExecuting={exec !== undefined && exec.ended === undefined}
                onSet={(next, extra) => set(step, next, extra)}
                onRun={() => {
                  // A wait only watches a monitor: nothing to confirm.
                  if (step.kind === 'wait-monitor') void confirm(step);
                  else if (isActingStep(step)) setConfirming(step);
                }}
              />
              {exec && (
                <div className="exec">
                  <div className="exec-header">
                    <span data-testid="exec-state" data-state={exec.ended ? exec.ended.status : 'running'}>
                      {exec.ended
                        ? t('runbooks.terminal.ended', {
                            outcome: t(`runbooks.outcome.${exec.ended.evidence.outcome}`),
                          })
                        : t('runbooks.terminal.running')}
                      {exec.ended?.evidence.exitCode !== undefined && exec.ended.evidence.exitCode !== null
                        ? ` · ${t('runbooks.terminal.exitCode', { code: exec.ended.evidence.exitCode })}`
                        : ''}
                    </span>
                    {!exec.ended && (
                      <button
                        type="button"
                        className="danger"
                        data-testid="exec-cancel"
                        onClick={() => void cancelExec(exec.execId)}
                      >
                        {t('runbooks.action.cancel')}
                      </button>
                    )}
                    {exec.ended && (
                      <button
                        type="button"
                        data-testid="exec-close"
                        onClick={() =>
                          setExecs((current) => {
                            const next = new Map(current);
                            next.delete(step.id);
                            return next;
                          })
                        }
                      >
                        {t('runbooks.terminal.close')}
                      </button>
                    )}
                  </div>
                  <TerminalPane
                    execId={exec.execId}
                    title={localText(step.title, locale)}
                    onEnded={(ended) => onEnded(step.id, ended)}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {confirming && (
        <CommandConfirm
          step={confirming}
          isDryRun={isDry}
          onConfirm={() => void confirm(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </article>
  );
}

interface FactsProps {
  step: RunbookStep;
  state: StepState | undefined;
  now: number;
  run: RunbookRun;
  actor: string;
  isDry: boolean;
}

function StepFacts({ step, state, now, run, actor, isDry }: FactsProps) {
  const t = useT();
  const locale = useLocale();
  if (!state) return null;
  const refusal = step.approval && state.approval ? approvalRefusal(run, step.id, { actor, dryRun: isDry }) : undefined;
  const due = step.kind === 'timer' && state.status === 'running' ? state.at + step.minutes * 60_000 : undefined;
  const chosen =
    step.kind === 'decision' && state.status === 'done'
      ? step.options.find((option) => option.id === state.branch)?.label
      : undefined;
  return (
    <div className="step-facts">
      {state.requestedBy && (
        <span className="muted">{t('runbooks.step.requestedBy', { actor: state.requestedBy })}</span>
      )}
      {state.approval && (
        <span className="muted" data-testid="approved-by">
          {t('runbooks.step.approvedBy', { actor: state.approval.actor })}
        </span>
      )}
      {refusal === 'legacy-approval' && (
        <span className="flag" data-testid="approval-refused" data-refusal={refusal}>
          {t('runbooks.step.legacyApproval')}
        </span>
      )}
      {refusal === 'approver-runs' && (
        <span className="muted" data-testid="approval-refused" data-refusal={refusal}>
          {t('runbooks.step.approverRuns')}
        </span>
      )}
      {chosen !== undefined && (
        <span data-testid="step-branch">
          {state.actor} {t('runbooks.timeline.branch', { branch: localText(chosen, locale) })}
        </span>
      )}
      {due !== undefined && (
        <span className={due <= now ? 'timer-due' : 'muted'} data-testid="timer-due">
          {due <= now
            ? t('runbooks.step.timerElapsed')
            : t('runbooks.step.timerDue', { when: formatTime(due, locale) })}
        </span>
      )}
      {state.evidence && <EvidenceView evidence={state.evidence} />}
    </div>
  );
}

interface ActionsProps {
  step: RunbookStep;
  status: StepStatus;
  state: StepState | undefined;
  run: RunbookRun;
  actor: string;
  /** Undefined until the window's replica says it. */
  ownDevice: string | undefined;
  isDry: boolean;
  isExecuting: boolean;
  onSet(status: StepStatus, extra?: { branch?: string }): void;
  onRun(): void;
}

/** Why this window may not approve a step of this run, as an `runbooks.action.*` key; undefined when it may. */
function approveBlock(
  run: RunbookRun,
  state: StepState | undefined,
  actor: string,
  ownDevice: string | undefined,
): 'approveSelf' | 'approveStarter' | 'approveStarterDevice' | undefined {
  if (state?.requestedBy !== undefined && normaliseName(state.requestedBy) === normaliseName(actor))
    return 'approveSelf';
  if (isSamePerson(run.startedBy, actor)) return 'approveStarter';
  if (ownDevice === undefined || ownDevice === run.start.deviceId) return 'approveStarterDevice';
  return undefined;
}

function StepActions({ step, status, state, run, actor, ownDevice, isDry, isExecuting, onSet, onRun }: ActionsProps) {
  const t = useT();
  const locale = useLocale();
  const refusal = step.approval ? approvalRefusal(run, step.id, { actor, dryRun: isDry }) : undefined;
  // Approved for this start by another person; whoever approved is told below that someone else runs it.
  const isApproved = refusal === undefined || refusal === 'approver-runs';
  const isOpen = status === 'pending' || status === 'approved' || status === 'awaiting-approval';
  // Two starts claim the run: the host acts on none of its steps, so none is offered.
  const isActing = !isContested(run);
  const block = approveBlock(run, state, actor, ownDevice);
  const buttons: React.ReactNode[] = [];

  if (step.approval && status === 'pending') {
    buttons.push(
      <button key="ask" type="button" data-testid="step-request-approval" onClick={() => onSet('awaiting-approval')}>
        {t('runbooks.action.requestApproval')}
      </button>,
    );
  }
  // Awaiting, or approved by an older version whose approval does not cover a live run.
  if (isActing && (status === 'awaiting-approval' || (status === 'approved' && refusal === 'legacy-approval'))) {
    buttons.push(
      <button
        key="approve"
        type="button"
        data-testid="step-approve"
        data-blocked={block}
        disabled={block !== undefined}
        title={block ? t(`runbooks.action.${block}`) : undefined}
        onClick={() => onSet('approved')}
      >
        {block ? t(`runbooks.action.${block}`) : t('runbooks.action.approve')}
      </button>,
    );
  }
  if (isOpen && isApproved && (isActing || !(isActingStep(step) || step.kind === 'wait-monitor'))) {
    switch (step.kind) {
      case 'command':
      case 'http':
        buttons.push(
          <button
            key="run"
            type="button"
            className="primary"
            data-testid="step-run"
            disabled={isExecuting || refusal === 'approver-runs'}
            title={refusal === 'approver-runs' ? t('runbooks.step.approverRuns') : undefined}
            onClick={onRun}
          >
            {isDry
              ? t('runbooks.action.runDry')
              : step.kind === 'http'
                ? t('runbooks.action.call')
                : t('runbooks.action.run')}
          </button>,
        );
        break;
      case 'decision':
        for (const option of step.options) {
          buttons.push(
            <button
              key={option.id}
              type="button"
              data-testid="step-choose"
              data-option={option.id}
              onClick={() => onSet('done', { branch: option.id })}
            >
              {localText(option.label, locale)}
            </button>,
          );
        }
        break;
      case 'timer':
        buttons.push(
          <button key="start" type="button" data-testid="step-start-timer" onClick={() => onSet('running')}>
            {t('runbooks.action.startTimer')}
          </button>,
        );
        break;
      case 'wait-monitor':
        buttons.push(
          <button
            key="wait"
            type="button"
            className="primary"
            data-testid="step-wait"
            disabled={isExecuting}
            onClick={onRun}
          >
            {t('runbooks.action.wait')}
          </button>,
          // Kept for a monitor this laptop does not run, or a check made by other means.
          <button key="tick" type="button" data-testid="step-tick" onClick={() => onSet('done')}>
            {t('runbooks.action.markUp')}
          </button>,
        );
        break;
      case 'manual':
      case 'communicate':
        if (step.kind === 'communicate')
          buttons.push(
            <button
              key="compose"
              type="button"
              data-testid="step-compose"
              onClick={() => requestCompose(audienceOfStep(step.audience), step.template)}
            >
              {t('comms.panel.compose')}
            </button>,
          );
        buttons.push(
          <button key="tick" type="button" className="primary" data-testid="step-tick" onClick={() => onSet('done')}>
            {step.kind === 'communicate' ? t('runbooks.action.sent') : t('runbooks.action.tick')}
          </button>,
        );
        break;
    }
  }
  if (step.kind === 'timer' && status === 'running') {
    buttons.push(
      <button key="tick" type="button" className="primary" data-testid="step-tick" onClick={() => onSet('done')}>
        {t('runbooks.action.tick')}
      </button>,
    );
  }
  if (isOpen && !isExecuting) {
    buttons.push(
      <button key="skip" type="button" className="link" data-testid="step-skip" onClick={() => onSet('skipped')}>
        {t('runbooks.action.skip')}
      </button>,
    );
  }
  if (REOPENABLE.has(status) && state !== undefined && !isExecuting) {
    buttons.push(
      <button key="reopen" type="button" className="link" data-testid="step-reopen" onClick={() => onSet('pending')}>
        {t('runbooks.action.untick')}
      </button>,
    );
  }
  return buttons.length > 0 ? <div className="step-actions">{buttons}</div> : null;
}

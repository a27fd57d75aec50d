// The facilitator's debrief: who took part and in which role, strengths,
// areas for improvement and the improvement plan (action, owner, due date),
// saved as one `exercise.debrief` event (the last one saved wins).
import { useState, type FormEvent } from 'react';
import type { Documents } from '../../../common/domain/documents';
import { ROLES } from '../../../common/domain/roles';
import type { AfterActionNotes } from '../../../common/exercises/session-payloads';
import { useT } from '../../i18n';
import { roleLabel } from '../roles/role-label';
import {
  EMPTY_PARTICIPANT,
  EMPTY_PLAN_ROW,
  formOfNotes,
  notesOfForm,
  type DebriefForm,
  type DebriefProblem,
  type ParticipantRow,
  type PlanRow,
} from './debrief-form';

interface Props {
  notes: AfterActionNotes;
  /** The roles the scenario asks for, offered first. */
  roles: readonly string[];
  docs: Pick<Documents, 'roles'>;
  onSave(notes: AfterActionNotes): Promise<void>;
}

const SECTION_LABEL: Record<string, string> = {
  participants: 'exercises.report.participants',
  strengths: 'exercises.report.section.strengths',
  improvements: 'exercises.report.section.improvements',
  plan: 'exercises.report.section.plan',
};

/** A form that starts with one empty row where there is none, so there is somewhere to type. */
function initialForm(notes: AfterActionNotes): DebriefForm {
  const form = formOfNotes(notes);
  return {
    ...form,
    participants: form.participants.length === 0 ? [EMPTY_PARTICIPANT] : form.participants,
    plan: form.plan.length === 0 ? [EMPTY_PLAN_ROW] : form.plan,
  };
}

export function DebriefEditor({ notes, roles, docs, onSave }: Props) {
  const t = useT();
  const [form, setForm] = useState<DebriefForm>(() => initialForm(notes));
  const [problems, setProblems] = useState<readonly DebriefProblem[]>([]);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [failure, setFailure] = useState('');
  const roleChoices = [...new Set([...roles, ...ROLES, ...docs.roles.keys()])];

  const change = (next: Partial<DebriefForm>) => {
    setForm((before) => ({ ...before, ...next }));
    setStatus('idle');
  };
  const setParticipant = (index: number, row: Partial<ParticipantRow>) =>
    change({ participants: form.participants.map((old, at) => (at === index ? { ...old, ...row } : old)) });
  const setPlan = (index: number, row: Partial<PlanRow>) =>
    change({ plan: form.plan.map((old, at) => (at === index ? { ...old, ...row } : old)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = notesOfForm(form);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setProblems([]);
    setStatus('saving');
    try {
      await onSave(result.notes);
      setStatus('saved');
    } catch (caught) {
      setFailure(caught instanceof Error ? caught.message : String(caught));
      setStatus('failed');
    }
  };

  const problemText = (problem: DebriefProblem) => {
    const section = problem.values?.section;
    const values =
      typeof section === 'string'
        ? { ...problem.values, section: t(SECTION_LABEL[section] ?? section) }
        : problem.values;
    return t(problem.key, values);
  };

  return (
    <form className="panel debrief" data-testid="debrief-editor" onSubmit={(event) => void submit(event)}>
      <h2>{t('exercises.debrief.heading')}</h2>
      <p className="muted">{t('exercises.debrief.intro')}</p>

      <fieldset className="field">
        <legend>{t('exercises.debrief.participants')}</legend>
        {form.participants.map((row, index) => (
          <div key={index} className="debrief-row" data-testid="debrief-participant">
            <input
              aria-label={t('exercises.debrief.name')}
              placeholder={t('exercises.debrief.name')}
              maxLength={120}
              value={row.name}
              onChange={(event) => setParticipant(index, { name: event.target.value })}
              data-testid="debrief-participant-name"
            />
            <select
              aria-label={t('exercises.debrief.role')}
              value={row.role}
              onChange={(event) => setParticipant(index, { role: event.target.value })}
              data-testid="debrief-participant-role"
            >
              <option value="">{t('exercises.debrief.noRole')}</option>
              {roleChoices.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role, docs, t)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="link"
              onClick={() => change({ participants: form.participants.filter((_, at) => at !== index) })}
            >
              {t('exercises.debrief.remove')}
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            data-testid="debrief-participant-add"
            onClick={() => change({ participants: [...form.participants, EMPTY_PARTICIPANT] })}
          >
            {t('exercises.debrief.addParticipant')}
          </button>
        </div>
      </fieldset>

      <div className="form-grid">
        <label className="field">
          <span>{t('exercises.debrief.strengths')}</span>
          <textarea
            rows={4}
            value={form.strengths}
            onChange={(event) => change({ strengths: event.target.value })}
            data-testid="debrief-strengths"
          />
        </label>
        <label className="field">
          <span>{t('exercises.debrief.improvements')}</span>
          <textarea
            rows={4}
            value={form.improvements}
            onChange={(event) => change({ improvements: event.target.value })}
            data-testid="debrief-improvements"
          />
        </label>
      </div>

      <fieldset className="field">
        <legend>{t('exercises.debrief.plan')}</legend>
        {form.plan.map((row, index) => (
          <div key={index} className="debrief-row" data-testid="debrief-plan-row">
            <input
              className="debrief-plan-action"
              aria-label={t('exercises.debrief.planAction')}
              placeholder={t('exercises.debrief.planAction')}
              maxLength={500}
              value={row.action}
              onChange={(event) => setPlan(index, { action: event.target.value })}
              data-testid="debrief-plan-action"
            />
            <input
              aria-label={t('exercises.debrief.owner')}
              placeholder={t('exercises.debrief.owner')}
              maxLength={120}
              value={row.owner}
              onChange={(event) => setPlan(index, { owner: event.target.value })}
              data-testid="debrief-plan-owner"
            />
            <input
              type="date"
              aria-label={t('exercises.debrief.due')}
              value={row.due}
              onChange={(event) => setPlan(index, { due: event.target.value })}
              data-testid="debrief-plan-due"
            />
            <button
              type="button"
              className="link"
              onClick={() => change({ plan: form.plan.filter((_, at) => at !== index) })}
            >
              {t('exercises.debrief.remove')}
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            data-testid="debrief-plan-add"
            onClick={() => change({ plan: [...form.plan, EMPTY_PLAN_ROW] })}
          >
            {t('exercises.debrief.addPlan')}
          </button>
        </div>
      </fieldset>

      {problems.length > 0 && (
        <ul className="error" role="alert" data-testid="debrief-problems">
          {problems.map((problem, index) => (
            <li key={index}>{problemText(problem)}</li>
          ))}
        </ul>
      )}
      {status === 'failed' && (
        <p className="error" role="alert">
          {t('roles.board.failed', { message: failure })}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={status === 'saving'} data-testid="debrief-save">
          {t('exercises.debrief.save')}
        </button>
        {status === 'saved' && (
          <span role="status" data-testid="debrief-saved">
            {t('exercises.debrief.saved')}
          </span>
        )}
      </div>
    </form>
  );
}

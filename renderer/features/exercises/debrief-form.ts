// The debrief editor's form and the notes it stands for. Blank rows are
// dropped, half-filled ones are refused with the row named, and what remains
// is checked by the same schema the fold reads, so a saved debrief always
// shows in the report.
import { afterActionNotesSchema, type AfterActionNotes } from '../../../common/exercises/session-payloads';

export interface ParticipantRow {
  readonly name: string;
  /** A role id, or '' for none. */
  readonly role: string;
}

export interface PlanRow {
  readonly action: string;
  readonly owner: string;
  /** `2026-12-15`, as a date input gives it; '' while unset. */
  readonly due: string;
}

export interface DebriefForm {
  readonly participants: readonly ParticipantRow[];
  /** One strength a line. */
  readonly strengths: string;
  /** One area for improvement a line. */
  readonly improvements: string;
  readonly plan: readonly PlanRow[];
}

export interface DebriefProblem {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export type DebriefResult =
  | { readonly ok: true; readonly notes: AfterActionNotes }
  | { readonly ok: false; readonly problems: readonly DebriefProblem[] };

export const EMPTY_PARTICIPANT: ParticipantRow = { name: '', role: '' };
export const EMPTY_PLAN_ROW: PlanRow = { action: '', owner: '', due: '' };

export function formOfNotes(notes: AfterActionNotes): DebriefForm {
  return {
    participants: notes.participants.map((person) => ({ name: person.name, role: person.role ?? '' })),
    strengths: notes.strengths.join('\n'),
    improvements: notes.improvements.join('\n'),
    plan: notes.plan.map((item) => ({ ...item })),
  };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

const SECTIONS = ['participants', 'strengths', 'improvements', 'plan'] as const;

export function notesOfForm(form: DebriefForm): DebriefResult {
  const problems: DebriefProblem[] = [];
  const participants: { name: string; role?: string }[] = [];
  form.participants.forEach((row, index) => {
    const name = row.name.trim();
    const role = row.role.trim();
    if (!name && !role) return;
    if (!name) problems.push({ key: 'exercises.debrief.participantIncomplete', values: { row: index + 1 } });
    else participants.push(role ? { name, role } : { name });
  });
  const plan: { action: string; owner: string; due: string }[] = [];
  form.plan.forEach((row, index) => {
    const item = { action: row.action.trim(), owner: row.owner.trim(), due: row.due.trim() };
    if (!item.action && !item.owner && !item.due) return;
    if (!item.action || !item.owner || !/^\d{4}-\d{2}-\d{2}$/.test(item.due))
      problems.push({ key: 'exercises.debrief.planIncomplete', values: { row: index + 1 } });
    else plan.push(item);
  });
  if (problems.length > 0) return { ok: false, problems };
  const parsed = afterActionNotesSchema.safeParse({
    participants,
    strengths: lines(form.strengths),
    improvements: lines(form.improvements),
    plan,
  });
  if (parsed.success) return { ok: true, notes: parsed.data };
  const seen = new Set<string>();
  for (const issue of parsed.error.issues) {
    const section = SECTIONS.find((name) => name === issue.path[0]) ?? 'strengths';
    // A list too long fails on the list itself; a line too long fails deeper.
    const key = issue.path.length === 1 ? 'exercises.debrief.tooMany' : 'exercises.debrief.tooLong';
    if (seen.has(`${key}:${section}`)) continue;
    seen.add(`${key}:${section}`);
    problems.push({ key, values: { section } });
  }
  return { ok: false, problems };
}

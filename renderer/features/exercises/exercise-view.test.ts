// The pure parts of the exercise screens: the participants' inbox order, the
// inject states, the clock format and the debrief form's checks.
import { describe, expect, it } from 'vitest';
import type { Inject } from '../../../common/exercises/scenario-schema';
import type { FiredInject } from '../../../common/exercises/session';
import { EMPTY_PLAN_ROW, formOfNotes, notesOfForm, type DebriefForm } from './debrief-form';
import { formatClock } from './exercise-format';
import { firedSince, inboxOf, injectState } from './inbox';

function fired(id: string, at: number): FiredInject {
  const inject = { id, kind: 'question', offsetSeconds: 0, text: { en: id, fr: id } } as unknown as Inject;
  return { inject, at, elapsedMs: at, by: 'clock', actor: 'exercise-clock', eventId: `event-${id}` };
}

const blank: DebriefForm = { participants: [], strengths: '', improvements: '', plan: [] };

describe('the inbox', () => {
  it('shows the newest inject first, and of two at the same moment the one fired later', () => {
    const session = {
      fired: new Map([
        ['a', fired('a', 1_000)],
        ['b', fired('b', 3_000)],
        ['c', fired('c', 3_000)],
        ['d', fired('d', 2_000)],
      ]),
    };
    expect(inboxOf(session).map((entry) => entry.inject.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('tells the injects fired since a moment from those already seen', () => {
    const session = {
      fired: new Map([
        ['a', fired('a', 1)],
        ['b', fired('b', 2)],
      ]),
    };
    expect(firedSince(session, new Set(['event-a'])).map((entry) => entry.inject.id)).toEqual(['b']);
  });

  it('names an inject fired, skipped or pending', () => {
    const session = { fired: new Map([['a', fired('a', 1)]]), skipped: new Map([['b', { at: 1, actor: 'F' }]]) };
    expect(['a', 'b', 'c'].map((id) => injectState(session, id))).toEqual(['fired', 'skipped', 'pending']);
  });
});

describe('the exercise clock', () => {
  it('reads hours, minutes and seconds, never negative, past 99 hours if it must', () => {
    expect(formatClock(0)).toBe('00:00:00');
    expect(formatClock(3_723_999)).toBe('01:02:03');
    expect(formatClock(-5_000)).toBe('00:00:00');
    expect(formatClock(100 * 3_600_000)).toBe('100:00:00');
  });
});

describe('the debrief form', () => {
  it('drops blank rows and keeps a role only where one was chosen', () => {
    const result = notesOfForm({
      participants: [
        { name: ' Fatima ', role: 'commander' },
        { name: 'Paul', role: '' },
        { name: '', role: '' },
      ],
      strengths: 'Declared fast\n\n  Clear roles  ',
      improvements: '',
      plan: [EMPTY_PLAN_ROW, { action: 'Write the switch runbook', owner: 'Paul', due: '2026-12-15' }],
    });
    expect(result).toEqual({
      ok: true,
      notes: {
        participants: [{ name: 'Fatima', role: 'commander' }, { name: 'Paul' }],
        strengths: ['Declared fast', 'Clear roles'],
        improvements: [],
        plan: [{ action: 'Write the switch runbook', owner: 'Paul', due: '2026-12-15' }],
      },
    });
  });

  it('refuses half-filled rows, naming each', () => {
    const result = notesOfForm({
      ...blank,
      participants: [{ name: '', role: 'scribe' }],
      plan: [
        { action: 'Rehearse', owner: '', due: '2026-12-15' },
        { action: 'Buy', owner: 'Ana', due: 'soon' },
      ],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { key: 'exercises.debrief.participantIncomplete', values: { row: 1 } },
        { key: 'exercises.debrief.planIncomplete', values: { row: 1 } },
        { key: 'exercises.debrief.planIncomplete', values: { row: 2 } },
      ],
    });
  });

  it('refuses a line too long and a list too long once per section', () => {
    const long = notesOfForm({ ...blank, strengths: `${'x'.repeat(2_001)}\n${'y'.repeat(2_001)}` });
    expect(long).toEqual({
      ok: false,
      problems: [{ key: 'exercises.debrief.tooLong', values: { section: 'strengths' } }],
    });
    const many = notesOfForm({
      ...blank,
      improvements: Array.from({ length: 51 }, (_, at) => `line ${at}`).join('\n'),
    });
    expect(many).toEqual({
      ok: false,
      problems: [{ key: 'exercises.debrief.tooMany', values: { section: 'improvements' } }],
    });
  });

  it('gives back the form a saved debrief came from', () => {
    const notes = {
      participants: [{ name: 'Fatima', role: 'commander' }, { name: 'Paul' }],
      strengths: ['Declared fast'],
      improvements: ['Name a scribe'],
      plan: [{ action: 'Write it down', owner: 'Paul', due: '2026-12-15' }],
    };
    expect(notesOfForm(formOfNotes(notes))).toEqual({ ok: true, notes });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE, nextUpdate, type CadenceInput } from './cadence';

const MINUTE = 60_000;
const declaredAt = 1_700_000_000_000;
const base: CadenceInput = { severity: 'SEV1', status: 'investigating', declaredAt, sentAt: [] };

describe('communication cadence', () => {
  it.each([
    ['SEV1', 5, 30],
    ['SEV2', 15, 60],
    ['SEV3', 60, 240],
  ] as const)('%s: first update %i minutes after the declaration, then every %i minutes', (severity, first, every) => {
    const input = { ...base, severity };
    expect(nextUpdate(input, declaredAt + MINUTE)).toEqual({
      kind: 'due',
      dueAt: declaredAt + first * MINUTE,
      remainingMs: (first - 1) * MINUTE,
      isOverdue: false,
      isFirst: true,
    });
    const sent = declaredAt + first * MINUTE;
    expect(nextUpdate({ ...input, sentAt: [sent] }, sent)).toMatchObject({
      dueAt: sent + every * MINUTE,
      remainingMs: every * MINUTE,
      isFirst: false,
    });
  });

  it('counts from the last update sent, whatever order they are given in', () => {
    const sentAt = [declaredAt + 40 * MINUTE, declaredAt + 4 * MINUTE, declaredAt + 20 * MINUTE];
    expect(nextUpdate({ ...base, sentAt }, declaredAt + 41 * MINUTE)).toMatchObject({
      dueAt: declaredAt + 70 * MINUTE,
    });
  });

  it('is overdue once the moment passes, by how much', () => {
    expect(nextUpdate(base, declaredAt + 7 * MINUTE)).toMatchObject({
      isOverdue: true,
      remainingMs: -2 * MINUTE,
    });
    expect(nextUpdate(base, declaredAt + 5 * MINUTE)).toMatchObject({ isOverdue: false, remainingMs: 0 });
  });

  it('expects nothing for SEV4, nor once the incident is resolved or closed', () => {
    expect(DEFAULT_CADENCE.SEV4).toBeNull();
    expect(nextUpdate({ ...base, severity: 'SEV4' }, declaredAt + 10 * 60 * MINUTE)).toEqual({ kind: 'none' });
    expect(nextUpdate({ ...base, status: 'resolved' }, declaredAt + 60 * MINUTE)).toEqual({ kind: 'none' });
    expect(nextUpdate({ ...base, status: 'closed' }, declaredAt + 60 * MINUTE)).toEqual({ kind: 'none' });
    expect(nextUpdate({ ...base, status: 'monitoring' }, declaredAt)).toMatchObject({ kind: 'due' });
  });

  it('treats an update stamped before the declaration as sent at the declaration', () => {
    expect(nextUpdate({ ...base, sentAt: [declaredAt - 10 * MINUTE] }, declaredAt)).toMatchObject({
      dueAt: declaredAt + 30 * MINUTE,
      isFirst: false,
    });
  });

  it('follows a custom policy', () => {
    const policy = { ...DEFAULT_CADENCE, SEV4: { firstMs: MINUTE, everyMs: MINUTE } };
    expect(nextUpdate({ ...base, severity: 'SEV4' }, declaredAt, policy)).toMatchObject({ dueAt: declaredAt + MINUTE });
  });
});

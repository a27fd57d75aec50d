import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROCESS_LIST } from './process-catalog';
import { exportProcessesYaml, parseProcessesYaml } from './process-yaml';

describe('processes YAML', () => {
  it('reads back what it exports', () => {
    const text = exportProcessesYaml(BUILT_IN_PROCESS_LIST);
    const parsed = parseProcessesYaml(text);
    expect(parsed).toEqual({ ok: true, processes: BUILT_IN_PROCESS_LIST });
  });

  it('refuses a whole file with the line, column and reason of each problem', () => {
    const text = [
      'processes:',
      '  - id: payment',
      '    name: Payment',
      '    rtoMinutes: 60',
      '    rpoMinutes: 30',
      '    costPerDay: 75000',
      '    lastExercised: 2026-13-01',
      '  - id: Bad Id',
      '    name: Shipping',
      '    rtoMinutes: -5',
      '    rpoMinutes: 0',
      '    costPerDay: 10',
      '    colour: blue',
    ].join('\n');
    const parsed = parseProcessesYaml(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((error) => [error.line, error.code])).toEqual([
      [7, 'date'],
      [8, 'processId'],
      [10, 'tooSmall'],
      [13, 'unknownField'],
    ]);
    expect(parsed.error.message).toBe('“processes[0].lastExercised” must be a date written YYYY-MM-DD.');
  });

  it('refuses a duplicate id and a file that is not a map', () => {
    const one = 'processes:\n  - {id: a, name: A, rtoMinutes: 1, rpoMinutes: 1, costPerDay: 1}\n';
    const twice = parseProcessesYaml(one + '  - {id: a, name: B, rtoMinutes: 1, rpoMinutes: 1, costPerDay: 1}\n');
    expect(twice.ok ? [] : twice.errors.map((error) => [error.line, error.code])).toEqual([[3, 'duplicateId']]);
    const list = parseProcessesYaml('- a\n- b\n');
    expect(list.ok ? '' : list.error.code).toBe('notFile');
    const broken = parseProcessesYaml('processes: [\n');
    expect(broken.ok ? '' : broken.error.code).toBe('syntax');
  });
});

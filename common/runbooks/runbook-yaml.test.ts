import { describe, expect, it } from 'vitest';
import { isSecretBearingHeader } from './runbook-schema';
import { exportRunbookYaml, parseRunbookFile, parseRunbookYaml } from './runbook-yaml';

const GOOD = `id: restart-api
title: Restart the API
steps:
  - id: check
    kind: manual
    title: Check the dashboards
  - id: restart
    kind: command
    title: Restart
    approval: true
    command:
      program: systemctl
      args: [restart, api]
      timeoutSeconds: 60
  - id: choose
    kind: decision
    title: Fixed?
    options:
      - { id: yes, label: Yes, goto: done }
      - { id: no, label: No }
  - id: escalate
    kind: manual
    title: Escalate
  - id: done
    kind: manual
    title: Close
`;

function refusal(text: string) {
  const result = parseRunbookYaml(text);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('runbook YAML', () => {
  it('reads a runbook with defaults filled in, and exports what it reads back', () => {
    const result = parseRunbookYaml(GOOD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const restart = result.runbook.steps[1];
    expect(restart).toMatchObject({ kind: 'command', command: { program: 'systemctl', expectExit: 0 } });
    const again = parseRunbookYaml(exportRunbookYaml(result.runbook));
    expect(again).toEqual(result);
  });

  it('refuses a YAML syntax error with its line', () => {
    expect(refusal('id: x\ntitle: [unclosed\nsteps: []\n')).toMatchObject({ code: 'syntax', line: 3 });
  });

  it('refuses a missing field at the line of the map that lacks it', () => {
    const error = refusal(GOOD.replace('    title: Restart\n', ''));
    expect(error).toMatchObject({ code: 'required', field: 'steps[1].title', line: 7 });
    expect(error.message).toBe('“steps[1].title” is required.');
  });

  it('refuses an unknown step kind and an unknown field with their lines', () => {
    expect(
      refusal(GOOD.replace('kind: manual\n    title: Escalate', 'kind: shell\n    title: Escalate')),
    ).toMatchObject({
      code: 'oneOf',
      line: 22,
    });
    expect(refusal(GOOD.replace('      timeoutSeconds: 60', '      shell: true'))).toMatchObject({
      code: 'unknownField',
      field: 'steps[1].command.shell',
      line: 14,
    });
  });

  it('refuses a decision that jumps back or to a step that does not exist', () => {
    expect(refusal(GOOD.replace('goto: done', 'goto: check'))).toMatchObject({
      code: 'backwardGoto',
      field: 'steps[2].options[0].goto',
      line: 19,
    });
    expect(refusal(GOOD.replace('goto: done', 'goto: nowhere'))).toMatchObject({ code: 'unknownStep', line: 19 });
  });

  it('refuses a wrong type and duplicate step ids, every problem in file order', () => {
    expect(refusal(GOOD.replace('timeoutSeconds: 60', 'timeoutSeconds: soon'))).toMatchObject({
      code: 'type',
      line: 14,
      message: '“steps[1].command.timeoutSeconds” has the wrong type: number expected.',
    });
    const result = parseRunbookYaml(GOOD.replace('id: escalate', 'id: check').replace('id: done', 'id: choose'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.code, error.line])).toEqual([
      ['unknownStep', 19],
      ['duplicateStep', 21],
      ['duplicateStep', 24],
    ]);
  });

  it('reads a Markdown file with the runbook in its front matter, lines counted from the top', () => {
    const markdown = `---\n${GOOD}---\nWhen the API stops answering.\n`;
    const result = parseRunbookFile(markdown);
    expect(result.ok && result.runbook.summary).toBe('When the API stops answering.');
    const broken = parseRunbookFile(`---\n${GOOD.replace('    title: Restart\n', '')}---\n`);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.line).toBe(8);
  });

  it('keeps hostile text as plain data: metacharacters are arguments, not a shell line', () => {
    const result = parseRunbookYaml(
      GOOD.replace('args: [restart, api]', `args: ['$(touch /tmp/pwned)', '; rm -rf ~', "a\\nb"]`),
    );
    expect(result.ok).toBe(true);
    if (result.ok && result.runbook.steps[1]?.kind === 'command') {
      expect(result.runbook.steps[1].command.args).toEqual(['$(touch /tmp/pwned)', '; rm -rf ~', 'a\nb']);
    }
  });

  it('reads a command’s own environment, and refuses a bad name or too many variables', () => {
    const withEnv = (env: string) =>
      GOOD.replace('      timeoutSeconds: 60', `      timeoutSeconds: 60\n      env: ${env}`);
    const result = parseRunbookYaml(withEnv('{ DEPLOY_TARGET: blue, http_proxy: "http://proxy:3128" }'));
    expect(result.ok && result.runbook.steps[1]?.kind === 'command' && result.runbook.steps[1].command.env).toEqual({
      DEPLOY_TARGET: 'blue',
      http_proxy: 'http://proxy:3128',
    });
    expect(refusal(withEnv('{ "BAD-NAME": x }'))).toMatchObject({ field: 'steps[1].command.env.BAD-NAME', line: 15 });
    const many = Array.from({ length: 33 }, (_, index) => `V${index}: x`).join(', ');
    expect(refusal(withEnv(`{ ${many} }`))).toMatchObject({ code: 'tooBig', field: 'steps[1].command.env' });
  });
});

describe('headers shown masked in a confirmation', () => {
  it('masks credentials, cookies and names that say token, key or secret; shows the rest', () => {
    for (const name of ['Authorization', 'cookie', 'X-Api-Key', 'X-Auth-Token', 'Private-Token', 'X-Client-Secret']) {
      expect(isSecretBearingHeader(name), name).toBe(true);
    }
    for (const name of ['Content-Type', 'Accept', 'X-Request-Id', 'User-Agent']) {
      expect(isSecretBearingHeader(name), name).toBe(false);
    }
  });
});

// Import and export of monitors as YAML. An import with any problem is refused
// whole: every problem is listed with its line, column and reason, and the
// record is left exactly as it was. Files and text over the size limit are
// refused unread (renderer/files/).
import { useId, useState } from 'react';
import type { YamlProblem } from '../../../common/monitors/monitor-yaml';
import { exportMonitorsYaml } from '../../../common/monitors/monitor-yaml';
import type { MonitorDefinition } from '../../../common/monitors/monitor-schema';
import { FileRefusalNotice } from '../../files/FileRefusalNotice';
import { readYamlFile, readYamlText, type FileRefusal, type ReadYamlOutcome } from '../../files/read-yaml';
import { useT } from '../../i18n';
import { useRecord } from '../roles/use-record';
import { planParsed } from './monitor-import';

interface Props {
  actor: string;
  monitors: readonly MonitorDefinition[];
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The click has started the download; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function YamlPanel({ actor, monitors }: Props) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<readonly YamlProblem[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<FileRefusal | null>(null);
  const { error, isSaving, record } = useRecord();

  const apply = async (reading: Promise<ReadYamlOutcome<'monitors'>>) => {
    setDone(null);
    setRefusal(null);
    const outcome = await reading;
    if (!outcome.ok) {
      setProblems([]);
      setRefusal(outcome.refusal);
      return;
    }
    const plan = planParsed(outcome.result, actor);
    if (!plan.ok) {
      setProblems(plan.problems);
      return;
    }
    setProblems([]);
    if (await record([...plan.drafts])) {
      setDone(t('monitors.yamlIo.imported', { count: plan.drafts.length }));
      setText('');
    }
  };

  return (
    <section className="panel yaml-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('monitors.yamlIo.heading')}</h2>
      <p className="muted">{t('monitors.yamlIo.mergeHint')}</p>
      <div className="yaml-actions">
        <label className="file-button">
          <span>{t('monitors.yamlIo.import')}</span>
          <input
            type="file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            data-testid="yaml-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void apply(readYamlFile('monitors', file));
            }}
          />
        </label>
        <button
          type="button"
          data-testid="yaml-export"
          disabled={monitors.length === 0}
          onClick={() => download('monitors.yaml', exportMonitorsYaml(monitors))}
        >
          {t('monitors.yamlIo.export')}
        </button>
      </div>
      <label className="field" htmlFor={`${id}-paste`}>
        <span>{t('monitors.yamlIo.paste')}</span>
      </label>
      <textarea
        id={`${id}-paste`}
        data-testid="yaml-text"
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblems([]);
          setRefusal(null);
          setDone(null);
        }}
      />
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="yaml-apply"
          disabled={isSaving || !text.trim()}
          onClick={() => void apply(readYamlText('monitors', text))}
        >
          {t('monitors.yamlIo.apply')}
        </button>
      </div>
      {problems.length > 0 && (
        <div className="yaml-refused" role="alert" data-testid="yaml-refused">
          <p className="error">{t('monitors.yamlIo.refused')}</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index} data-testid="yaml-problem" data-line={problem.line}>
                {t('monitors.yamlIo.problem', {
                  line: problem.line,
                  column: problem.column,
                  reason: t(problem.reason.key, problem.reason.values),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {refusal && <FileRefusalNotice refusal={refusal} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p role="status" data-testid="yaml-imported">
          {done}
        </p>
      )}
    </section>
  );
}

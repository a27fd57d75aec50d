// The business impact analysis: every process with its RTO, RPO and daily
// cost, an editor, and the whole list as a YAML file to download or import
// (refused unread when over the size limit: renderer/files/).
import { useRef, useState } from 'react';
import { processCatalog, processName, type ProcessEntry } from '../../../common/continuity/process-catalog';
import { PROCESS_COLLECTION, type BusinessProcess } from '../../../common/continuity/process-schema';
import { exportProcessesYaml, type ProcessYamlProblem } from '../../../common/continuity/process-yaml';
import type { WarRoomState } from '../../../common/domain/incidents';
import { FileRefusalNotice } from '../../files/FileRefusalNotice';
import { readYamlFile, type FileRefusal } from '../../files/read-yaml';
import { useLocale, useT } from '../../i18n';
import { deleteDoc, putProcesses } from './continuity-actions';
import { downloadYaml } from './download';
import { formatMinutes, formatMoney } from './format';
import { ProcessEditor } from './ProcessEditor';

interface Props {
  state: WarRoomState;
  actor: string;
}

export function ProcessesPanel({ state, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const catalog = processCatalog(state.continuity);
  const [editing, setEditing] = useState<BusinessProcess | 'new' | null>(null);
  const [problems, setProblems] = useState<readonly ProcessYamlProblem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<FileRefusal | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const importFile = async (chosen: File) => {
    setRefusal(null);
    const outcome = await readYamlFile('processes', chosen);
    if (!outcome.ok) {
      setRefusal(outcome.refusal);
      setProblems([]);
      setNotice(null);
      return;
    }
    const parsed = outcome.result;
    if (!parsed.ok) {
      setProblems(parsed.errors);
      setNotice(null);
      return;
    }
    await putProcesses(parsed.processes, actor);
    setProblems([]);
    setNotice(t('continuity.processes.imported', { count: parsed.processes.length }));
  };

  const row = ({ process, source }: ProcessEntry) => (
    <tr key={process.id} data-testid="process-row" data-process={process.id}>
      <td>
        <strong>{processName(process, locale)}</strong>
        <br />
        <small className="muted">
          {source === 'built-in' ? t('continuity.processes.builtIn') : t('continuity.processes.workspace')}
        </small>
      </td>
      <td>{formatMinutes(process.rtoMinutes)}</td>
      <td>{formatMinutes(process.rpoMinutes)}</td>
      <td>{formatMoney(process.costPerDay, process.currency, locale)}</td>
      <td>{process.services.join(', ')}</td>
      <td>
        <button type="button" className="link" onClick={() => setEditing(process)} data-testid="process-edit">
          {t('continuity.processes.edit')}
        </button>
      </td>
    </tr>
  );

  return (
    <div className="panel" data-testid="processes-panel">
      <h1>{t('continuity.processes.heading')}</h1>
      <p className="muted">{t('continuity.processes.intro')}</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="process-new">
          {t('continuity.processes.new')}
        </button>
        <button
          type="button"
          onClick={() =>
            downloadYaml('business-processes.yaml', exportProcessesYaml(catalog.map((entry) => entry.process)))
          }
          data-testid="processes-export"
        >
          {t('continuity.processes.export')}
        </button>
        <button type="button" onClick={() => file.current?.click()} data-testid="processes-import">
          {t('continuity.processes.import')}
        </button>
        <input
          ref={file}
          type="file"
          accept=".yaml,.yml,text/yaml"
          hidden
          data-testid="processes-import-file"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) void importFile(chosen);
          }}
        />
        <small className="muted">{t('continuity.processes.importHint')}</small>
      </div>
      {notice && <p role="status">{notice}</p>}
      {refusal && <FileRefusalNotice refusal={refusal} />}
      {problems.length > 0 && (
        <ul className="yaml-errors" role="alert" data-testid="processes-import-errors">
          {problems.map((problem, index) => (
            <li key={index}>
              {t('continuity.processes.refused', {
                line: problem.line,
                column: problem.column,
                reason: t(`continuity.yaml.${problem.code}`, problem.values),
              })}
            </li>
          ))}
        </ul>
      )}
      {editing !== null && (
        <ProcessEditor
          process={editing === 'new' ? undefined : editing}
          state={state}
          onSave={async (process) => {
            await putProcesses([process], actor);
            setEditing(null);
          }}
          onDelete={
            editing !== 'new' && state.continuity.processes.has(editing.id)
              ? async () => {
                  await deleteDoc(PROCESS_COLLECTION, editing.id, actor);
                  setEditing(null);
                }
              : undefined
          }
          onCancel={() => setEditing(null)}
        />
      )}
      {catalog.length === 0 ? (
        <p className="empty">{t('continuity.processes.empty')}</p>
      ) : (
        <table className="data-table" data-testid="process-table">
          <thead>
            <tr>
              <th>{t('continuity.processes.name')}</th>
              <th>{t('continuity.processes.rto')}</th>
              <th>{t('continuity.processes.rpo')}</th>
              <th>{t('continuity.processes.costPerDay')}</th>
              <th>{t('continuity.processes.services')}</th>
              <th />
            </tr>
          </thead>
          <tbody>{catalog.map(row)}</tbody>
        </table>
      )}
    </div>
  );
}

// The workspace's own roles, managed from the directory: add, rename, mark
// critical, delete. Whoever holds a deleted role keeps it until released.
import { useState } from 'react';
import type { Documents } from '../../../common/domain/documents';
import { useT } from '../../i18n';
import { CustomRoleForm } from '../roles/CustomRoleForm';
import { useRecord } from '../roles/use-record';

interface Props {
  docs: Documents;
  actor: string;
}

type Editing = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'delete'; id: string } | null;

export function CustomRoles({ docs, actor }: Props) {
  const t = useT();
  const [editing, setEditing] = useState<Editing>(null);
  const { error, isSaving, record } = useRecord();
  const roles = [...docs.roles.values()].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section className="custom-roles" data-testid="custom-roles" aria-labelledby="custom-roles-heading">
      <div className="section-header">
        <h2 id="custom-roles-heading">{t('roles.customRoles.heading')}</h2>
        <button type="button" data-testid="custom-role-open" onClick={() => setEditing({ kind: 'add' })}>
          + {t('roles.board.addRole')}
        </button>
      </div>
      <p className="muted">{t('roles.customRoles.intro')}</p>
      {editing?.kind === 'add' && (
        <CustomRoleForm docs={docs} actor={actor} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {roles.length === 0 ? (
        <p className="muted">{t('roles.customRoles.empty')}</p>
      ) : (
        <ul className="custom-role-list">
          {roles.map((role) => (
            <li key={role.id} data-testid="custom-role-row" data-role-id={role.id}>
              {editing?.kind === 'edit' && editing.id === role.id ? (
                <CustomRoleForm
                  docs={docs}
                  actor={actor}
                  existing={role}
                  onDone={() => setEditing(null)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <div className="custom-role-line">
                  <strong data-testid="custom-role-label">{role.name}</strong>
                  <label className="check">
                    <input
                      type="checkbox"
                      data-testid="custom-role-toggle-critical"
                      checked={role.isCritical === true}
                      disabled={isSaving}
                      onChange={(event) =>
                        void record([
                          {
                            type: 'doc.put',
                            actor,
                            payload: {
                              collection: 'role',
                              docId: role.id,
                              body: { name: role.name, isCritical: event.target.checked },
                            },
                          },
                        ])
                      }
                    />
                    <span>{t('roles.customRoles.critical')}</span>
                  </label>
                  {editing?.kind === 'delete' && editing.id === role.id ? (
                    <span className="confirm" role="group">
                      <span>{t('roles.customRoles.confirmDelete', { name: role.name })}</span>
                      <button
                        type="button"
                        className="danger"
                        data-testid="custom-role-delete-confirm"
                        disabled={isSaving}
                        onClick={() =>
                          void record([
                            { type: 'doc.delete', actor, payload: { collection: 'role', docId: role.id } },
                          ]).then((isSaved) => isSaved && setEditing(null))
                        }
                      >
                        {t('roles.people.confirm')}
                      </button>
                      <button type="button" onClick={() => setEditing(null)}>
                        {t('roles.people.cancel')}
                      </button>
                    </span>
                  ) : (
                    <span className="row-actions">
                      <button
                        type="button"
                        data-testid="custom-role-edit"
                        onClick={() => setEditing({ kind: 'edit', id: role.id })}
                      >
                        {t('roles.customRoles.rename')}
                      </button>
                      <button
                        type="button"
                        data-testid="custom-role-delete"
                        onClick={() => setEditing({ kind: 'delete', id: role.id })}
                      >
                        {t('roles.customRoles.delete')}
                      </button>
                    </span>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// The people directory of the workspace: who may hold a role, how to reach them,
// and which roles they hold right now on open incidents. Custom roles live here too.
import { useMemo, useState, type ReactNode } from 'react';
import { searchPeople, type Doc, type Documents } from '../../../common/domain/documents';
import { rolesHeldBy, type HeldRole } from '../../../common/domain/roles';
import { getProjection, useWarRoomState } from '../../db';
import { useT } from '../../i18n';
import { roleLabel } from '../roles/role-label';
import { useRecord } from '../roles/use-record';
import { CustomRoles } from './CustomRoles';
import { PersonForm } from './PersonForm';
import '../roles/roles.css';
import './people.css';

interface Props {
  docs: Documents;
  actor: string;
}

type Editing = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'delete'; id: string } | null;

const COLUMNS = 5;

export function PeopleView({ docs, actor }: Props) {
  const t = useT();
  // The incidents come from the same projection the window shows, for the roles held now.
  const state = useWarRoomState(getProjection());
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const { error, isSaving, record } = useRecord();
  const people = useMemo(() => searchPeople(docs.people, query), [docs.people, query]);
  const incidents = state?.incidents;
  const heldBy = useMemo(() => {
    const held = new Map<string, HeldRole[]>();
    for (const person of docs.people.values()) held.set(person.id, rolesHeldBy(incidents?.values() ?? [], person));
    return held;
  }, [docs.people, incidents]);

  const remove = async (person: Doc<'person'>) => {
    const isSaved = await record([{ type: 'doc.delete', actor, payload: { collection: 'person', docId: person.id } }]);
    if (isSaved) setEditing(null);
  };

  return (
    <section className="people" data-testid="people-view">
      <div className="section-header">
        <h1>{t('roles.people.heading')}</h1>
        <span className="muted" data-testid="people-count">
          {t('roles.people.count', { count: docs.people.size })}
        </span>
        <button type="button" className="primary" data-testid="person-add" onClick={() => setEditing({ kind: 'add' })}>
          {t('roles.people.add')}
        </button>
      </div>

      {editing?.kind === 'add' && (
        <div className="panel">
          <PersonForm actor={actor} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />
        </div>
      )}

      {docs.people.size > 0 && (
        <input
          type="search"
          className="people-search"
          data-testid="people-search"
          aria-label={t('roles.people.search')}
          placeholder={t('roles.people.searchPlaceholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {docs.people.size === 0 ? (
        <p className="empty" data-testid="people-empty">
          {t('roles.people.empty')}
        </p>
      ) : people.length === 0 ? (
        <p className="empty" data-testid="people-no-match">
          {t('roles.people.noMatch', { query: query.trim() })}
        </p>
      ) : (
        <table className="people-table">
          <thead>
            <tr>
              <th scope="col">{t('roles.people.columns.name')}</th>
              <th scope="col">{t('roles.people.columns.team')}</th>
              <th scope="col">{t('roles.people.columns.skills')}</th>
              <th scope="col">{t('roles.people.columns.roles')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('roles.board.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => {
              const held = heldBy.get(person.id) ?? [];
              const isEditing = editing?.kind === 'edit' && editing.id === person.id;
              const isDeleting = editing?.kind === 'delete' && editing.id === person.id;
              return (
                <PersonRows
                  key={person.id}
                  person={person}
                  held={held}
                  docs={docs}
                  form={
                    isEditing ? (
                      <PersonForm
                        actor={actor}
                        existing={person}
                        onDone={() => setEditing(null)}
                        onCancel={() => setEditing(null)}
                      />
                    ) : null
                  }
                  isDeleting={isDeleting}
                  isSaving={isSaving}
                  onEdit={() => setEditing({ kind: 'edit', id: person.id })}
                  onDelete={() => setEditing({ kind: 'delete', id: person.id })}
                  onConfirmDelete={() => void remove(person)}
                  onCancel={() => setEditing(null)}
                />
              );
            })}
          </tbody>
        </table>
      )}

      <CustomRoles docs={docs} actor={actor} />
    </section>
  );
}

interface RowProps {
  person: Doc<'person'>;
  held: readonly HeldRole[];
  docs: Documents;
  form: ReactNode;
  isDeleting: boolean;
  isSaving: boolean;
  onEdit(): void;
  onDelete(): void;
  onConfirmDelete(): void;
  onCancel(): void;
}

function PersonRows({ person, held, docs, form, isDeleting, isSaving, ...on }: RowProps) {
  const t = useT();
  return (
    <>
      <tr data-testid="person-row" data-person-id={person.id} className={form ? 'is-open' : undefined}>
        <th scope="row">
          <span className="person-name" data-testid="person-row-name">
            {person.name}
          </span>
          {person.contact && (
            <small className="muted person-contact" data-testid="person-row-contact">
              {person.contact}
            </small>
          )}
        </th>
        <td data-testid="person-row-team">{person.team}</td>
        <td>
          {person.skills && person.skills.length > 0 && (
            <ul className="chips" data-testid="person-row-skills">
              {person.skills.map((skill) => (
                <li key={skill}>{skill}</li>
              ))}
            </ul>
          )}
        </td>
        <td data-testid="person-roles">
          {held.length === 0 ? (
            <span className="muted">{t('roles.people.noRoles')}</span>
          ) : (
            <ul className="held-roles">
              {held.map((role) => (
                <li key={`${role.incidentId}:${role.role}`}>
                  <a
                    href={`#/incidents/${encodeURIComponent(role.incidentId)}`}
                    data-testid="person-role-link"
                    data-incident-id={role.incidentId}
                  >
                    <strong>{roleLabel(role.role, docs, t)}</strong>
                    <span className="muted"> · </span>
                    {role.title}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </td>
        <td className="row-actions">
          {isDeleting ? (
            <span className="confirm" role="group">
              <span>{t('roles.people.confirmDelete', { name: person.name })}</span>
              <button
                type="button"
                className="danger"
                data-testid="person-delete-confirm"
                disabled={isSaving}
                onClick={on.onConfirmDelete}
              >
                {t('roles.people.confirm')}
              </button>
              <button type="button" onClick={on.onCancel}>
                {t('roles.people.cancel')}
              </button>
            </span>
          ) : (
            <>
              <button type="button" data-testid="person-edit" onClick={on.onEdit}>
                {t('roles.people.edit')}
              </button>
              <button type="button" data-testid="person-delete" onClick={on.onDelete}>
                {t('roles.people.delete')}
              </button>
            </>
          )}
        </td>
      </tr>
      {form && (
        <tr className="person-form-row">
          <td colSpan={COLUMNS}>{form}</td>
        </tr>
      )}
    </>
  );
}

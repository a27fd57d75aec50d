// Who holds which role on this incident, since when, given by whom; which
// critical role nobody holds; who holds too many. One line per role, so the
// commander reads it at a glance, with assign, hand over and release in place.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Documents } from '../../../common/domain/documents';
import type { Incident } from '../../../common/domain/incidents';
import { MAX_ROLES_PER_PERSON, roleBoard, type RoleRow } from '../../../common/domain/roles';
import { onCommand } from '../../app/commands';
import { useNow } from '../../app/use-now';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, formatRelative } from '../../i18n/format';
import { CustomRoleForm } from './CustomRoleForm';
import { formatList, rowLabel } from './role-label';
import { AssignForm, HandoverForm, ReleaseForm } from './RoleForms';
import './roles.css';

interface Props {
  incident: Incident;
  docs: Documents;
  actor: string;
}

type Action = 'assign' | 'handover' | 'release';
type OpenForm = { kind: Action; role: string; focusRequest: number } | { kind: 'add-role' } | null;

const COLUMNS = 5;

function roleOfDetail(detail: unknown): string | undefined {
  if (typeof detail !== 'object' || detail === null || !('role' in detail)) return undefined;
  return typeof detail.role === 'string' ? detail.role : undefined;
}

export function RoleBoard({ incident, docs, actor }: Props) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const tableRef = useRef<HTMLTableElement>(null);
  const [open, setOpen] = useState<OpenForm>(null);
  // Each request for a form counts up, so asking again for the open form refocuses it.
  const requests = useRef(0);
  const board = useMemo(() => roleBoard(incident.roles, docs), [incident.roles, docs]);

  // The palette (or any part of the window) asks for a role's assign form; a role
  // already held opens its handover instead, since taking it over needs a briefing.
  useEffect(
    () =>
      onCommand('assignRole', (detail) => {
        const row = board.rows.find((candidate) => candidate.role === roleOfDetail(detail));
        if (row)
          setOpen({ kind: row.holder ? 'handover' : 'assign', role: row.role, focusRequest: ++requests.current });
      }),
    [board.rows],
  );

  const overloadedRoles = new Map<string, number>();
  for (const entry of board.overloaded) for (const role of entry.roles) overloadedRoles.set(role, entry.roles.length);
  const filled = board.rows.filter((row) => row.holder).length;
  const labelOf = (role: string) => {
    const row = board.rows.find((candidate) => candidate.role === role);
    return row ? rowLabel(row, t) : role;
  };
  const nameOf = (row: RoleRow) => {
    const person = row.holder?.person;
    if (!person) return '';
    return (person.id ? docs.people.get(person.id)?.name : undefined) ?? person.name;
  };

  /** Closes the open form and gives the focus back to the row it came from. */
  const close = (role?: string) => {
    setOpen(null);
    if (!role) return;
    requestAnimationFrame(() => {
      const rows = tableRef.current?.querySelectorAll<HTMLElement>('[data-testid="role-row"]') ?? [];
      const row = [...rows].find((element) => element.dataset.role === role);
      row?.querySelector<HTMLButtonElement>('button')?.focus();
    });
  };

  const formFor = (row: RoleRow) => {
    if (!open || open.kind === 'add-role' || open.role !== row.role) return null;
    const common = {
      incident,
      role: row.role,
      label: rowLabel(row, t),
      docs,
      actor,
      focusRequest: open.focusRequest,
      onDone: () => close(row.role),
      onCancel: () => close(row.role),
    };
    if (open.kind === 'assign') return <AssignForm key="assign" {...common} />;
    // Released or handed over by someone else meanwhile: nothing left to hand over.
    if (!row.holder) return null;
    const held = { ...common, holder: row.holder, holderName: nameOf(row) };
    return open.kind === 'handover' ? (
      <HandoverForm key="handover" {...held} />
    ) : (
      <ReleaseForm key="release" {...held} />
    );
  };

  const ask = (kind: Action, role: string) => setOpen({ kind, role, focusRequest: ++requests.current });

  return (
    <section className="panel role-board" data-testid="role-board" aria-labelledby="role-board-heading">
      <header className="role-board-head">
        <h2 id="role-board-heading">{t('roles.board.heading')}</h2>
        <span className="muted" data-testid="role-filled">
          {t('roles.board.filled', { count: filled, total: board.rows.length })}
        </span>
        <button
          type="button"
          className="link"
          data-testid="custom-role-open"
          aria-expanded={open?.kind === 'add-role'}
          onClick={() => setOpen(open?.kind === 'add-role' ? null : { kind: 'add-role' })}
        >
          + {t('roles.board.addRole')}
        </button>
      </header>

      {board.vacantCritical.length > 0 && (
        <p className="role-warning role-vacancy" role="status" data-testid="role-vacancy-warning">
          <span aria-hidden="true">⚠</span>{' '}
          {t('roles.board.vacancy', { roles: formatList(board.vacantCritical.map(labelOf), locale) })}
        </p>
      )}
      {board.overloaded.map((entry) => (
        <p
          key={entry.person.id ?? entry.person.name}
          className="role-warning role-overload"
          role="status"
          data-testid="role-overload-warning"
        >
          <span aria-hidden="true">⚠</span>{' '}
          {t('roles.board.overload', {
            name: (entry.person.id ? docs.people.get(entry.person.id)?.name : undefined) ?? entry.person.name,
            count: entry.roles.length,
            roles: formatList(entry.roles.map(labelOf), locale),
            max: MAX_ROLES_PER_PERSON,
          })}
        </p>
      ))}

      {open?.kind === 'add-role' && (
        <CustomRoleForm docs={docs} actor={actor} onDone={() => setOpen(null)} onCancel={() => setOpen(null)} />
      )}

      <table className="role-table" ref={tableRef}>
        <thead>
          <tr>
            <th scope="col">{t('roles.board.columns.role')}</th>
            <th scope="col">{t('roles.board.columns.holder')}</th>
            <th scope="col">{t('roles.board.columns.since')}</th>
            <th scope="col">{t('roles.board.columns.by')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('roles.board.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {board.rows.map((row) => {
            const form = formFor(row);
            const load = overloadedRoles.get(row.role);
            const isOpen = form !== null;
            return (
              <RoleLine
                key={row.role}
                row={row}
                label={rowLabel(row, t)}
                holderName={nameOf(row)}
                load={load}
                isOpen={isOpen}
                form={form}
                now={now}
                onAction={(kind) => (isOpen && open?.kind === kind ? close(row.role) : ask(kind, row.role))}
              />
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

interface LineProps {
  row: RoleRow;
  label: string;
  holderName: string;
  /** How many roles the holder has, when more than allowed. */
  load: number | undefined;
  isOpen: boolean;
  form: ReactNode;
  now: number;
  onAction(kind: Action): void;
}

function RoleLine({ row, label, holderName, load, isOpen, form, now, onAction }: LineProps) {
  const t = useT();
  const locale = useLocale();
  const { holder } = row;
  const isVacantCritical = row.isCritical && !holder;
  const className = ['role-row', isVacantCritical && 'is-vacant-critical', isOpen && 'is-open', load && 'is-overloaded']
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <tr
        className={className}
        data-testid="role-row"
        data-role={row.role}
        data-state={holder ? 'held' : 'vacant'}
        data-critical={row.isCritical}
      >
        <th scope="row" className="role-name">
          <span data-testid="role-name" title={row.isRetired ? t('roles.board.retiredHint') : undefined}>
            {label}
          </span>
          {row.isCritical && (
            <span className="role-critical" title={t('roles.board.criticalHint')}>
              {t('roles.board.critical')}
            </span>
          )}
        </th>
        <td className="role-holder">
          {holder ? (
            <>
              <strong data-testid="role-holder">{holderName}</strong>
              {load !== undefined && (
                <span
                  className="role-load"
                  data-testid="role-overload"
                  title={t('roles.board.overloadBadgeHint', { max: MAX_ROLES_PER_PERSON })}
                >
                  ⚠ {t('roles.board.overloadBadge', { count: load })}
                </span>
              )}
            </>
          ) : (
            <span className={isVacantCritical ? 'role-vacant-critical' : 'muted'} data-testid="role-vacant">
              {isVacantCritical ? t('roles.board.vacantCritical') : t('roles.board.vacant')}
            </span>
          )}
        </td>
        <td className="role-since">
          {holder && (
            <time
              dateTime={new Date(holder.since).toISOString()}
              title={formatDateTime(holder.since, locale)}
              data-testid="role-since"
            >
              {formatRelative(holder.since, now, locale)}
            </time>
          )}
        </td>
        <td className="role-by muted" data-testid="role-by">
          {holder?.by}
        </td>
        <td className="role-actions">
          {holder ? (
            <>
              <button type="button" data-testid="role-handover" onClick={() => onAction('handover')}>
                {t('roles.board.handOver')}
              </button>
              <button type="button" data-testid="role-release" onClick={() => onAction('release')}>
                {t('roles.board.release')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className={isVacantCritical ? 'primary' : undefined}
              data-testid="role-assign"
              onClick={() => onAction('assign')}
            >
              {t('roles.board.assign')}
            </button>
          )}
        </td>
      </tr>
      {form && (
        <tr className="role-form-row">
          <td colSpan={COLUMNS}>{form}</td>
        </tr>
      )}
    </>
  );
}

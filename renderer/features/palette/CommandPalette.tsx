// Ctrl+K (Cmd+K): every action from the keyboard. A dialog with a search box,
// fuzzy matching and arrow-key navigation; the commands shown follow where the
// user is (an open incident adds its own). Focus stays inside while it is open
// and goes back where it was when it closes.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { compareOpen } from '../../../common/domain/dashboard';
import { isOpen, type Incident, type WarRoomState } from '../../../common/domain/incidents';
import { roleBoard } from '../../../common/domain/roles';
import { INCIDENT_STATUSES, SEVERITIES, type EventDraft } from '../../../common/events/event';
import { LOCALES, type Locale } from '../../../common/i18n/locales';
import { onCommand, sendCommand, type ExportFormat } from '../../app/commands';
import { getEventStore } from '../../db';
import { useLocale, useT } from '../../i18n';
import { useUiStore, type Route } from '../../store/ui-store';
import { DeclareIncidentForm } from '../incidents/DeclareIncidentForm';
import { roleLabel } from '../dashboard/format';
import { VerifyRecord } from '../record/VerifyRecord';
import { fuzzyFilter } from './fuzzy';
import './palette.css';

interface Props {
  state: WarRoomState;
  actor: string;
  go(route: Route): void;
  onLocale(locale: Locale): void;
}

type Group = 'incident' | 'navigate' | 'open' | 'record' | 'language';

/** What choosing a command does: an effect then close, or another view of the palette. */
type Action = { kind: 'run'; run: () => void | Promise<void> } | { kind: 'declare' } | { kind: 'verify' };

interface Command {
  readonly id: string;
  readonly group: Group;
  readonly label: string;
  /** More text the search looks in (an incident's services, say). */
  readonly keywords?: string;
  readonly action: Action;
}

type View = 'commands' | 'declare' | 'verify';

/** Incidents whose title the palette offers: open ones first; closed ones only once something is typed. */
const MAX_SHOWN = 60;

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function isPaletteShortcut(event: globalThis.KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

export function CommandPalette({ state, actor, go, onLocale }: Props) {
  const t = useT();
  const locale = useLocale();
  const route = useUiStore((ui) => ui.route);
  const [isOpened, setIsOpened] = useState(false);
  const [view, setView] = useState<View>('commands');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  // Read by the focus guard, which must let go the moment close() gives focus back.
  const isOpenedRef = useRef(false);

  const open = useCallback(() => {
    isOpenedRef.current = true;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setView('commands');
    setQuery('');
    setActive(0);
    setError(null);
    setIsOpened(true);
  }, []);

  const close = useCallback(() => {
    isOpenedRef.current = false;
    setIsOpened(false);
    // Back where the user was, before any command moves focus elsewhere on purpose.
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      // Escape closes from anywhere, even when focus was lost as a view changed.
      if (event.key === 'Escape' && isOpened && !event.defaultPrevented) {
        event.preventDefault();
        close();
        return;
      }
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      if (isOpened) close();
      else open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close, isOpened, open]);

  // The desktop menu opens the palette, or its declare form, as the shortcut does.
  useEffect(
    () =>
      onCommand('openPalette', (detail) => {
        open();
        if (detail === 'declare') setView('declare');
      }),
    [open],
  );

  // Focus that leaves the dialog (a click on the page behind it) comes back in.
  useEffect(() => {
    if (!isOpened) return;
    const onFocusIn = (event: FocusEvent) => {
      if (!isOpenedRef.current) return;
      if (dialog.current && event.target instanceof Node && !dialog.current.contains(event.target)) {
        (dialog.current.querySelector<HTMLElement>(FOCUSABLE) ?? dialog.current).focus();
      }
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [isOpened]);

  const incident: Incident | undefined = route.name === 'incident' ? state.incidents.get(route.id) : undefined;

  const commands = useMemo((): Command[] => {
    const list: Command[] = [];
    const record = (draft: EventDraft) => async () => {
      await getEventStore().append([draft]);
    };
    // After the palette has closed and focus is back, so the listener may move it (to a search box, say).
    const later = (effect: () => void) => () => void setTimeout(effect, 0);
    if (incident) {
      const incidentId = incident.id;
      for (const status of INCIDENT_STATUSES) {
        if (status === incident.status) continue;
        list.push({
          id: `status:${status}`,
          group: 'incident',
          label: t('dashboard.palette.status', { status: t(`status.${status}`) }),
          action: {
            kind: 'run',
            run: record({ type: 'incident.status-changed', incidentId, actor, payload: { status } }),
          },
        });
      }
      for (const severity of SEVERITIES) {
        if (severity === incident.severity) continue;
        list.push({
          id: `severity:${severity}`,
          group: 'incident',
          label: t('dashboard.palette.severity', { severity: t(`severity.${severity}`) }),
          action: {
            kind: 'run',
            run: record({ type: 'incident.severity-changed', incidentId, actor, payload: { severity } }),
          },
        });
      }
      list.push({
        id: 'quick-note',
        group: 'incident',
        label: t('dashboard.palette.quickNote'),
        action: { kind: 'run', run: later(() => sendCommand('quickNote')) },
      });
      for (const row of roleBoard(incident.roles, state.docs).rows) {
        list.push({
          id: `assign:${row.role}`,
          group: 'incident',
          label: t('dashboard.palette.assignRole', { role: roleLabel(row.role, state.docs, t) }),
          keywords: row.holder?.person.name,
          action: { kind: 'run', run: later(() => sendCommand('assignRole', { role: row.role })) },
        });
      }
      list.push({
        id: 'search-timeline',
        group: 'incident',
        label: t('dashboard.palette.searchTimeline'),
        action: { kind: 'run', run: later(() => sendCommand('searchTimeline')) },
      });
      const formats: [ExportFormat, string][] = [
        ['markdown', t('dashboard.palette.exportMarkdown')],
        ['csv', t('dashboard.palette.exportCsv')],
        ['json', t('dashboard.palette.exportJson')],
      ];
      for (const [format, label] of formats) {
        list.push({
          id: `export:${format}`,
          group: 'incident',
          label,
          action: { kind: 'run', run: later(() => sendCommand('exportTimeline', { format })) },
        });
      }
    }
    list.push({ id: 'declare', group: 'navigate', label: t('dashboard.palette.declare'), action: { kind: 'declare' } });
    const places: [string, string, Route][] = [
      ['go-incidents', t('dashboard.palette.goDashboard'), { name: 'incidents' }],
      ['go-people', t('dashboard.palette.goPeople'), { name: 'people' }],
      ['go-settings', t('dashboard.palette.goSettings'), { name: 'settings' }],
      ['go-comms', t('comms.heading'), { name: 'comms' }],
    ];
    for (const [id, label, target] of places) {
      if (route.name === target.name) continue;
      list.push({ id, group: 'navigate', label, action: { kind: 'run', run: () => go(target) } });
    }
    const incidents = [...state.incidents.values()];
    const openFirst = [
      ...incidents.filter(isOpen).sort(compareOpen),
      ...incidents.filter((item) => !isOpen(item)).sort((a, b) => b.updatedAt - a.updatedAt),
    ];
    for (const item of openFirst) {
      if (item.id === incident?.id) continue;
      list.push({
        id: `open:${item.id}`,
        group: 'open',
        label: t('dashboard.palette.openIncident', { title: item.title }),
        keywords: [item.severity, ...item.services, ...item.processes].join(' '),
        action: { kind: 'run', run: () => go({ name: 'incident', id: item.id }) },
      });
    }
    list.push({ id: 'verify', group: 'record', label: t('dashboard.palette.verify'), action: { kind: 'verify' } });
    for (const other of LOCALES) {
      if (other === locale) continue;
      list.push({
        id: `language:${other}`,
        group: 'language',
        label: t('dashboard.palette.language', { language: t(`languages.${other}`) }),
        keywords: other,
        action: { kind: 'run', run: () => onLocale(other) },
      });
    }
    return list;
  }, [actor, go, incident, locale, onLocale, route.name, state.docs, state.incidents, t]);

  const shown = useMemo(() => {
    if (!query.trim()) {
      // Without a query, closed incidents would drown the list: they come when asked for.
      const closedIds = new Set(
        [...state.incidents.values()].filter((item) => !isOpen(item)).map((item) => `open:${item.id}`),
      );
      return commands.filter((command) => !closedIds.has(command.id)).slice(0, MAX_SHOWN);
    }
    return fuzzyFilter(commands, query, (command) => `${command.label} ${command.keywords ?? ''}`).slice(0, MAX_SHOWN);
  }, [commands, query, state.incidents]);

  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  const activeCommand = shown[activeIndex];
  const optionId = (index: number) => `${listId}-option-${index}`;

  // A new view takes focus at its first control (the declare form's title focuses itself).
  useEffect(() => {
    if (!isOpened || view === 'commands' || !dialog.current) return;
    if (!dialog.current.contains(document.activeElement)) {
      (dialog.current.querySelector<HTMLElement>(FOCUSABLE) ?? dialog.current).focus();
    }
  }, [isOpened, view]);

  useEffect(() => {
    if (!isOpened || view !== 'commands') return;
    document.getElementById(optionId(activeIndex))?.scrollIntoView?.({ block: 'nearest' });
  });

  const choose = async (command: Command | undefined) => {
    if (!command) return;
    const { action } = command;
    switch (action.kind) {
      case 'declare':
        setView('declare');
        return;
      case 'verify':
        setView('verify');
        return;
      case 'run':
        try {
          await action.run();
          close();
        } catch (caught) {
          setError(
            t('dashboard.palette.failed', { message: caught instanceof Error ? caught.message : String(caught) }),
          );
        }
        return;
    }
  };

  const onDialogKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + shown.length) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void choose(activeCommand);
    }
  };

  if (!isOpened) return null;
  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div
        ref={dialog}
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('dashboard.palette.label')}
        data-testid="palette"
        data-view={view}
        tabIndex={-1}
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onDialogKeyDown}
      >
        {view === 'commands' && (
          <>
            <input
              ref={input}
              autoFocus
              className="palette-input"
              data-testid="palette-input"
              role="combobox"
              aria-expanded="true"
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={activeCommand ? optionId(activeIndex) : undefined}
              aria-label={t('dashboard.palette.label')}
              placeholder={t('dashboard.palette.placeholder')}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
                setError(null);
              }}
              onKeyDown={onInputKeyDown}
            />
            {error && (
              <p className="error palette-error" role="alert" data-testid="palette-error">
                {error}
              </p>
            )}
            <div className="palette-list" id={listId} role="listbox" aria-label={t('dashboard.palette.label')}>
              {shown.map((command, index) => (
                <div
                  key={command.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  className={index === activeIndex ? 'palette-option is-active' : 'palette-option'}
                  data-testid="palette-option"
                  data-command={command.id}
                  onMouseMove={() => index !== activeIndex && setActive(index)}
                  onClick={() => {
                    void choose(command);
                    input.current?.focus();
                  }}
                >
                  <span className="palette-label">{command.label}</span>
                  <span className="palette-group">{t(`dashboard.palette.groups.${command.group}`)}</span>
                </div>
              ))}
              {shown.length === 0 && (
                <p className="muted palette-empty" data-testid="palette-empty">
                  {t('dashboard.palette.empty')}
                </p>
              )}
            </div>
            <p className="palette-keys muted">{t('dashboard.palette.keys')}</p>
          </>
        )}
        {view !== 'commands' && (
          <div className="palette-view">
            <button
              type="button"
              className="link palette-back"
              data-testid="palette-back"
              onClick={() => {
                setView('commands');
                setTimeout(() => input.current?.focus(), 0);
              }}
            >
              ← {t('dashboard.palette.back')}
            </button>
            {view === 'declare' && (
              <DeclareIncidentForm
                actor={actor}
                onCancel={close}
                onDeclared={(id) => {
                  close();
                  go({ name: 'incident', id });
                }}
              />
            )}
            {view === 'verify' && <VerifyRecord autoStart />}
          </div>
        )}
      </div>
    </div>
  );
}

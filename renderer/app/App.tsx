// The window: opens the local record, asks the host who we are, then shows the
// incident list or one incident. `data-app-state` tells tests when it is ready.
import { useCallback, useEffect } from 'react';
import { matchLocale, type Locale } from '../../common/i18n/locales';
import { getBridge } from '../bridge';
import { currentWorkspace, getEventStore, getProjection, useWarRoomState } from '../db';
import { ClockBanner } from '../features/clock/ClockBanner';
import { ExerciseBanner } from '../features/exercises/ExerciseBanner';
import { ExercisesView } from '../features/exercises/ExercisesView';
import { InjectToasts } from '../features/exercises/InjectToasts';
import { ContinuityView } from '../features/continuity/ContinuityView';
import { PostmortemView } from '../features/postmortem/PostmortemView';
import { Dashboard } from '../features/dashboard/Dashboard';
import { IncidentView } from '../features/incidents/IncidentView';
import { MonitorsView } from '../features/monitors/MonitorsView';
import { NotificationToasts } from '../features/monitors/NotificationToasts';
import { CommandPalette } from '../features/palette/CommandPalette';
import { PeopleView } from '../features/people/PeopleView';
import { RunbooksView } from '../features/runbooks/RunbooksView';
import { CommsView } from '../features/comms/CommsView';
import { Header } from '../features/settings/Header';
import { SettingsView } from '../features/settings/SettingsView';
import { WriteRefusalBanner } from '../features/settings/WriteRefusalBanner';
import { useOwnPerson } from '../features/person/own-person';
import { WhoAreYou } from '../features/person/WhoAreYou';
import { QuickNote } from '../features/timeline/QuickNote';
import { startHostSync } from '../sync/host-sync';
import { catchUpSettings } from './catch-up-settings';
import { createSettingsOutbox, type SettingsOutbox } from './settings-outbox';
import { startShellBridge } from './shell-bridge';
import { readWindowSettings, saveWindowSettings } from './window-settings';
import { setLocale, useT } from '../i18n';
import { createLogger } from '../log';
import { isLanPeer, proposedName, routeFromHash, routeToHash, useUiStore, type Route } from '../store/ui-store';

const log = createLogger('app');

let hasStarted = false;
let outbox: SettingsOutbox | null = null;

/** The person's choices, saved on the host as soon as it can take them. */
function settingsOutbox(): SettingsOutbox {
  outbox ??= createSettingsOutbox(getBridge(), {
    onSaved: (saved) => useUiStore.getState().setSettings(saved),
    onPending: (isPending) => useUiStore.getState().setSettingsPending(isPending),
  });
  return outbox;
}

async function bootstrap(): Promise<void> {
  if (hasStarted) return;
  hasStarted = true;
  const ui = useUiStore.getState();
  const bridge = getBridge();
  bridge.onStatus((status) => useUiStore.getState().setHostStatus(status));
  bridge.on('settings:changed', (settings) => {
    // The laptop owner's change of language or name is not a teammate's.
    if (isLanPeer(useUiStore.getState())) return;
    useUiStore.getState().setSettings(settings);
    if (settings.locale) void setLocale(settings.locale);
  });
  const workspace = currentWorkspace();
  bridge.on('sync:status', (status) => {
    if (status.workspace === workspace) useUiStore.getState().setSyncStatus(status);
  });
  try {
    await getEventStore().identity();
  } catch (error) {
    ui.setAppState('error', error instanceof Error ? error.message : String(error));
    return;
  }
  void bridge.call('sync:get-status', { workspace }).then((status) => {
    if (status.ok) useUiStore.getState().setSyncStatus(status.value);
  });
  // The record is local: a host that does not answer must not keep the window closed.
  const [info, settings, access] = await Promise.all([
    bridge.call('app:get-info', {}),
    bridge.call('settings:get', {}),
    bridge.call('app:get-access', {}),
  ]);
  if (!info.ok) log.warn('host info unavailable', info.error);
  if (access.ok) ui.setAccess(access.value);
  const appInfo = info.ok ? info.value : null;
  // A teammate's browser on the LAN has a language and a name of its own; the host's are the laptop owner's.
  const isTeammate = isLanPeer(useUiStore.getState());
  const hostSettings = isTeammate ? readWindowSettings() : settings.ok ? settings.value : null;
  ui.setHost(appInfo, hostSettings);
  await setLocale(
    hostSettings?.locale ??
      matchLocale(isTeammate ? navigator.language : (appInfo?.systemLocale ?? navigator.language)),
  );
  ui.setAppState('ready');
  if (!settings.ok && !isTeammate) {
    catchUpSettings(bridge, (late) => {
      // Settings the window has by then (the person chose meanwhile) win.
      if (useUiStore.getState().settings !== null) return;
      useUiStore.getState().setSettings(late);
      if (late.locale) void setLocale(late.locale);
    });
  }
  // The window shows its own replica at once; the host's catches up behind it.
  startHostSync(getEventStore(), bridge, {
    onRefused: (refusal) => useUiStore.getState().setWriteRefusal(refusal),
  });
  startShellBridge(bridge);
}

export function App() {
  const t = useT();
  const { route, appState, appError, navigate } = useUiStore();
  const proposed = useUiStore(proposedName);
  const isTeammate = useUiStore(isLanPeer);
  const syncStatus = useUiStore((state) => state.syncStatus);
  const state = useWarRoomState(getProjection());
  const own = useOwnPerson(state?.devices);
  // The enrolled person writes; before the first entry, the name proposed (the store refuses an empty one).
  const actor = own.status === 'enrolled' ? own.name : proposed;

  useEffect(() => {
    const sync = () => navigate(routeFromHash(window.location.hash));
    sync();
    window.addEventListener('hashchange', sync);
    void bootstrap();
    return () => window.removeEventListener('hashchange', sync);
  }, [navigate]);

  const go = useCallback((next: Route) => {
    window.location.hash = routeToHash(next);
  }, []);

  // A choice takes effect at once, and is saved on the host when it can take it
  // (settings-outbox.ts); until then the window's own choice wins over the host's.
  const changeLocale = useCallback(async (locale: Locale) => {
    const before = useUiStore.getState().settings;
    useUiStore.getState().setSettings({ displayName: null, ...before, locale });
    await setLocale(locale);
    if (isLanPeer(useUiStore.getState())) saveWindowSettings({ locale });
    else settingsOutbox().save({ locale });
  }, []);

  // A name proposed before the first entry, kept where this window's settings live: on the host at
  // the laptop (it is the host's own person too, see main/host), in the browser for a teammate.
  const saveName = useCallback((displayName: string) => {
    const before = useUiStore.getState().settings;
    useUiStore.getState().setSettings({ locale: null, ...before, displayName });
    if (isLanPeer(useUiStore.getState())) saveWindowSettings({ displayName });
    else settingsOutbox().save({ displayName });
  }, []);

  // The confirmed hand-over: the record first (one signed device.person-changed), then the name kept
  // for this window's next visit and, at the laptop, for its host.
  const handOver = useCallback(
    async (name: string) => {
      await getEventStore().changePerson(name);
      saveName(name);
    },
    [saveName],
  );

  const isReady = appState === 'ready' && state !== undefined;
  // Nobody named at a device that has written nothing: ask before anything can be written.
  const isAsking = isReady && own.status === 'new' && proposed === '';
  return (
    <div className="app" data-app-state={appState === 'error' ? 'error' : isReady ? 'ready' : 'loading'}>
      <ExerciseBanner state={state} />
      <Header
        own={own}
        proposed={proposed}
        onLocale={(locale) => void changeLocale(locale)}
        onDisplayName={saveName}
        onHandOver={handOver}
      />
      <WriteRefusalBanner devices={state?.devices} />
      <ClockBanner status={syncStatus} />
      <main>
        {appState === 'error' && (
          <p className="error" role="alert">
            {t('app.storageError', { message: appError ?? '' })}
          </p>
        )}
        {appState !== 'error' && !isReady && <p className="muted">{t('app.loading')}</p>}
        {isReady && route.name === 'incident' && (
          <IncidentView state={state} incidentId={route.id} actor={actor} onBack={() => go({ name: 'incidents' })} />
        )}
        {isReady && route.name === 'incidents' && (
          <Dashboard state={state} actor={actor} onOpen={(id) => go({ name: 'incident', id })} />
        )}
        {isReady && route.name === 'people' && <PeopleView docs={state.docs} actor={actor} />}
        {isReady && route.name === 'runbooks' && (
          <RunbooksView
            state={state}
            actor={actor}
            selectedId={route.id}
            onSelect={(id) => go(id === undefined ? { name: 'runbooks' } : { name: 'runbooks', id })}
          />
        )}
        {isReady && route.name === 'settings' && <SettingsView actor={actor} />}
        {isReady && route.name === 'comms' && (
          <CommsView state={state} actor={actor} onOpenIncident={(id) => go({ name: 'incident', id })} />
        )}
        {isReady && route.name === 'continuity' && (
          <ContinuityView state={state} actor={actor} tab={route.tab} go={go} />
        )}
        {isReady && route.name === 'postmortem' && (
          <PostmortemView state={state} incidentId={route.id} actor={actor} go={go} />
        )}
        {isReady && route.name === 'exercises' && (
          <ExercisesView state={state} actor={actor} sessionId={route.sessionId} />
        )}
        {isReady && route.name === 'monitors' && (
          <MonitorsView state={state} actor={actor} onOpenIncident={(id) => go({ name: 'incident', id })} />
        )}
      </main>
      {/* Shortcuts that write wait for a name too. */}
      {isReady && !isAsking && (
        <CommandPalette state={state} actor={actor} go={go} onLocale={(locale) => void changeLocale(locale)} />
      )}
      {isReady && !isAsking && <QuickNote state={state} actor={actor} />}
      {isReady && <NotificationToasts />}
      {isReady && <InjectToasts state={state} />}
      {isAsking && <WhoAreYou isTeammate={isTeammate} onAnswer={saveName} />}
    </div>
  );
}

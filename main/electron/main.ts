// Electron main process: one hardened window on app://warroom/, the host behind
// it, the IPC transport of the bridge, and the desktop's own ways in (single
// instance, application menu, tray, global quick-note shortcut, opening runbook
// files). Every decision is a pure function of ./security, ./window-state,
// ./open-file, ./app-menu and ./tray-status; this file only wires them.
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  protocol,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../common/bridge/contract';
import type { OpenedFile, ShellCommand } from '../../common/bridge/shell-contract';
import { RENDERER_CSP } from '../../common/csp';
import { listIncidents } from '../../common/domain/incidents';
import { matchLocale, type Locale } from '../../common/i18n/locales';
import { translate } from '../../common/i18n/messages';
import { RENDERER_DIR } from '../host/app-paths';
import { defaultDataDir } from '../host/data-dir';
import { createHost, type Host } from '../host/host';
import { electronKeySeal } from './key-seal';
import { hostServices } from '../host/host-services';
import { startMonitorListener } from '../host/monitor-routes';
import { contentTypeOf } from '../host/static-files';
import { createLogger } from '../services/logger';
import { buildMenuTemplate, QUICK_NOTE_GLOBAL_SHORTCUT } from './app-menu';
import { handleIpcCall } from './ipc-router';
import { createElectronNotifier } from './notifier';
import { OPENABLE_EXTENSIONS, openableFileFromArgv, readOpenedFile } from './open-file';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  decideWindowOpen,
  isNavigationAllowed,
  isPermissionGranted,
  resolveAppFile,
} from './security';
import { IncrementalProjection } from './tray-projection';
import { trayStatus } from './tray-status';
import { fitWindowBounds, loadWindowState, MIN_SIZE, saveWindowState } from './window-state';

const log = createLogger('electron');
/** Where heartbeats and Alertmanager reach the desktop app on loopback (WARROOM_MONITOR_PORT overrides). */
const DEFAULT_MONITOR_PORT = 7391;
/** The tray folds the record again at most this often, however fast events arrive. */
const TRAY_REFRESH_MS = 3_000;
/** A window being dragged moves many times a second: its place is written once it settles. */
const WINDOW_STATE_SAVE_MS = 1_000;

const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { 'data-dir': { type: 'string' } },
  strict: false,
});
const dataDir = resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir());
// Before `ready`: Chromium's own storage (the renderer's IndexedDB) goes here too.
app.setPath('userData', dataDir);
// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** The web contents of the windows this process made: the only ones IPC answers. */
const appWebContents = new Set<number>();
let mainWindow: BrowserWindow | null = null;
let host: Host | null = null;
let tray: Tray | null = null;
/** Files the system asked us to open, until the window takes them. */
const openedFiles: OpenedFile[] = [];
/** Paths that arrived before the host was up (macOS sends open-file before ready). */
const earlyPaths: string[] = [];

app.on('web-contents-created', (_event, contents) => {
  const refuse = (event: Electron.Event, url: string) => {
    if (!isNavigationAllowed(url)) {
      event.preventDefault();
      log.warn(`refused navigation to ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => {
    const decision = decideWindowOpen({ ...details, openerUrl: contents.getURL() });
    // Reviewed: only a clicked http(s) link from the app's page gets here (decideWindowOpen, unit-tested).
    if (decision.openExternally)
      void shell.openExternal(decision.openExternally); // eng-disable OPEN_EXTERNAL_JS_CHECK
    else log.warn(`refused a new window for ${details.url.slice(0, 200)}`);
    return { action: decision.action };
  });
});

function currentLocale(): Locale {
  return host?.settings.get().locale ?? matchLocale(app.getLocale());
}

function appIcon(): Electron.NativeImage {
  return nativeImage.createFromPath(join(RENDERER_DIR, 'app-icon.png'));
}

function showWindow(): BrowserWindow {
  const window = mainWindow ?? createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return window;
}

function sendCommand(command: ShellCommand): void {
  showWindow();
  host?.events.emit('shell:command', { command });
}

async function queueFile(path: string): Promise<void> {
  if (!host) {
    earlyPaths.push(path);
    return;
  }
  try {
    openedFiles.push(await readOpenedFile(path));
    showWindow();
    host.events.emit('shell:file-opened', {});
  } catch (error) {
    log.warn(`could not open ${path}`, error instanceof Error ? error.message : error);
  }
}

async function chooseFile(): Promise<void> {
  const parent = showWindow();
  const chosen = await dialog.showOpenDialog(parent, {
    properties: ['openFile'],
    filters: [
      {
        name: translate(currentLocale(), 'shell.openFile.filterName'),
        extensions: OPENABLE_EXTENSIONS.map((ext) => ext.slice(1)),
      },
    ],
  });
  const [path] = chosen.filePaths;
  if (!chosen.canceled && path) await queueFile(path);
}

function buildMenu(): void {
  const template = buildMenuTemplate(
    { locale: currentLocale(), platform: process.platform, isDevelopment: !app.isPackaged },
    {
      command: sendCommand,
      openFile: () => void chooseFile(),
      about: () => app.showAboutPanel(),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

let trayTimer: ReturnType<typeof setTimeout> | undefined;
const trayProjection = new IncrementalProjection(async () => {
  if (!host) throw new Error('the host is not started');
  return host.log();
});
async function refreshTray(): Promise<void> {
  if (!tray || !host) return;
  const locale = currentLocale();
  const state = await trayProjection.current();
  const status = trayStatus(listIncidents(state), locale);
  tray.setToolTip(status.tooltip);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: status.headline, enabled: false },
      ...status.items.map((item) => ({ label: item.label, click: () => showWindow() })),
      { type: 'separator' },
      { label: translate(locale, 'shell.tray.show'), click: () => showWindow() },
      { label: translate(locale, 'shell.menu.quickNote'), click: () => sendCommand('quick-note') },
      { label: translate(locale, 'shell.tray.quit'), click: () => app.quit() },
    ]),
  );
}

function scheduleTray(): void {
  if (trayTimer) return;
  trayTimer = setTimeout(() => {
    trayTimer = undefined;
    refreshTray().catch((error: unknown) => log.warn('tray not updated', error));
  }, TRAY_REFRESH_MS);
}

function createWindow(): BrowserWindow {
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const window = new BrowserWindow({
    ...fitWindowBounds(savedState?.bounds ?? null, displays),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'War-room',
    icon: appIcon(),
    show: false,
    // Written out here, not built by a helper, so that Electronegativity (npm test) reads them.
    webPreferences: {
      // Reviewed: a typed facade of one function per contract call, never ipcRenderer itself (preload/index.ts).
      preload: join(__dirname, '..', 'preload', 'index.js'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would open links past the window-open handler's tab check.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const id = window.webContents.id;
  appWebContents.add(id);
  if (savedState?.isMaximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // Saved as it changes, not only on close: a quit does not wait for a pending write.
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(saveTimer);
    if (window.isDestroyed()) return;
    void saveWindowState(dataDir, { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() }).catch(
      (error: unknown) => log.warn('window state not saved', error),
    );
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, WINDOW_STATE_SAVE_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
  window.on('closed', () => {
    appWebContents.delete(id);
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  mainWindow = window;
  return window;
}

let savedState: Awaited<ReturnType<typeof loadWindowState>> = null;

async function start(): Promise<void> {
  savedState = await loadWindowState(dataDir);
  // The app is ready here: safeStorage can answer whether a keychain is there.
  const keySeal = electronKeySeal();
  host = await createHost({
    dataDir,
    mode: 'electron',
    version: app.getVersion(),
    systemLocale: app.getLocale(),
    ...hostServices(dataDir),
    notifier: createElectronNotifier(),
    ...(keySeal ? { keySeal } : {}),
    takeOpenedFile: async () => openedFiles.shift() ?? null,
  });
  const running = host;
  // Cron jobs and a local Alertmanager reach the monitors here; the app works without it.
  const monitorPort = Number(process.env.WARROOM_MONITOR_PORT ?? DEFAULT_MONITOR_PORT);
  const listener = await startMonitorListener(running.monitoring, { port: monitorPort, log }).catch(
    (error: unknown) => {
      log.warn(`heartbeats and Alertmanager are off: port ${monitorPort} is not free`, error);
      return null;
    },
  );
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    void listener?.close();
    void running.close();
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, RENDERER_DIR, request.method);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: {
          'Content-Type': contentTypeOf(file),
          'Content-Security-Policy': RENDERER_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin),
  );
  session.defaultSession.setDevicePermissionHandler(() => false);
  ipcMain.handle(IPC_CALL_CHANNEL, (event, message: unknown) =>
    handleIpcCall(
      running.route,
      {
        frameUrl: event.senderFrame?.url,
        isTopFrame: event.senderFrame !== null && event.senderFrame.parent === null,
        webContentsId: event.sender.id,
      },
      appWebContents,
      message,
    ),
  );
  running.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (appWebContents.has(window.webContents.id)) window.webContents.send(IPC_EVENT_CHANNEL, { name, payload });
    }
    if (name === 'sync:changed') scheduleTray();
    if (name === 'settings:changed') {
      buildMenu();
      scheduleTray();
    }
  });
  buildMenu();
  createWindow();
  try {
    tray = new Tray(appIcon().resize({ width: 22, height: 22 }));
    tray.on('click', () => showWindow());
    scheduleTray();
  } catch (error) {
    // Some Linux desktops have no tray; the app works without it.
    log.warn('no tray on this desktop', error);
  }
  if (!globalShortcut.register(QUICK_NOTE_GLOBAL_SHORTCUT, () => sendCommand('quick-note')))
    log.warn(`${QUICK_NOTE_GLOBAL_SHORTCUT} is taken by another application: no global quick note`);
  const fromArgv = openableFileFromArgv(process.argv, process.cwd());
  for (const path of [...earlyPaths.splice(0), ...(fromArgv ? [fromArgv] : [])]) await queueFile(path);
  app.on('activate', () => showWindow());
}

// One app per data dir: a second launch hands its file to the first and leaves.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    // Before the first window exists, the file waits for it (queueFile) and start() shows it.
    if (host) showWindow();
    const path = openableFileFromArgv(argv, workingDirectory);
    if (path) void queueFile(path);
  });
  // macOS: a file dropped on the Dock icon or opened from Finder.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void queueFile(path);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (error: unknown) => log.error('Electron failed to start', error));
}

// Electron main process: one hardened window on app://warroom/, the host behind
// it, and the IPC transport of the bridge.
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../common/bridge/contract';
import { RENDERER_CSP } from '../../common/csp';
import { RENDERER_DIR } from '../host/app-paths';
import { defaultDataDir } from '../host/data-dir';
import { createHost } from '../host/host';
import { hostServices } from '../host/host-services';
import { startMonitorListener } from '../host/monitor-routes';
import { contentTypeOf } from '../host/static-files';
import { createLogger } from '../services/logger';
import { handleIpcCall } from './ipc-router';
import { createElectronNotifier } from './notifier';
import { APP_ENTRY_URL, APP_SCHEME, isNavigationAllowed, resolveAppFile } from './security';

const log = createLogger('electron');
/** Where heartbeats and Alertmanager reach the desktop app on loopback (WARROOM_MONITOR_PORT overrides). */
const DEFAULT_MONITOR_PORT = 7391;

const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: { 'data-dir': { type: 'string' } },
  strict: false,
});
const dataDir = resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir());
// Before `ready`: Chromium's own storage (the renderer's IndexedDB) goes here too.
app.setPath('userData', dataDir);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'War-room',
    show: false,
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  const host = await createHost({
    dataDir,
    mode: 'electron',
    version: app.getVersion(),
    systemLocale: app.getLocale(),
    ...hostServices(dataDir),
    notifier: createElectronNotifier(),
  });
  // Cron jobs and a local Alertmanager reach the monitors here; the app works without it.
  const monitorPort = Number(process.env.WARROOM_MONITOR_PORT ?? DEFAULT_MONITOR_PORT);
  const listener = await startMonitorListener(host.monitoring, { port: monitorPort, log }).catch((error: unknown) => {
    log.warn(`heartbeats and Alertmanager are off: port ${monitorPort} is not free`, error);
    return null;
  });
  app.on('will-quit', () => {
    void listener?.close();
    void host.close();
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, RENDERER_DIR);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': RENDERER_CSP },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ipcMain.handle(IPC_CALL_CHANNEL, (event, message: unknown) =>
    handleIpcCall(host.route, event.senderFrame?.url, message),
  );
  host.events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, { name, payload });
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.whenReady().then(start, (error: unknown) => log.error('Electron failed to start', error));

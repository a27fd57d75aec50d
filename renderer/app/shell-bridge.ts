// What the desktop shell asks of the window: commands from the application
// menu, the tray and the global shortcut, and files opened with the app, which
// go to the runbook importer. Browser mode never receives these.
import { assertNever } from '../../common/assert';
import type { ShellCommand } from '../../common/bridge/shell-contract';
import type { BridgeClient } from '../bridge';
import { createLogger } from '../log';
import { routeToHash, type Route } from '../store/ui-store';
import { sendCommand } from './commands';
import { queueOpenedFile } from './opened-files';

const log = createLogger('shell');

function go(route: Route): void {
  window.location.hash = routeToHash(route);
}

export function runShellCommand(command: ShellCommand): void {
  switch (command) {
    case 'quick-note':
      sendCommand('quickNote');
      return;
    case 'declare':
      sendCommand('openPalette', 'declare');
      return;
    case 'palette':
      sendCommand('openPalette');
      return;
    case 'dashboard':
      go({ name: 'incidents' });
      return;
    case 'runbooks':
      go({ name: 'runbooks' });
      return;
    case 'settings':
      go({ name: 'settings' });
      return;
    default:
      assertNever(command);
  }
}

async function takeFiles(bridge: BridgeClient): Promise<void> {
  for (;;) {
    const result = await bridge.call('shell:take-opened-file', {});
    if (!result.ok) {
      log.warn('opened file not taken', result.error.message);
      return;
    }
    const { file } = result.value;
    if (!file) return;
    queueOpenedFile(file);
    go({ name: 'runbooks' });
    sendCommand('importRunbook');
  }
}

export function startShellBridge(bridge: BridgeClient): void {
  bridge.on('shell:command', ({ command }) => runShellCommand(command));
  bridge.on('shell:file-opened', () => void takeFiles(bridge));
  // A file that opened the app waits from before this window loaded.
  void takeFiles(bridge);
}

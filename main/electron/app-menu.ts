// The application menu: the common commands in the user's language, each one
// sent to the window as a shell command. Built as a plain template so that its
// content is tested without Electron; main.ts hands it to Menu.buildFromTemplate.
import type { MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../../common/bridge/shell-contract';
import { translate } from '../../common/i18n/messages';
import type { Locale } from '../../common/i18n/locales';

/** Opens the window and its quick note from anywhere on the desktop. */
export const QUICK_NOTE_GLOBAL_SHORTCUT = 'CommandOrControl+Alt+N';

export interface MenuActions {
  readonly command: (command: ShellCommand) => void;
  readonly openFile: () => void;
  readonly about: () => void;
}

export interface MenuFacts {
  readonly locale: Locale;
  readonly platform: NodeJS.Platform;
  /** Reload and developer tools only in a development build. */
  readonly isDevelopment: boolean;
}

export function buildMenuTemplate(facts: MenuFacts, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = (key: string) => translate(facts.locale, `shell.menu.${key}`);
  const isMac = facts.platform === 'darwin';
  const send = (command: ShellCommand) => () => actions.command(command);
  const about: MenuItemConstructorOptions = { label: t('about'), click: () => actions.about() };
  const file: MenuItemConstructorOptions = {
    label: t('file'),
    submenu: [
      { id: 'declare', label: t('declare'), accelerator: 'CommandOrControl+Shift+D', click: send('declare') },
      // The window handles Alt+N itself (it knows which incident is on screen): shown, not taken.
      {
        id: 'quick-note',
        label: t('quickNote'),
        accelerator: 'Alt+N',
        registerAccelerator: false,
        click: send('quick-note'),
      },
      { type: 'separator' },
      { id: 'open-file', label: t('openFile'), accelerator: 'CommandOrControl+O', click: () => actions.openFile() },
      { type: 'separator' },
      { id: 'settings', label: t('settings'), accelerator: 'CommandOrControl+,', click: send('settings') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { id: 'quit', label: t('quit'), role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t('edit'),
    submenu: [
      { label: t('undo'), role: 'undo' },
      { label: t('redo'), role: 'redo' },
      { type: 'separator' },
      { label: t('cut'), role: 'cut' },
      { label: t('copy'), role: 'copy' },
      { label: t('paste'), role: 'paste' },
      { label: t('selectAll'), role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t('view'),
    submenu: [
      { id: 'dashboard', label: t('dashboard'), accelerator: 'CommandOrControl+1', click: send('dashboard') },
      { id: 'runbooks', label: t('runbooks'), accelerator: 'CommandOrControl+2', click: send('runbooks') },
      {
        id: 'palette',
        label: t('palette'),
        accelerator: 'CommandOrControl+K',
        registerAccelerator: false,
        click: send('palette'),
      },
      { type: 'separator' },
      { label: t('resetZoom'), role: 'resetZoom' },
      { label: t('zoomIn'), role: 'zoomIn' },
      { label: t('zoomOut'), role: 'zoomOut' },
      { type: 'separator' },
      { label: t('fullScreen'), role: 'togglefullscreen' },
      ...(facts.isDevelopment
        ? [
            { type: 'separator' } as const,
            { label: t('reload'), role: 'reload' } as const,
            { label: t('devTools'), role: 'toggleDevTools' } as const,
          ]
        : []),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t('window'),
    submenu: [
      { label: t('minimize'), role: 'minimize' },
      { label: t('close'), role: 'close' },
    ],
  };
  const help: MenuItemConstructorOptions = { label: t('help'), submenu: [about] };
  if (!isMac) return [file, edit, view, windowMenu, help];
  // macOS puts About, Hide and Quit under the application's own menu.
  const appMenu: MenuItemConstructorOptions = {
    label: 'War-room',
    submenu: [
      about,
      { type: 'separator' },
      { label: t('hide'), role: 'hide' },
      { label: t('hideOthers'), role: 'hideOthers' },
      { label: t('showAll'), role: 'unhide' },
      { type: 'separator' },
      { id: 'quit', label: t('quit'), role: 'quit' },
    ],
  };
  return [appMenu, file, edit, view, windowMenu, help];
}

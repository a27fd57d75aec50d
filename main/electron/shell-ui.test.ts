// The application menu and the tray, as plain data: labels in both languages,
// the common commands wired, nothing of the developer's menu in a release.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { ShellCommand } from '../../common/bridge/shell-contract';
import { buildMenuTemplate, type MenuActions } from './app-menu';
import { trayStatus, type TrayIncident } from './tray-status';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function recorder() {
  const sent: string[] = [];
  const actions: MenuActions = {
    command: (command: ShellCommand) => sent.push(command),
    openFile: () => sent.push('open-file'),
    about: () => sent.push('about'),
  };
  return { sent, actions };
}

describe('application menu', () => {
  it('offers the common commands in the user’s language and sends them to the window', () => {
    const { sent, actions } = recorder();
    const fr = flatten(buildMenuTemplate({ locale: 'fr', platform: 'linux', isDevelopment: false }, actions));
    expect(
      fr.filter((item) => !item.type).every((item) => typeof item.label === 'string' && item.label.length > 0),
    ).toBe(true);
    const byId = new Map(fr.filter((item) => item.id).map((item) => [item.id, item]));
    expect(byId.get('quick-note')?.label).toBe('Note rapide dans la chronologie');
    expect(byId.get('open-file')?.label).toBe('Ouvrir un runbook ou un scénario…');
    expect(byId.get('quit')?.label).toBe('Quitter War-room');
    for (const id of ['declare', 'quick-note', 'palette', 'dashboard', 'runbooks', 'settings', 'open-file'])
      (byId.get(id)?.click as () => void)();
    expect(sent).toEqual(['declare', 'quick-note', 'palette', 'dashboard', 'runbooks', 'settings', 'open-file']);
    // The window's own shortcuts stay the window's: shown in the menu, not captured by it.
    expect(byId.get('quick-note')).toMatchObject({ accelerator: 'Alt+N', registerAccelerator: false });
    expect(byId.get('palette')).toMatchObject({ registerAccelerator: false });
    const en = flatten(buildMenuTemplate({ locale: 'en', platform: 'linux', isDevelopment: false }, actions));
    expect(en.map((item) => item.label).filter(Boolean)).toContain('Quick note in the timeline');
    expect(en.map((item) => item.label)).not.toContain('shell.menu.quickNote');
  });

  it('keeps developer tools out of a release, and follows macOS conventions there', () => {
    const { actions } = recorder();
    const release = flatten(buildMenuTemplate({ locale: 'en', platform: 'win32', isDevelopment: false }, actions));
    expect(release.some((item) => item.role === 'toggleDevTools' || item.role === 'reload')).toBe(false);
    const dev = flatten(buildMenuTemplate({ locale: 'en', platform: 'linux', isDevelopment: true }, actions));
    expect(dev.some((item) => item.role === 'toggleDevTools')).toBe(true);
    const mac = buildMenuTemplate({ locale: 'fr', platform: 'darwin', isDevelopment: false }, actions);
    expect(mac[0]?.label).toBe('War-room');
    expect(flatten(mac).filter((item) => item.id === 'quit')).toHaveLength(1);
  });
});

describe('tray status', () => {
  const incident = (patch: Partial<TrayIncident>): TrayIncident => ({
    id: 'i',
    title: 'x',
    severity: 'SEV3',
    status: 'investigating',
    updatedAt: 0,
    ...patch,
  });

  it('counts the live incidents, most severe first, with their status', () => {
    const status = trayStatus(
      [
        incident({ id: 'a', title: 'Stores cannot print', severity: 'SEV3', updatedAt: 5 }),
        incident({ id: 'b', title: 'Checkout fails', severity: 'SEV1', status: 'identified', updatedAt: 1 }),
        incident({ id: 'c', severity: 'SEV1', status: 'resolved' }),
        incident({ id: 'd', severity: 'SEV2', status: 'closed' }),
      ],
      'fr',
    );
    expect(status.openCount).toBe(2);
    expect(status.worst).toBe('SEV1');
    expect(status.headline).toBe('2 incidents ouverts');
    expect(status.items).toEqual([
      { id: 'b', label: 'SEV1 · Cause identifiée — Checkout fails' },
      { id: 'a', label: 'SEV3 · Investigation — Stores cannot print' },
    ]);
  });

  it('says when all is quiet, and keeps hostile titles to one short line', () => {
    expect(trayStatus([], 'en')).toMatchObject({ openCount: 0, worst: null, headline: 'No open incident', items: [] });
    const long = trayStatus([incident({ title: `line one\nline two ${'x'.repeat(200)}` })], 'en');
    expect(long.headline).toBe('1 open incident');
    expect(long.items[0]?.label).not.toContain('\n');
    expect(long.items[0]?.label.length).toBeLessThan(100);
    const many = trayStatus(
      Array.from({ length: 20 }, (_, i) => incident({ id: `i${i}` })),
      'en',
    );
    expect(many.items).toHaveLength(8);
    expect(many.tooltip).toBe('War-room — 20 open incidents');
  });
});

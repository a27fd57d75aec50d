// The desktop shell's requests, as the window carries them out: menu commands
// become the window's own commands or routes; opened files reach the runbook
// importer in order, even when they arrive before the runbooks screen exists.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenedFile } from '../../common/bridge/shell-contract';
import type { BridgeClient } from '../bridge';
import { onCommand } from './commands';
import { takeOpenedFile } from './opened-files';
import { runShellCommand, startShellBridge } from './shell-bridge';

afterEach(() => {
  window.location.hash = '';
  while (takeOpenedFile()) {
    // drain
  }
});

describe('shell commands in the window', () => {
  it('turns menu commands into the window’s commands and routes', () => {
    const seen: string[] = [];
    const stops = [
      onCommand('quickNote', () => seen.push('quick-note')),
      onCommand('openPalette', (detail) => seen.push(`palette:${String(detail)}`)),
    ];
    runShellCommand('quick-note');
    runShellCommand('declare');
    runShellCommand('palette');
    expect(seen).toEqual(['quick-note', 'palette:declare', 'palette:null']);
    runShellCommand('settings');
    expect(window.location.hash).toBe('#/settings');
    runShellCommand('runbooks');
    expect(window.location.hash).toBe('#/runbooks');
    for (const stop of stops) stop();
  });

  it('takes every waiting file and hands them to the runbook importer', async () => {
    const files: OpenedFile[] = [
      { name: 'failover.yaml', text: 'id: failover' },
      { name: 'drill.yml', text: 'id: drill' },
    ];
    const listeners = new Map<string, (payload: unknown) => void>();
    const bridge = {
      call: async () => ({ ok: true, value: { file: files.shift() ?? null } }),
      on: (name: string, listener: (payload: unknown) => void) => {
        listeners.set(name, listener);
        return () => listeners.delete(name);
      },
    } as unknown as BridgeClient;
    let imports = 0;
    const stop = onCommand('importRunbook', () => (imports += 1));
    startShellBridge(bridge);
    await expect.poll(() => imports).toBe(2);
    expect(window.location.hash).toBe('#/runbooks');
    expect(takeOpenedFile()?.name).toBe('failover.yaml');
    expect(takeOpenedFile()?.name).toBe('drill.yml');
    expect(takeOpenedFile()).toBeUndefined();
    files.push({ name: 'later.yaml', text: 'id: later' });
    listeners.get('shell:file-opened')?.({});
    await expect.poll(() => imports).toBe(3);
    stop();
  });
});

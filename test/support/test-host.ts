// Host options for tests that exercise the host's transports, not its store:
// the reference in-memory log of each workspace, and no hub.
import { DEFAULT_WORKSPACE, type Workspace } from '../../common/events/event';
import { MemoryEventLog } from '../../common/sync/memory-log';
import type { HostOptions } from '../../main/host/host';
import type { WorkspaceLog } from '../../main/host/host-store';

/** A workspace's log in memory; the host's services write their own events into it. */
export function memoryWorkspace(
  workspace: Workspace,
  deviceId = 'host-device',
): WorkspaceLog & { log: MemoryEventLog } {
  let ids = 0;
  const log = new MemoryEventLog(workspace, deviceId, () => `${workspace}-${deviceId}-${(ids += 1)}`);
  return { log, deviceId, append: async (drafts, nowMs) => log.write(drafts, nowMs) };
}

export function testHostOptions(dataDir: string, overrides: Partial<HostOptions> = {}): HostOptions {
  return {
    dataDir,
    mode: 'browser',
    version: '1.2.3',
    systemLocale: 'en-GB',
    openLog: async () => {
      const others = new Map<Workspace, WorkspaceLog>();
      return {
        ...memoryWorkspace(DEFAULT_WORKSPACE),
        workspace: (name) => {
          const held = others.get(name) ?? memoryWorkspace(name);
          others.set(name, held);
          return held;
        },
        close: async () => undefined,
      };
    },
    connectHub: () => {
      throw new Error('no hub in this test');
    },
    ...overrides,
  };
}

// Host options for tests that exercise the host's transports, not its store:
// the reference in-memory log, and no hub.
import { DEFAULT_WORKSPACE } from '../../common/events/event';
import { MemoryEventLog } from '../../common/sync/memory-log';
import type { HostOptions } from '../../main/host/host';

export function testHostOptions(dataDir: string, overrides: Partial<HostOptions> = {}): HostOptions {
  let ids = 0;
  return {
    dataDir,
    mode: 'browser',
    version: '1.2.3',
    systemLocale: 'en-GB',
    openLog: async () => {
      const log = new MemoryEventLog(DEFAULT_WORKSPACE, 'host-device', () => `host-${(ids += 1)}`);
      // The host's services write their own events (monitor changes, runbook evidence).
      return { log, append: async (drafts, nowMs) => log.write(drafts, nowMs), close: async () => undefined };
    },
    connectHub: () => {
      throw new Error('no hub in this test');
    },
    ...overrides,
  };
}

// When each backup heartbeat last succeeded, from the host's check history.
// Asked again whenever the board changes; not part of the record.
import { useEffect, useState } from 'react';
import { getBridge } from '../../bridge';
import { createLogger } from '../../log';
import { useMonitorBoard } from '../monitors/use-monitor-board';

const log = createLogger('backup-times');

export function useBackupTimes(monitorIds: readonly string[]): ReadonlyMap<string, number> {
  const board = useMonitorBoard();
  const [times, setTimes] = useState<ReadonlyMap<string, number>>(new Map());
  const key = [...new Set(monitorIds)].sort().join('\n');
  useEffect(() => {
    const ids = key ? key.split('\n') : [];
    if (ids.length === 0 || board.kind !== 'ready') return;
    let isCurrent = true;
    void Promise.all(
      ids.map(async (monitorId) => {
        const result = await getBridge().call('monitor:history', { monitorId });
        if (!result.ok) {
          log.warn('backup history unavailable', result.error);
          return [monitorId, undefined] as const;
        }
        const last = result.value.samples.filter((sample) => sample.outcome === 'success').at(-1);
        return [monitorId, last?.at] as const;
      }),
    ).then((entries) => {
      if (!isCurrent) return;
      const next = new Map<string, number>();
      for (const [id, at] of entries) if (at !== undefined) next.set(id, at);
      setTimes(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [key, board]);
  return times;
}

// This host's outbox as it sees it, kept current by `comms:outbox-changed`.
// Not part of the record: the timeline says what was sent; this says what waits here.
import { useCallback, useEffect, useState } from 'react';
import type { OutboxView } from '../../../common/comms/comms-bridge';
import { getBridge } from '../../bridge';

export function useOutbox() {
  const [view, setView] = useState<OutboxView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const bridge = getBridge();
    let isCurrent = true;
    const off = bridge.on('comms:outbox-changed', (next) => setView(next));
    void bridge.call('comms:outbox', {}).then((result) => {
      if (!isCurrent) return;
      if (result.ok) setView(result.value);
      else setError(result.error.message);
    });
    return () => {
      isCurrent = false;
      off();
    };
  }, []);
  const retry = useCallback(async (messageId: string) => {
    const result = await getBridge().call('comms:retry', { messageId });
    if (result.ok) setView(result.value);
    else setError(result.error.message);
  }, []);
  return { view, error, retry };
}

// The names of the host's monitor secrets (never their values), for pickers.
import { useCallback, useEffect, useState } from 'react';
import { getBridge } from '../../bridge';

export function useSecretNames() {
  const [names, setNames] = useState<readonly string[]>([]);
  useEffect(() => {
    let isCurrent = true;
    void getBridge()
      .call('secret:list', {})
      .then((result) => {
        if (result.ok && isCurrent) setNames(result.value.names);
      });
    return () => {
      isCurrent = false;
    };
  }, []);
  /** Reads the names again, after another panel stored one. */
  const refresh = useCallback(() => {
    void getBridge()
      .call('secret:list', {})
      .then((result) => {
        if (result.ok) setNames(result.value.names);
      });
  }, []);
  const save = useCallback(async (name: string, value: string | null) => {
    const result = await getBridge().call('secret:set', { name, value });
    if (result.ok) setNames(result.value.names);
    return result.ok;
  }, []);
  return { names, save, refresh };
}

/** A server read for a component: its data, the error in words a person can act on, and a way to read again. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/api';

export interface Call<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function useCall<T>(read: () => Promise<T>, deps: unknown[]): Call<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    read().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState((s) => ({ ...s, error: errorMessage(e), loading: false })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the read depends on
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

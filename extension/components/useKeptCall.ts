/**
 * useCall for what an inspector needs on the street (zones due, rechecks, the organisation, settings, teams):
 * every successful read is kept in this browser's IndexedDB, the kept copy shows at once while the server is
 * asked again, and when the server cannot be reached it stays, with the time it was read (`keptAt`), instead of
 * an error. A refusal from the server (4xx/5xx) is still an error: only "no answer" falls back.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage, httpStatusOf } from '../lib/api';
import type { PanelDb } from '../lib/db';
import type { Call } from './useCall';

export interface KeptCall<T> extends Call<T> {
  /** When the data shown was read, if it is a kept copy because the server could not be reached; else null. */
  keptAt: number | null;
}

interface Kept<T> {
  at: number;
  data: T;
}

export function useKeptCall<T>(db: PanelDb, key: string, read: () => Promise<T>, now: () => number, deps: unknown[]): KeptCall<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean; keptAt: number | null }>({ data: undefined, error: null, loading: true, keptAt: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const metaKey = `kept:${key}`;
    const kept = db.meta.get(metaKey).then((row) => row?.value as Kept<T> | undefined, () => undefined);
    setState((s) => ({ ...s, loading: true }));
    void kept.then((k) => live && k && setState((s) => (s.data === undefined ? { ...s, data: k.data } : s)));
    read().then(
      (data) => {
        if (live) setState({ data, error: null, loading: false, keptAt: null });
        void db.meta.put({ key: metaKey, value: { at: now(), data } satisfies Kept<T> }).catch(() => undefined);
      },
      async (e: unknown) => {
        const fallback = httpStatusOf(e) === undefined ? await kept : undefined;
        if (!live) return;
        if (fallback) setState({ data: fallback.data, error: null, loading: false, keptAt: fallback.at });
        else setState((s) => ({ ...s, error: errorMessage(e), loading: false }));
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the read depends on
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

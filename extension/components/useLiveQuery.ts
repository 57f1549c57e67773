/** Dexie's liveQuery as a Preact hook: re-renders whenever the tables the query read change (in any context). */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/** `initial`: what to show until the first answer (the side panel's first read), instead of nothing. */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[] = [], initial?: T): T | undefined {
  const [value, setValue] = useState<T | undefined>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: (e) => console.error(e) });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what the query depends on
  }, deps);
  return value;
}

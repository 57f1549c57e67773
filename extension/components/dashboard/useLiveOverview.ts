/*
 * The overview, kept current on an open dashboard: one request for today, this week, the last 30 days and the
 * issue figures, then a poll of the cheap report.version every few seconds while the page is visible; the
 * overview is read again only when the version moves (a tick or an issue in scope, an organisation change, or
 * the minute turning, when an item may have become 已超时).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@server/routers/_app';
import { errorMessage, type Api } from '../../lib/api';
import type { Call } from '../useCall';

export type OverviewData = inferRouterOutputs<AppRouter>['report']['overview'];

export const POLL_MS = 3_000;

export function useLiveOverview(api: Api): Call<OverviewData> {
  const [state, setState] = useState<{ data: OverviewData | undefined; error: string | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    let shown: string | null = null;
    let reading = false;
    const read = async () => {
      reading = true;
      try {
        const data = await api.report.overview.query({ scope: 'mine' });
        if (!live) return;
        shown = data.version;
        setState({ data, error: null, loading: false });
      } catch (e) {
        if (live) setState((s) => ({ ...s, error: errorMessage(e), loading: false }));
      } finally {
        reading = false;
      }
    };
    const poll = async () => {
      if (reading || document.hidden) return;
      try {
        const { version } = await api.report.version.query({ scope: 'mine' });
        if (live && version !== shown) await read();
      } catch {
        // The server is out of reach for a moment: the figures shown stay, the next poll tries again.
      }
    };
    void read();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { ...state, reload };
}

/** One part of the overview as a call of its own, for components that show just that part. */
export function partOf<K extends keyof OverviewData>(call: Call<OverviewData>, key: K): Call<OverviewData[K]> {
  return { data: call.data?.[key], error: call.error, loading: call.loading, reload: call.reload };
}

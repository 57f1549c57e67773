/** The enrolled person and an API client for this page, or null when this browser is not enrolled yet. */
import { useEffect, useState } from 'preact/hooks';
import { createApi, type Api } from '../../lib/api';
import { enrolmentItem, type Enrolment } from '../../lib/enrolment';

export interface Session {
  enrolment: Enrolment;
  api: Api;
}

/** undefined while loading, null when not enrolled. */
export function useSession(): Session | null | undefined {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    const apply = (e: Enrolment | null) => setSession(e ? { enrolment: e, api: createApi(e.serverUrl, e.token) } : null);
    void enrolmentItem.getValue().then(apply);
    return enrolmentItem.watch(apply);
  }, []);
  return session;
}

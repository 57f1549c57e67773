/** The enrolled person and an API client for an online page, or null when this browser is not enrolled yet. */
import { useMemo } from 'preact/hooks';
import { createApi, type Api } from '../lib/api';
import type { Enrolment } from '../lib/enrolment';
import { useEnrolment } from './useEnrolment';

export interface Session {
  enrolment: Enrolment;
  api: Api;
}

/** undefined while loading, null when not enrolled. */
export function useSession(): Session | null | undefined {
  const enrolment = useEnrolment();
  return useMemo(() => (enrolment ? { enrolment, api: createApi(enrolment.serverUrl, enrolment.token) } : enrolment), [enrolment]);
}

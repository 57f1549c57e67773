/** Who this browser belongs to: the server address, the device token and the person, in extension storage. */
import { storage } from 'wxt/utils/storage';
import type { Role } from '../../shared/roles';

export interface Enrolment {
  serverUrl: string;
  token: string;
  personId: string;
  name: string;
  role: Role;
  deviceId: string;
  unit: { id: string; name: string; zoneId: string; zoneName: string } | null;
}

export const enrolmentItem = storage.defineItem<Enrolment | null>('local:enrolment', { fallback: null });

/** The server this extension was built against (wxt.config.ts), offered on the options page. */
export const DEFAULT_SERVER_URL: string = (import.meta.env.WXT_SERVER_URL as string | undefined) ?? 'http://127.0.0.1:8787';

/** 'http://host:port' without a trailing slash, or null when it is not an http(s) address. */
export function normaliseServerUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

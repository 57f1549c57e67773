/** Who this browser belongs to: the server address, the device token and the person, in extension storage. */
import { storage } from 'wxt/utils/storage';
import type { Me } from '@server/domain/whoami';
import { roleLabel } from '../../shared/roles';
import { withRoles, type StoredEnrolment } from './enrolmentRoles';

/** Who the server said the person is when last asked (auth.me, server/domain/whoami.ts: their roles, unit and the
 * zones they chief), with where and how this browser reaches that server. */
export interface Enrolment extends Me {
  serverUrl: string;
  token: string;
}

export const enrolmentItem = storage.defineItem<Enrolment | null>('local:enrolment', {
  fallback: null,
  version: 2,
  // Enrolled before one person could hold two roles (lib/enrolmentRoles.ts).
  migrations: { 2: (old: StoredEnrolment | null) => old && withRoles(old) },
});

/** How the page header names the person: their role, and the zones they chief besides (shared/roles.ts). */
export function enrolmentRoleLabel(e: Pick<Enrolment, 'role' | 'chiefOf'>): string {
  return roleLabel(e.role, e.chiefOf.map((z) => z.name));
}

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

/** Who this browser belongs to: the server address, the device token and the person, in extension storage. */
import { storage } from 'wxt/utils/storage';
import { roleLabel, type Role } from '../../shared/roles';

export interface Enrolment {
  serverUrl: string;
  token: string;
  personId: string;
  name: string;
  role: Role;
  /** Everything they were at enrolment: their role, and 片长 when a zone named them its chief (shared/roles.ts). */
  roles: readonly Role[];
  /** The zones that named them chief at enrolment (a unit's staff can be a zone's 片长 too). */
  chiefOf: { id: string; name: string }[];
  deviceId: string;
  unit: { id: string; name: string; zoneId: string; zoneName: string } | null;
}

export const enrolmentItem = storage.defineItem<Enrolment | null>('local:enrolment', {
  fallback: null,
  version: 2,
  // Enrolled before one person could hold two roles: their one role is all they hold. Fields already there stay
  // (a value written without its version mark must not lose them).
  migrations: {
    2: (old: (Omit<Enrolment, 'roles' | 'chiefOf'> & Partial<Enrolment>) | null) => old && { ...old, roles: old.roles ?? [old.role], chiefOf: old.chiefOf ?? [] },
  },
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

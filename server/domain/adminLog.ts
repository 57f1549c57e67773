/*
 * Every administrative change (a roster import, enrolment codes issued, a device revoked, a setting changed)
 * is recorded with who made it and when. This is the one call site: once the ledger records organisation and
 * settings changes as events (issue 10), this function writes that event instead of a structured log line.
 */
import type { Log } from '../log';

export type AdminAction = 'roster.imported' | 'dutyUnits.changed' | 'codes.issued' | 'device.revoked' | 'settings.changed';

export function recordAdminAction(log: Log, entry: { action: AdminAction; actorId: string; deviceId: string; at: number; detail: Record<string, unknown> }): void {
  log.info({ admin: entry }, `admin ${entry.action}`);
}

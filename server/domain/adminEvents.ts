/*
 * Admin events: the one way to put an organisation or settings change into the ledger (a roster import, a
 * setting saved on a page, an enrolment code issued, a device revoked; see shared/schemas/events.ts for the
 * kinds). Stored through the same statement as every pushed event, so they take the next seq (and the hash
 * chain) like any other. Call it inside the transaction that makes the change, so the change and its record
 * land together or not at all.
 */
import type { Db } from '../db/open';
import type { Actor } from './auth';
import { ledgerQueries } from './ledgerQueries';
import { importRoster, type ImportResult } from './roster';
import { dateKeyOf } from '../../shared/calendar';
import type { RosterTables } from './rosterFile';
import { ADMIN_EVENT_UNIT, SYSTEM_ACTORS, type AdminEventBody } from '../../shared/schemas/events';
import { eventIdAt } from '../../shared/eventId';

/** Who made the change: a person on an enrolled device, or a system actor (SYSTEM_ACTORS). */
export interface AdminActor {
  actorId: string;
  deviceId: string;
}

export const adminCli: AdminActor = SYSTEM_ACTORS.adminCli;

export function adminActorOf(actor: Actor): AdminActor {
  return { actorId: actor.person.id, deviceId: actor.deviceId };
}

/** Stores one admin event made by `by` at `at` (epoch ms); returns its sequence number. */
export function recordAdminEvent(db: Db, event: AdminEventBody & { by: AdminActor; at: number }): number {
  const { by, at, kind, payload } = event;
  return ledgerQueries(db).insertEvent({
    id: eventIdAt(at),
    kind,
    unitId: ADMIN_EVENT_UNIT,
    zoneId: ADMIN_EVENT_UNIT,
    actorId: by.actorId,
    deviceId: by.deviceId,
    clientTime: at,
    receivedAt: at,
    effectiveAt: at,
    clockSkewed: false,
    payload,
  });
}

/** Imports a roster or duty list for real and records org.imported with it, in one transaction. */
export function importRecorded(db: Db, tables: RosterTables, file: string, by: AdminActor, at: number): ImportResult {
  return db.transaction(() => {
    const result = importRoster(db, tables, { at });
    if (result.ok) recordAdminEvent(db, { kind: 'org.imported', payload: { file, counts: result.preview.counts, effectiveFrom: dateKeyOf(at) }, by, at });
    return result;
  });
}

/*
 * 考核 reads its few event kinds (rubric changes, appeals, failed 回头看, reports, issued bulletins) straight from
 * the ledger through the partial index events_kind_at, which leaves the millions of ticks out. County-wide events
 * are written here too, under COUNTY_WIDE, through the same insert as every pushed event.
 */
import type { Db } from '../../db/open';
import { NOT_TICKS } from '../../db/schema';
import type { Actor } from '../auth';
import { ledgerQueries } from '../ledgerQueries';
import { storedPayload } from '../storedBody';
import { COUNTY_WIDE, type EventKind, type PayloadOf } from '../../../shared/schemas/events';
import { eventIdAt } from '../../../shared/eventId';

export interface LedgerRow<K extends EventKind> {
  seq: number;
  id: string;
  unitId: string;
  actorId: string;
  effectiveAt: number;
  payload: PayloadOf<K>;
}

interface SqlRow {
  seq: number;
  id: string;
  unit_id: string;
  actor_id: string;
  effective_at: number;
  payload: string;
}

/** Events of one kind in ledger order, optionally only those effective in [start, end). */
export function eventsOfKind<K extends EventKind>(db: Db, kind: K, range?: readonly [number, number]): LedgerRow<K>[] {
  const when = range ? ' and effective_at >= ? and effective_at < ?' : '';
  const rows = db.$client
    .prepare<(string | number)[], SqlRow>(`select seq, id, unit_id, actor_id, effective_at, payload from events where ${NOT_TICKS} and kind = ?${when} order by seq`)
    .all(kind, ...(range ?? []));
  return rows.map((r) => ({ seq: r.seq, id: r.id, unitId: r.unit_id, actorId: r.actor_id, effectiveAt: r.effective_at, payload: storedPayload(r.seq, kind, JSON.parse(r.payload)) }));
}

/**
 * Stores a county-wide event made by the server for the command center; returns its sequence number. The demo seed
 * passes its own id so the same `now` gives the same ledger.
 */
export function appendCountyEvent<K extends 'rubric.changed' | 'bulletin.issued'>(db: Db, actor: Actor, kind: K, payload: PayloadOf<K>, now: number, id = eventIdAt(now)): number {
  return ledgerQueries(db).insertEvent({
    id,
    kind,
    unitId: COUNTY_WIDE,
    zoneId: COUNTY_WIDE,
    actorId: actor.person.id,
    deviceId: actor.deviceId,
    clientTime: now,
    receivedAt: now,
    effectiveAt: now,
    clockSkewed: false,
    payload,
  });
}

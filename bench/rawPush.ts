/*
 * What a push of ticks writes, done by raw better-sqlite3 with nothing else: the baseline of the push figures, in
 * process (figures/push.ts) and behind the bare Express app (bareServer.ts). It writes the same rows as the
 * project: each event row (with a fixed hash, see rawHash.ts) and its duty_checks row folded by the shared rule
 * (applyDutyEvent) from the row already stored, so a second tick keeps the first completion and both marks, as the
 * project's does. The stored rows of a batch are read in one statement and taken as rows by the project's own
 * mapping (ledgerQueries.dutyCheckOf). No rules, no validation, no hash chain.
 */
import type Database from 'better-sqlite3';
import { applyDutyEvent, type DutyCheckRow } from '../shared/projection';
import type { PayloadOf } from '../shared/schemas/events';
import { dutyCheckOf, type DutyCheckSqlRow } from '../server/domain/ledgerQueries';
import { RAW_EVENT_HASH } from './rawHash';

export interface RawTick {
  id: string;
  kind: 'duty.checked' | 'duty.unchecked';
  unitId: string;
  clientTime: number;
  payload: PayloadOf<'duty.checked'>;
}

/** A writer of one batch of ticks in one transaction, as `personId` on `deviceId`; `zoneOf` gives a unit's zone. */
export function rawPushWriter(raw: Database.Database, zoneOf: (unitId: string) => string) {
  const insert = raw.prepare(
    'insert into events (id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, clock_skewed, payload, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
  );
  const stored = raw.prepare<[string], DutyCheckSqlRow>(
    `select d.* from json_each(?) j
     join duty_checks d on d.unit_id = j.value ->> 0 and d.duty_id = j.value ->> 1 and d.period_key = j.value ->> 2`,
  );
  const upsert = raw.prepare(
    `insert into duty_checks (unit_id, duty_id, period_key, checked, checked_at, checked_by, last_at, last_event_id, history) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (unit_id, duty_id, period_key) do update set checked = excluded.checked, checked_at = excluded.checked_at,
       checked_by = excluded.checked_by, last_at = excluded.last_at, last_event_id = excluded.last_event_id, history = excluded.history`,
  );
  const keyOf = (unitId: string, dutyId: string, periodKey: string) => `${unitId} ${dutyId} ${periodKey}`;
  return raw.transaction((events: readonly RawTick[], actor: { personId: string; deviceId: string }, receivedAt: number) => {
    const rows = new Map<string, DutyCheckRow>();
    for (const r of stored.all(JSON.stringify(events.map((e) => [e.unitId, e.payload.dutyId, e.payload.periodKey])))) {
      rows.set(keyOf(r.unit_id, r.duty_id, r.period_key), dutyCheckOf(r));
    }
    for (const e of events) {
      insert.run(e.id, e.kind, e.unitId, zoneOf(e.unitId), actor.personId, actor.deviceId, e.clientTime, receivedAt, e.clientTime, JSON.stringify(e.payload), RAW_EVENT_HASH);
      const key = keyOf(e.unitId, e.payload.dutyId, e.payload.periodKey);
      const row = applyDutyEvent(rows.get(key), { id: e.id, unitId: e.unitId, actorId: actor.personId, effectiveAt: e.clientTime }, e.kind, e.payload);
      if (!row) continue;
      upsert.run(row.unitId, row.dutyId, row.periodKey, row.checked ? 1 : 0, row.checkedAt, row.checkedBy, row.lastAt, row.lastEventId, row.history ? JSON.stringify(row.history) : null);
      rows.set(key, row);
    }
  });
}

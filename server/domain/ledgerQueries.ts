/*
 * The ledger's hot statements, prepared once per connection or transaction instead of built and prepared again
 * for every event: building the SQL and preparing it cost more than SQLite's own work (npm run bench measured
 * pushEvents at about 1/14 of raw better-sqlite3 writing the same rows before this).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { dutyChecks, events } from '../db/schema';

const p = sql.placeholder;

function prepare(db: Db) {
  return {
    insertEvent: db
      .insert(events)
      .values({
        id: p('id'),
        kind: p('kind'),
        unitId: p('unitId'),
        zoneId: p('zoneId'),
        actorId: p('actorId'),
        deviceId: p('deviceId'),
        clientTime: p('clientTime'),
        receivedAt: p('receivedAt'),
        effectiveAt: p('effectiveAt'),
        clockSkewed: p('clockSkewed'),
        payload: p('payload'),
      })
      .returning({ seq: events.seq })
      .prepare(),
    dutyCheck: db
      .select()
      .from(dutyChecks)
      .where(and(eq(dutyChecks.unitId, p('unitId')), eq(dutyChecks.dutyId, p('dutyId')), eq(dutyChecks.periodKey, p('periodKey'))))
      .prepare(),
    upsertDutyCheck: db
      .insert(dutyChecks)
      .values({
        unitId: p('unitId'),
        dutyId: p('dutyId'),
        periodKey: p('periodKey'),
        checked: p('checked'),
        checkedAt: p('checkedAt'),
        checkedBy: p('checkedBy'),
        lastAt: p('lastAt'),
        lastEventId: p('lastEventId'),
      })
      .onConflictDoUpdate({
        target: [dutyChecks.unitId, dutyChecks.dutyId, dutyChecks.periodKey],
        set: {
          checked: sql`excluded.checked`,
          checkedAt: sql`excluded.checked_at`,
          checkedBy: sql`excluded.checked_by`,
          lastAt: sql`excluded.last_at`,
          lastEventId: sql`excluded.last_event_id`,
        },
      })
      .prepare(),
  };
}

export type LedgerQueries = ReturnType<typeof prepare>;

// Keyed by the database or transaction object the statements were prepared on: they run on its connection.
const cache = new WeakMap<object, LedgerQueries>();

export function ledgerQueries(db: Db): LedgerQueries {
  let q = cache.get(db);
  if (!q) cache.set(db, (q = prepare(db)));
  return q;
}

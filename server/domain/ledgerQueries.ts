/*
 * The ledger's hot statements, prepared once per connection as plain better-sqlite3 statements. Building and
 * preparing SQL per event cost more than SQLite's own work (npm run bench measured pushEvents at about 1/14 of
 * raw better-sqlite3 before statements were prepared once); going through drizzle's mapping for the three
 * statements every tick runs cost another third. The rest of the ledger stays on drizzle.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { DutyCheckRow } from '../../shared/projection';
import { chainHash, GENESIS_HASH, type ChainRow, type Checkpoint } from './ledgerChain';

export interface EventRow {
  id: string;
  kind: string;
  unitId: string;
  zoneId: string;
  actorId: string;
  deviceId: string;
  clientTime: number;
  receivedAt: number;
  effectiveAt: number;
  clockSkewed: boolean;
  payload: unknown;
}

/** A duty_checks row as SQLite returns it (snake_case columns, history as JSON text). */
export interface DutyCheckSqlRow {
  unit_id: string;
  duty_id: string;
  period_key: string;
  checked: number;
  checked_at: number | null;
  checked_by: string | null;
  last_at: number;
  last_event_id: string;
  history: string | null;
}

function prepare(client: Database.Database) {
  const tail = client.prepare<[], Checkpoint>('select seq, hash from events order by seq desc limit 1');
  // An id already stored is left as it is (nothing written, changes = 0): the caller tells a resend from a clash.
  const insertEvent = client.prepare(
    `insert into events (seq, id, kind, unit_id, zone_id, actor_id, device_id, client_time, received_at, effective_at, clock_skewed, payload, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing`,
  );
  // The tail is read once per transaction and each event chained to it in memory: a push of 100 events reads the
  // last hash once, not 100 times. Reading it and writing the rows happen inside one transaction: pushes are
  // synchronous on one connection, and another process (an admin command) writing in between makes SQLite refuse
  // this transaction's write (busy) rather than let two events chain to the same predecessor.
  // The writer answers null, and the chain stays where it was, when the event's id is already stored.
  const chainFromTail = () => {
    let last = tail.get() ?? { seq: 0, hash: GENESIS_HASH };
    return (e: EventRow): number | null => {
      const r: ChainRow = {
        seq: last.seq + 1,
        id: e.id,
        kind: e.kind,
        unit_id: e.unitId,
        zone_id: e.zoneId,
        actor_id: e.actorId,
        device_id: e.deviceId,
        client_time: e.clientTime,
        received_at: e.receivedAt,
        effective_at: e.effectiveAt,
        clock_skewed: e.clockSkewed ? 1 : 0,
        payload: JSON.stringify(e.payload),
      };
      const hash = chainHash(last.hash, r);
      const { changes } = insertEvent.run(r.seq, r.id, r.kind, r.unit_id, r.zone_id, r.actor_id, r.device_id, r.client_time, r.received_at, r.effective_at, r.clock_skewed, r.payload, hash);
      if (changes === 0) return null;
      last = { seq: r.seq, hash };
      return r.seq;
    };
  };
  const appendNew = (e: EventRow): number => {
    const seq = chainFromTail()(e);
    if (seq === null) throw new Error(`事件编号 ${e.id} 已存在`);
    return seq;
  };
  const appendAlone = client.transaction(appendNew);
  const selectCheck = client.prepare<unknown[], DutyCheckSqlRow>(
    'select * from duty_checks where unit_id = ? and duty_id = ? and period_key = ?',
  );
  const selectStored = client.prepare<[string], { unit_id: string; kind: string; client_time: number; payload: string }>(
    'select unit_id, kind, client_time, payload from events where id = ?',
  );
  // A push's rows in one statement: each key found through the primary key, without a round trip per event.
  const selectChecks = client.prepare<[string], DutyCheckSqlRow>(
    `select d.* from json_each(?) j
     join duty_checks d on d.unit_id = j.value ->> 0 and d.duty_id = j.value ->> 1 and d.period_key = j.value ->> 2`,
  );
  const upsertCheck = client.prepare(
    `insert into duty_checks (unit_id, duty_id, period_key, checked, checked_at, checked_by, last_at, last_event_id, history)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (unit_id, duty_id, period_key) do update set checked = excluded.checked, checked_at = excluded.checked_at,
       checked_by = excluded.checked_by, last_at = excluded.last_at, last_event_id = excluded.last_event_id, history = excluded.history`,
  );
  const dutyCheck = (unitId: string, dutyId: string, periodKey: string): DutyCheckRow | undefined => {
    const r = selectCheck.get(unitId, dutyId, periodKey);
    return r && dutyCheckOf(r);
  };
  const upsertDutyCheck = (c: DutyCheckRow): void => {
    upsertCheck.run(c.unitId, c.dutyId, c.periodKey, c.checked ? 1 : 0, c.checkedAt, c.checkedBy, c.lastAt, c.lastEventId, c.history ? JSON.stringify(c.history) : null);
  };
  return {
    /** Stores one new event as the next link of the hash chain (ledgerChain.ts); returns its sequence number. */
    insertEvent(e: EventRow): number {
      return client.inTransaction ? appendNew(e) : appendAlone.immediate(e);
    },
    /**
     * For a batch inside one transaction: a writer that reads the chain's tail now and chains every event it
     * stores in memory, answering its sequence number, or null (nothing written) when its id is already stored.
     * Valid only within the transaction it was made in, with no other writer of events meanwhile.
     */
    chainWriter(): (e: EventRow) => number | null {
      if (!client.inTransaction) throw new Error('chainWriter must be used inside a transaction');
      return chainFromTail();
    },
    /** The stored event with this id, with what a resend is compared on (ledger.ts contentOf), if there is one. */
    storedEvent(id: string): { unitId: string; kind: string; clientTime: number; payload: unknown } | undefined {
      const r = selectStored.get(id);
      return r && { unitId: r.unit_id, kind: r.kind, clientTime: r.client_time, payload: JSON.parse(r.payload) };
    },
    dutyCheck,
    upsertDutyCheck,
    /**
     * The duty_checks rows of a batch's (unit, duty, period) keys, read in one statement and kept current as the
     * batch writes them: what project() reads and writes for each tick of a push.
     */
    dutyCheckBatch(keys: readonly DutyCheckKey[]): DutyCheckStore {
      const rows = new Map<string, DutyCheckRow | undefined>(keys.map((k) => [keyOf(k.unitId, k.dutyId, k.periodKey), undefined]));
      if (keys.length) for (const r of selectChecks.all(JSON.stringify(keys.map((k) => [k.unitId, k.dutyId, k.periodKey])))) rows.set(keyOf(r.unit_id, r.duty_id, r.period_key), dutyCheckOf(r));
      return {
        get: (unitId, dutyId, periodKey) => {
          const key = keyOf(unitId, dutyId, periodKey);
          return rows.has(key) ? rows.get(key) : dutyCheck(unitId, dutyId, periodKey);
        },
        put: (c) => {
          upsertDutyCheck(c);
          rows.set(keyOf(c.unitId, c.dutyId, c.periodKey), c);
        },
      };
    },
  };
}

export type LedgerQueries = ReturnType<typeof prepare>;

export type DutyCheckKey = Pick<DutyCheckRow, 'unitId' | 'dutyId' | 'periodKey'>;

/** Where project() reads and writes duty_checks rows: straight to the table, or through a push's batch. */
export interface DutyCheckStore {
  get(unitId: string, dutyId: string, periodKey: string): DutyCheckRow | undefined;
  put(row: DutyCheckRow): void;
}

const keyOf = (unitId: string, dutyId: string, periodKey: string) => `${unitId}\u0000${dutyId}\u0000${periodKey}`;

/** A duty_checks row as the projection rules take it (shared/projection.ts). */
export function dutyCheckOf(r: DutyCheckSqlRow): DutyCheckRow {
  return {
    unitId: r.unit_id,
    dutyId: r.duty_id,
    periodKey: r.period_key,
    checked: r.checked === 1,
    checkedAt: r.checked_at,
    checkedBy: r.checked_by,
    lastAt: r.last_at,
    lastEventId: r.last_event_id,
    history: r.history === null ? null : (JSON.parse(r.history) as DutyCheckRow['history']),
  };
}

const cache = new WeakMap<Database.Database, LedgerQueries>();

/** The statements on a plain better-sqlite3 connection (the seed's and the bench's bulk writers use these too). */
export function ledgerStatements(client: Database.Database): LedgerQueries {
  let q = cache.get(client);
  if (!q) cache.set(client, (q = prepare(client)));
  return q;
}

export function ledgerQueries(db: Db): LedgerQueries {
  return ledgerStatements(db.$client);
}

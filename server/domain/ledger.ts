/*
 * The ledger on the server: push stores a batch of events and updates the projections in one transaction;
 * pull pages through stored events in the caller's scope. See shared/schemas/events.ts for the protocol.
 */
import { TRPCError } from '@trpc/server';
import { and, asc, eq, gt, ne, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open';
import { calendarDays, dutyChecks, events, inspections, issues, nudges } from '../db/schema';
import type { Actor } from './auth';
import { orgSeenBy } from './org';
import { loadCalendar } from './calendar';
import { deadlineRulesOf } from './settings';
import { refusalOf, type RuleContext } from './eventRules';
import { ruleLookups } from './ruleLookups';
import { stampDeadline } from './supervision/deadlines';
import { ledgerQueries, type DutyCheckStore } from './ledgerQueries';
import { appealLookup } from './assessment/appeals';
import { storedBody } from './storedBody';
import { ADMIN_EVENT_UNIT, COUNTY_WIDE, type ClientEvent, type StoredEvent } from '../../shared/schemas/events';
import { eventIdRefusal } from '../../shared/schemas/common';
import { effectiveTime } from '../../shared/schedule';
import { applyEvent, type ProjectionStore } from '../../shared/applyEvent';
import type { DeadlineRules } from '../../shared/deadlines';
import { scopeHasUnit, type Scope } from '../../shared/scope';
import { mustGet } from './mustGet';

export interface PushResult {
  /** Ids stored by this call. */
  stored: string[];
  /** Ids that were already stored: acknowledged, not stored again. */
  duplicates: string[];
}

export function pushEvents(db: Db, actor: Actor, batch: ClientEvent[], receivedAt: number): PushResult {
  const { org, scope, roles } = orgSeenBy(db, actor.person, receivedAt);
  const calendar = loadCalendar(db);
  const rules = deadlineRulesOf(db, calendar);
  // better-sqlite3's own transaction rather than drizzle's wrapper, which builds a transaction object per call
  // (per push): the same BEGIN/COMMIT (a savepoint when nested), and everything inside still goes through `db`.
  return db.$client.transaction(() => {
    const stored: string[] = [];
    const duplicates: string[] = [];
    const queries = ledgerQueries(db);
    const append = queries.chainWriter();
    const checks = queries.dutyCheckBatch(
      batch.flatMap((e) => (e.kind === 'duty.checked' || e.kind === 'duty.unchecked' ? [{ unitId: e.unitId, dutyId: e.payload.dutyId, periodKey: e.payload.periodKey }] : [])),
    );
    const lookups = ruleLookups(db, actor.person, scope);
    const lookup = lookups.lookup;
    // What the rules and the projection need that is the same for every event of the batch, made once; only the
    // effective time differs per event (set before each check: the checks run one after the other).
    const ruleContext: RuleContext = { actor, scope, roles, org, calendar, appeals: appealLookup(db), at: receivedAt, ...lookups };
    const store = sqliteStore(db, checks);
    // An id already stored (or earlier in this batch) is a resend when its content is the same, else a clash. It is
    // looked up only when the event would be refused or its row is not written (the id's unique index says so), so
    // a push of new events reads nothing first; a resend the rules would now refuse (an issue reported twice) is
    // still acknowledged.
    const resent = (incoming: ClientEvent, index: number): boolean => {
      const earlier = queries.storedEvent(incoming.id);
      if (!earlier) return false;
      // The same message whether the stored event is another unit's or only differs: it tells nothing about it.
      if (!scopeHasUnit(scope, earlier.unitId) || contentOf(earlier) !== contentOf(incoming)) {
        throw new TRPCError({ code: 'CONFLICT', message: `第${index + 1}条记录未被接受：${ID_CLASH}` });
      }
      duplicates.push(incoming.id);
      return true;
    };
    batch.forEach((incoming, index) => {
      const { at, clockSkewed } = effectiveTime(incoming.clientTime, receivedAt);
      const badId = eventIdRefusal(incoming.id, receivedAt);
      ruleContext.at = at;
      const refusal = badId === null ? refusalOf(incoming, ruleContext) : { code: 'BAD_REQUEST' as const, message: badId };
      if (refusal) {
        if (resent(incoming, index)) return;
        throw new TRPCError({ code: refusal.code, message: `第${index + 1}条记录未被接受：${refusal.message}` });
      }
      const event = stampDeadline(incoming, at, rules, lookup);
      // A round is filed under a lead unit that may sit in another zone; its own first zone is where it happened.
      const zoneId =
        event.unitId === COUNTY_WIDE ? COUNTY_WIDE : event.kind === 'inspection.recorded' ? event.payload.zoneIds[0] : mustGet(org.unitById, event.unitId, '单位').zoneId;
      const seq = append({
        id: event.id,
        kind: event.kind,
        unitId: event.unitId,
        zoneId,
        actorId: actor.person.id,
        deviceId: actor.deviceId,
        clientTime: event.clientTime,
        receivedAt,
        effectiveAt: at,
        clockSkewed,
        payload: event.payload,
      });
      if (seq === null) {
        if (resent(incoming, index)) return;
        throw new Error(`事件 ${event.id} 未写入，却不在台账中`);
      }
      projectInto(store, toStored(seq, event, actor, receivedAt, at), rules);
      stored.push(event.id);
    });
    return { stored, duplicates };
  })();
}

export const ID_CLASH = '记录编号已被占用，且与已保存的记录不同；请重新记录这一条';

/**
 * What makes a resend the same event: kind, unit, client time and payload, compared as JSON with sorted keys.
 * The deadline the server stamps into a payload is left out: whatever a client sent there was replaced.
 */
type Content = { kind: string; unitId: string; clientTime: number; payload: unknown };

function contentOf(e: Content): string {
  const { deadlineAt: _stamped, ...payload } = e.payload as Record<string, unknown>;
  return JSON.stringify([e.kind, e.unitId, e.clientTime, payload], (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}

// Written out rather than spread: this runs for every pushed event, and a spread of the incoming event cost more
// than the hash chain (npm run bench, push).
function toStored(seq: number, e: ClientEvent, actor: Actor, receivedAt: number, at: number): StoredEvent {
  const { id, kind, unitId, clientTime, payload } = e;
  return { seq, id, kind, unitId, actorId: actor.person.id, deviceId: actor.deviceId, clientTime, receivedAt, effectiveAt: at, payload } as StoredEvent;
}

/**
 * The SQLite store under shared/applyEvent.ts: the projection tables, written inside the caller's transaction.
 * `checks`: where duty_checks rows are read and written (a push passes its batch's rows, read in one statement).
 */
function sqliteStore(db: Db, checks: DutyCheckStore): ProjectionStore {
  return {
    dutyCheck: (unitId, dutyId, periodKey) => checks.get(unitId, dutyId, periodKey),
    putDutyCheck: (row) => checks.put(row),
    issue: (id) => db.select().from(issues).where(eq(issues.id, id)).get(),
    putIssue: (row) => void db.insert(issues).values(row).onConflictDoUpdate({ target: issues.id, set: row }).run(),
    nudge: (id) => db.select().from(nudges).where(eq(nudges.id, id)).get(),
    putNudge: (row) => void db.insert(nudges).values(row).onConflictDoUpdate({ target: nudges.id, set: row }).run(),
    putCalendarDay: (day, seq) => {
      if (seq === undefined) throw new Error('节假日安排事件缺少台账序号');
      const row = { ...day, seq };
      db.insert(calendarDays).values(row).onConflictDoUpdate({ target: calendarDays.date, set: row }).run();
    },
    addInspection: (row) => void db.insert(inspections).values(row).onConflictDoNothing().run(),
  };
}

/** Applies one stored event to the projection tables. Used by push and by rebuild, so both agree exactly. */
export function project(db: Db, e: StoredEvent, rules: DeadlineRules, checks: DutyCheckStore = directChecks(db)): void {
  projectInto(sqliteStore(db, checks), e, rules);
}

function projectInto(store: ProjectionStore, e: StoredEvent, rules: DeadlineRules): void {
  // The SQLite store answers at once, so this finishes inside the caller's synchronous transaction.
  const pending = applyEvent(store, e, rules);
  if (pending instanceof Promise) throw new Error('投影写入必须在同一事务中同步完成');
}

function directChecks(db: Db): DutyCheckStore {
  const queries = ledgerQueries(db);
  return { get: queries.dutyCheck, put: queries.upsertDutyCheck };
}

const REBUILD_PAGE = 5000;

export interface PullResult {
  events: StoredEvent[];
  cursor: number;
  more: boolean;
  /**
   * Which copy of the ledger this is. It changes only when the data is restored from a backup (restore.ts sets
   * a new one), and then cursors and acknowledgements a device got from the copy before mean nothing: the device
   * pulls again from 0 and pushes again every event it made (push is idempotent), so the restored server gets
   * back whatever its devices still hold.
   */
  epoch: number;
}

/** The ledger's epoch: SQLite's application_id header field, 0 until the first restore. */
export function ledgerEpoch(db: Db): number {
  return db.$client.pragma('application_id', { simple: true }) as number;
}

// Pull runs on every sync of every device: its shapes are prepared once per connection instead of built and
// prepared per request, and read only the columns a pulled event is made of (not the zone, clock flag or hash).
const pullQueries = new WeakMap<Db, ReturnType<typeof preparePull>>();

const PULLED = {
  seq: events.seq,
  id: events.id,
  kind: events.kind,
  unitId: events.unitId,
  actorId: events.actorId,
  deviceId: events.deviceId,
  clientTime: events.clientTime,
  receivedAt: events.receivedAt,
  effectiveAt: events.effectiveAt,
  payload: events.payload,
};

/** A row of `events` with the columns an event is read back from (rowToStored). */
type PulledRow = Pick<typeof events.$inferSelect, keyof typeof PULLED>;

function preparePull(db: Db) {
  const select = (where: SQL | undefined) => db.select(PULLED).from(events).where(where);
  const page = (inScope?: SQL) =>
    select(and(gt(events.seq, sql.placeholder('after')), inScope))
      .orderBy(asc(events.seq))
      .limit(sql.placeholder('limit'))
      .prepare();
  // One unit and the county-wide events, the scope of nearly every device: two ranges of the (unit, seq) index
  // merged in seq order (union all). The list form below sorts its rows afterwards (SQLite cannot merge over
  // json_each), which cost a third of a unit's incremental pull (npm run bench, pull over HTTP).
  const oneUnit = (andWhere?: SQL) => {
    const range = (unit: string | Placeholder) => select(and(eq(events.unitId, unit), gt(events.seq, sql.placeholder('after')), andWhere));
    return range(sql.placeholder('unit')).unionAll(range(COUNTY_WIDE)).orderBy(asc(events.seq)).limit(sql.placeholder('limit')).prepare();
  };
  return {
    all: page(),
    allButAdminEvents: page(ne(events.unitId, ADMIN_EVENT_UNIT)),
    units: page(sql`${events.unitId} in (select value from json_each(${sql.placeholder('units')}))`),
    // A round is filed under a lead unit; its 督查小结 is for that unit's head, not every member (see pullEvents).
    unitsButRounds: page(sql`${events.unitId} in (select value from json_each(${sql.placeholder('units')})) and ${events.kind} <> 'inspection.recorded'`),
    oneUnit: oneUnit(),
    oneUnitButRounds: oneUnit(ne(events.kind, 'inspection.recorded')),
  };
}

/**
 * `withAdminEvents`: whether the caller also reads the admin events (the 'adminEvents.read' permission); a unit scope never
 * holds them. `withRounds`: whether the caller reads 督查小结 ('rounds.readSummaries'); without it, the rounds filed
 * under a unit in scope are left out.
 */
export function pullEvents(db: Db, scope: Scope, after: number, limit: number, { withAdminEvents = false, withRounds = true } = {}): PullResult {
  let q = pullQueries.get(db);
  if (!q) pullQueries.set(db, (q = preparePull(db)));
  const rows: PulledRow[] = scope.all
    ? (withAdminEvents ? q.all : q.allButAdminEvents).all({ after, limit: limit + 1 })
    : scope.unitIds.size === 1
      ? // County-wide events (the holiday schedule) reach every device, whatever its scope.
        (withRounds ? q.oneUnit : q.oneUnitButRounds).all({ unit: [...scope.unitIds][0], after, limit: limit + 1 })
      : (withRounds ? q.units : q.unitsButRounds).all({ after, limit: limit + 1, units: JSON.stringify([...scope.unitIds, COUNTY_WIDE]) });
  const page = rows.slice(0, limit);
  return {
    events: page.map(rowToStored),
    cursor: page.length ? page[page.length - 1].seq : after,
    more: rows.length > limit,
    epoch: ledgerEpoch(db),
  };
}

/** A row of `events` as the event it records, its payload parsed by its kind's schema (storedBody). */
export function rowToStored(r: PulledRow): StoredEvent {
  return {
    seq: r.seq,
    id: r.id,
    unitId: r.unitId,
    actorId: r.actorId,
    deviceId: r.deviceId,
    clientTime: r.clientTime,
    receivedAt: r.receivedAt,
    effectiveAt: r.effectiveAt,
    ...storedBody(r.seq, r.kind, r.payload),
  };
}

/** Drops the projections and replays the whole ledger into them. */
export function rebuildProjections(db: Db): { events: number } {
  const rules = deadlineRulesOf(db);
  return db.transaction(() => {
    db.delete(dutyChecks).run();
    db.delete(issues).run();
    db.delete(inspections).run();
    db.delete(nudges).run();
    db.delete(calendarDays).run();
    let count = 0;
    // In pages by seq: a year of a county's ledger need not sit in memory at once, and SQLite cannot write
    // on a connection while a read on it is still being iterated.
    for (let after = 0; ; ) {
      const page = db.select().from(events).where(gt(events.seq, after)).orderBy(asc(events.seq)).limit(REBUILD_PAGE).all();
      for (const row of page) project(db, rowToStored(row), rules);
      count += page.length;
      if (page.length < REBUILD_PAGE) break;
      after = page[page.length - 1].seq;
    }
    return { events: count };
  });
}

/*
 * Drill-down: one unit's day (each item due, done or not, by whom and when, with every tick and untick of it;
 * its issues), the issue list with filters, and one issue's history from the ledger. Names of people come from
 * the people table. The day is judged by the organisation of each item's period (org.ts).
 */
import { and, asc, eq, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { dutyChecks, events, issues, people } from '../../db/schema';
import { dutyInPeriod, type Org } from '../org';
import { loadCalendar } from '../calendar';
import { rowToStored } from '../ledger';
import { issuesInScope, viewOf, type IssueView } from '../supervision/issueView';
import type { IssueFilters } from '../../../shared/schemas/report';
import type { Duty, Unit } from '../../../shared/schemas/org';
import { marksOf } from '../../../shared/projection';
import type { Scope } from '../../../shared/scope';
import { dueAt, dueDate, dutyAppliesTo, dutyStatus } from '../../../shared/schedule';
import type { DutyStatus } from '../../../shared/metrics';
import { weekKeyOfDate } from '../../../shared/calendar';
import { OPEN_STATES } from '../../../shared/issueFlow';
import { rangeInstants } from './issues';
import { isOverdue } from '../../../shared/metrics';

export function personNames(db: Db): Map<string, string> {
  return new Map(db.select({ id: people.id, name: people.name }).from(people).all().map((p) => [p.id, p.name]));
}

export interface DayItem {
  dutyId: string;
  title: string;
  category: string;
  cadence: 'daily' | 'weekly';
  periodKey: string;
  /** The date it falls due (for a weekly item, its day in the week), or null when it is not due. */
  dueDate: string | null;
  dueAt: number | null;
  status: DutyStatus;
  checkedAt: number | null;
  checkedBy: string | null;
  checkedByName: string | null;
  /** Every tick and untick of the item's period, oldest first; `late`: a tick after the due time. */
  marks: { at: number; checked: boolean; byName: string; late: boolean }[];
}

export interface UnitDay {
  unit: Unit;
  zoneName: string;
  date: string;
  /** Daily items of the date, then the weekly items of its week. */
  items: DayItem[];
  /** The unit's issues still open, and those reported or changed on the date. */
  issues: (IssueView & { overdue: boolean })[];
}

export function unitDay(db: Db, org: Org, current: Unit, date: string, now: number): UnitDay {
  // The unit as it was that day (its zone then), and the zone's name then.
  const then = org.on(date);
  const unit = then.unitById.get(current.id) ?? current;
  const week = weekKeyOfDate(date);
  const names = personNames(db);
  const calendar = loadCalendar(db);
  const checks = db
    .select()
    .from(dutyChecks)
    .where(and(eq(dutyChecks.unitId, unit.id), or(eq(dutyChecks.periodKey, date), eq(dutyChecks.periodKey, week))))
    .all();
  const nameOf = (personId: string) => names.get(personId) ?? personId;
  // Each item as its period stood: the duty list of that day (daily) or of that week's Monday (weekly).
  const listed = [...org.dutyById.values()].flatMap((d): Duty[] => {
    const then = dutyInPeriod(org, d.id, d.cadence === 'daily' ? date : week);
    return then && dutyAppliesTo(then, unit.id) ? [then] : [];
  });
  const items = listed
    .sort((a, b) => (a.cadence === b.cadence ? 0 : a.cadence === 'daily' ? -1 : 1))
    .map((duty): DayItem => {
      const key = duty.cadence === 'daily' ? date : week;
      const row = checks.find((c) => c.dutyId === duty.id && c.periodKey === key);
      const check = row?.checked ? row : undefined;
      const checkedAt = check?.checkedAt ?? null;
      const due = dueAt(duty, key, calendar);
      return {
        dutyId: duty.id,
        title: duty.title,
        category: duty.category,
        cadence: duty.cadence,
        periodKey: key,
        dueDate: dueDate(duty, key, calendar),
        dueAt: due,
        status: dutyStatus(duty, key, checkedAt, now, calendar),
        checkedAt,
        checkedBy: check?.checkedBy ?? null,
        checkedByName: check?.checkedBy ? nameOf(check.checkedBy) : null,
        marks: row ? marksOf(row).map((m) => ({ at: m.at, checked: m.checked, byName: nameOf(m.by), late: m.checked && due !== null && m.at > due })) : [],
      };
    });
  const [start, end] = rangeInstants(date, date);
  const touched = sql`(${issues.reportedAt} >= ${start} and ${issues.reportedAt} < ${end}) or (${issues.updatedAt} >= ${start} and ${issues.updatedAt} < ${end})`;
  const open = sql`${issues.state} in (${sql.join(OPEN_STATES.map((s) => sql`${s}`), sql`, `)})`;
  const rows = db
    .select()
    .from(issues)
    .where(and(eq(issues.unitId, unit.id), or(open, touched)))
    .orderBy(asc(issues.reportedAt))
    .all();
  return {
    unit,
    zoneName: (then.zones.find((z) => z.id === unit.zoneId) ?? org.zones.find((z) => z.id === unit.zoneId))?.name ?? '',
    date,
    items,
    issues: rows.map((r) => ({ ...viewOf(r, org), overdue: isOverdue(r, now) })),
  };
}

export function issueList(db: Db, org: Org, scope: Scope, f: IssueFilters, now: number): { issues: (IssueView & { overdue: boolean })[]; more: boolean } {
  const where: SQL[] = [];
  if (f.zoneId) where.push(eq(issues.zoneId, f.zoneId));
  if (f.unitId) where.push(eq(issues.unitId, f.unitId));
  if (f.category) where.push(eq(issues.category, f.category));
  if (f.state) where.push(eq(issues.state, f.state));
  const rows = issuesInScope(db, scope, where.length ? and(...where) : undefined)
    // 已超期 is the one rule in shared/metrics.ts, not a second copy in SQL.
    .filter((r) => !f.overdue || isOverdue(r, now))
    .sort((a, b) => b.reportedAt - a.reportedAt);
  return {
    issues: rows.slice(0, f.limit).map((r) => ({ ...viewOf(r, org), overdue: isOverdue(r, now) })),
    more: rows.length > f.limit,
  };
}

export interface HistoryEntry {
  seq: number;
  kind: string;
  at: number;
  receivedAt: number;
  actorId: string;
  actorName: string;
  payload: unknown;
}

/** The ledger events of one issue, oldest first. An issue never changes unit, so its unit's index finds them. */
export function issueHistory(db: Db, unitId: string, issueId: string): HistoryEntry[] {
  const names = personNames(db);
  const rows = db
    .select()
    .from(events)
    .where(and(eq(events.unitId, unitId), like(events.kind, 'issue.%'), sql`json_extract(${events.payload}, '$.issueId') = ${issueId}`))
    .orderBy(asc(events.seq))
    .all();
  return rows.map((r) => {
    const e = rowToStored(r);
    return { seq: e.seq, kind: e.kind, at: e.effectiveAt, receivedAt: e.receivedAt, actorId: e.actorId, actorName: names.get(e.actorId) ?? e.actorId, payload: e.payload };
  });
}

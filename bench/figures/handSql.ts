/*
 * The hand-written baseline for duty completion: the schedule's (duty, period) slots in a temp table (due instants
 * need the holiday calendar, which SQL does not have), then one SQL query over units × slots joined with the
 * duty_checks projection, counting each outcome per unit. Same rules as shared/schedule.ts: checked at or before
 * the due instant is on time, after is late; unchecked is pending until due, overdue until the period ends, then
 * missed; an item counts on its due date (a weekly one on its due weekday), items dated outside the range are left
 * out, and an item not due at all (a holiday) counts as not due on its period's first date.
 */
import type Database from 'better-sqlite3';
import { PACKAGE_CALENDAR, datesOfWeek, type Calendar } from '../../shared/calendar';
import { dueAt, dueDate, periodEnd, periodKeysBetween } from '../../shared/schedule';
import type { Duty, Unit } from '../../shared/schemas/org';

export const OUTCOMES = ['not_due', 'pending', 'overdue', 'on_time', 'late', 'missed'] as const;
export type Counts = Record<(typeof OUTCOMES)[number], number>;

/**
 * The schedule's (duty, period) slots dated from..to into the temp table bench_slots: the due instant (null when not
 * due at all) and the period's end. SQL has no holiday calendar, so this much is worked out here.
 */
export function fillSlots(raw: Database.Database, duties: readonly Duty[], from: string, to: string, calendar: Calendar): void {
  raw.exec(`
    create temp table if not exists bench_slots (duty_id text, period_key text, cadence text, due integer, end_at integer, primary key (duty_id, period_key)) without rowid;
    delete from bench_slots;
  `);
  const slot = raw.prepare('insert into bench_slots values (?, ?, ?, ?, ?)');
  raw.transaction(() => {
    for (const duty of duties) {
      for (const key of periodKeysBetween(duty.cadence, from, to)) {
        const date = dueDate(duty, key, calendar) ?? (duty.cadence === 'daily' ? key : datesOfWeek(key)[0]);
        if (date < from || date > to) continue;
        slot.run(duty.id, key, duty.cadence, dueAt(duty, key, calendar), periodEnd(duty.cadence, key));
      }
    }
  })();
}

export function handCompletion(raw: Database.Database, units: readonly Unit[], duties: readonly Duty[], from: string, to: string, now: number): Map<string, Counts> {
  fillSlots(raw, duties, from, to, PACKAGE_CALENDAR);
  raw.exec(`
    create temp table if not exists bench_units (id text primary key, zone_id text) without rowid;
    delete from bench_units;
  `);
  const unit = raw.prepare('insert into bench_units values (?, ?)');
  raw.transaction(() => {
    for (const u of units) unit.run(u.id, u.zoneId);
  })();
  const rows = raw
    .prepare(
      `select u.id as unitId,
         sum(s.due is null) as not_due,
         sum(s.due is not null and c.checked_at is null and @now <= s.due) as pending,
         sum(s.due is not null and c.checked_at is null and @now > s.due and @now < s.end_at) as overdue,
         sum(s.due is not null and c.checked_at <= s.due) as on_time,
         sum(s.due is not null and c.checked_at > s.due) as late,
         sum(s.due is not null and c.checked_at is null and @now >= s.end_at) as missed
       from bench_units u cross join bench_slots s
       left join duty_checks c on c.unit_id = u.id and c.duty_id = s.duty_id and c.period_key = s.period_key and c.checked = 1
       where not exists (select 1 from duty_units du where du.duty_id = s.duty_id)
          or exists (select 1 from duty_units du where du.duty_id = s.duty_id and du.unit_id = u.id)
       group by u.id`,
    )
    .all({ now }) as Array<Counts & { unitId: string }>;
  return new Map(rows.map(({ unitId, ...counts }) => [unitId, counts]));
}

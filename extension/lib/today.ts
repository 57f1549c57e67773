/*
 * What the unit has to do now, worked out from the duty list, the checks and the time: today's daily items and
 * this week's weekly items with their status (shared/schedule.ts decides due times and statuses), and the
 * counts the progress line, the toolbar badge and the reminders use. Pure: `now` and the county's calendar (as
 * this device synced it) are passed in.
 */
import { dateKeyOf, type Calendar } from '../../shared/calendar';
import { CATEGORIES, type Category } from '../../shared/categories';
import type { DutyCheckRow } from '../../shared/projection';
import { dueAt, dutyStatus, periodKeyOf } from '../../shared/schedule';
import type { DutyStatus } from '../../shared/metrics';
import type { Duty } from '../../shared/schemas/org';

export interface DutyItem {
  duty: Duty;
  periodKey: string;
  /** null: not due in this period (a working-days-only duty on a day or week off). */
  dueAt: number | null;
  status: DutyStatus;
  check: DutyCheckRow | null;
}

export interface DutyGroup {
  category: Category;
  items: DutyItem[];
}

export interface TodayView {
  dateKey: string;
  workingDay: boolean;
  daily: DutyItem[];
  weekly: DutyItem[];
  progress: { dailyDone: number; dailyDue: number; weeklyDone: number; weeklyDue: number };
}

export type CheckLookup = (dutyId: string, periodKey: string) => DutyCheckRow | undefined;

export function checkLookup(rows: readonly DutyCheckRow[]): CheckLookup {
  const byKey = new Map(rows.map((r) => [`${r.dutyId}|${r.periodKey}`, r]));
  return (dutyId, periodKey) => byKey.get(`${dutyId}|${periodKey}`);
}

function itemOf(duty: Duty, now: number, lookup: CheckLookup, cal: Calendar): DutyItem {
  const periodKey = periodKeyOf(duty.cadence, now);
  const row = lookup(duty.id, periodKey);
  const check = row?.checked ? row : null;
  return { duty, periodKey, dueAt: dueAt(duty, periodKey, cal), status: dutyStatus(duty, periodKey, check?.checkedAt ?? null, now, cal), check };
}

export function todayView(duties: readonly Duty[], lookup: CheckLookup, now: number, cal: Calendar): TodayView {
  const items = duties.map((d) => itemOf(d, now, lookup, cal));
  const daily = items.filter((i) => i.duty.cadence === 'daily');
  const weekly = items.filter((i) => i.duty.cadence === 'weekly');
  const due = (list: DutyItem[]) => list.filter((i) => i.dueAt !== null);
  const done = (list: DutyItem[]) => due(list).filter((i) => i.check !== null).length;
  const dateKey = dateKeyOf(now);
  return {
    dateKey,
    workingDay: cal.isWorkingDay(dateKey),
    daily,
    weekly,
    progress: { dailyDone: done(daily), dailyDue: due(daily).length, weeklyDone: done(weekly), weeklyDue: due(weekly).length },
  };
}

/** Items grouped by the seven categories, in the county's order; empty categories left out. */
export function byCategory(items: readonly DutyItem[]): DutyGroup[] {
  return CATEGORIES.map((category) => ({ category, items: items.filter((i) => i.duty.category === category) })).filter((g) => g.items.length > 0);
}

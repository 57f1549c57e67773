/*
 * When a duty is due, and how a period ends up: on time, late or missed. The extension shows it and the server
 * judges it with this same code, so "missed" is right even for a unit that never opened its panel.
 *
 * - A daily duty's period is a Shanghai date; a weekly duty's is an ISO week.
 * - It is due at its due time on that date (daily) or on its due weekday (weekly). A working-days-only duty is
 *   not due on a non-working day; a weekly one whose weekday is off moves back to the last working day before
 *   it in the same week (or forward, failing that), and is not due in a week with no working day at all.
 * - Which days are working days is the county's Calendar (shared/calendar.ts), passed in by the caller: the
 *   server builds it from its ledger, a device from what it synced.
 * - Checked at or before the due time: on time. Checked later: late, even after the period has closed
 *   (补做 counts, but never as on time). Not checked when the period closes: missed.
 */
import type { Cadence, Duty } from './schemas/org';
import {
  DAY,
  MINUTE,
  dateKeyOf,
  datesBetween,
  datesOfWeek,
  instantAt,
  isValidDateKey,
  isValidWeekKey,
  startOfDate,
  weekKeyOf,
  weekKeyOfDate,
  type Calendar,
} from './calendar';

import type { DutyStatus } from './metrics';

export type DutyTiming = Pick<Duty, 'cadence' | 'dueTime' | 'dueWeekday' | 'workingDaysOnly'>;

export function periodKeyOf(cadence: Cadence, ms: number): string {
  return cadence === 'daily' ? dateKeyOf(ms) : weekKeyOf(ms);
}

export function isValidPeriodKey(cadence: Cadence, key: string): boolean {
  return cadence === 'daily' ? isValidDateKey(key) : isValidWeekKey(key);
}

/** The instant a period opens. */
export function periodStart(cadence: Cadence, key: string): number {
  return startOfDate(cadence === 'daily' ? key : datesOfWeek(key)[0]);
}

/** The instant a period closes: the next day's (or next Monday's) midnight in Shanghai. */
export function periodEnd(cadence: Cadence, key: string): number {
  return cadence === 'daily' ? startOfDate(key) + DAY : startOfDate(datesOfWeek(key)[6]) + DAY;
}

/** The date a duty falls due within its period, or null when it is not due in that period at all. */
export function dueDate(duty: DutyTiming, key: string, cal: Calendar): string | null {
  if (duty.cadence === 'daily') return !duty.workingDaysOnly || cal.isWorkingDay(key) ? key : null;
  const week = datesOfWeek(key);
  const target = week[duty.dueWeekday - 1];
  if (!duty.workingDaysOnly || cal.isWorkingDay(target)) return target;
  const working = (d: string) => cal.isWorkingDay(d);
  const before = week.slice(0, duty.dueWeekday - 1).reverse().find(working);
  return before ?? week.slice(duty.dueWeekday).find(working) ?? null;
}

/** The due instant of a duty in a period, or null when not due. */
export function dueAt(duty: DutyTiming, key: string, cal: Calendar): number | null {
  const date = dueDate(duty, key, cal);
  return date === null ? null : instantAt(date, duty.dueTime);
}

/** How a duty stands in a period, given when (if ever) it was checked and the time now. */
export function dutyStatus(duty: DutyTiming, key: string, checkedAt: number | null, now: number, cal: Calendar): DutyStatus {
  const due = dueAt(duty, key, cal);
  return due === null ? 'not_due' : statusGivenDue(due, periodEnd(duty.cadence, key), checkedAt, now);
}

/**
 * dutyStatus with the period's due instant and end already worked out: reports judge millions of unit-periods
 * against the same few hundred (duty, period) pairs, so they compute those once and judge each here.
 */
export function statusGivenDue(due: number, end: number, checkedAt: number | null, now: number): Exclude<DutyStatus, 'not_due'> {
  if (checkedAt !== null) return checkedAt <= due ? 'on_time' : 'late';
  if (now <= due) return 'pending';
  return now < end ? 'overdue' : 'missed';
}

/** The period keys of a cadence whose periods touch the dates `from`..`to` (inclusive). */
export function periodKeysBetween(cadence: Cadence, from: string, to: string): string[] {
  const dates = datesBetween(from, to);
  if (cadence === 'daily') return dates;
  return [...new Set(dates.map(weekKeyOfDate))];
}

/** Whether a duty belongs to a unit (an empty list means every unit). */
export function dutyAppliesTo(duty: Pick<Duty, 'unitIds'>, unitId: string): boolean {
  return duty.unitIds.length === 0 || duty.unitIds.includes(unitId);
}

/*
 * Client clocks. A device works offline for days, so its own time of a tick is what counts, within bounds:
 * up to MAX_OFFLINE before the server received it, and no more than MAX_CLOCK_AHEAD after. Outside those
 * bounds the device clock is not trusted: the server's receive time is used and the event is flagged.
 */
export const MAX_OFFLINE = 7 * DAY;
export const MAX_CLOCK_AHEAD = 5 * MINUTE;

export function effectiveTime(clientTime: number, receivedAt: number): { at: number; clockSkewed: boolean } {
  const trusted = clientTime >= receivedAt - MAX_OFFLINE && clientTime <= receivedAt + MAX_CLOCK_AHEAD;
  return trusted ? { at: clientTime, clockSkewed: false } : { at: receivedAt, clockSkewed: true };
}

/**
 * Why a check for this period cannot be accepted at `at`, in words for a person, or null when it can.
 * A period cannot be checked before it opens, nor when the duty is not due in it.
 */
export function checkRefusal(duty: DutyTiming, key: string, at: number, cal: Calendar): string | null {
  if (!isValidPeriodKey(duty.cadence, key)) {
    return duty.cadence === 'daily' ? `日期“${key}”无效` : `周“${key}”无效`;
  }
  if (at < periodStart(duty.cadence, key)) return '这个周期还没开始，不能提前打勾';
  if (dueAt(duty, key, cal) === null) return '该事项在这个周期不需要完成（非工作日）';
  return null;
}

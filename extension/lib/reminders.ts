/*
 * The reminder planner. Pure: given the time, the settings and the unit's duties and checks, it says when the
 * next reminders should go off and, when one goes off, whether it has anything to say.
 *
 * - 早上 (09:30 by default): today's list has not been started (nothing ticked yet).
 * - 下午 (16:30): anything due today is still not ticked.
 * - 每周 (Friday 15:00): a weekly sweep is not ticked; if Friday is off, on the last working day of that week.
 * A reminder only speaks when something is undone, so on a day off, working-day duties (not due) never trigger it.
 */
import { DAY, dateKeyOf, datesOfWeek, instantAt, weekKeyOf, type Calendar } from '../../shared/calendar';
import type { Duty } from '../../shared/schemas/org';
import { todayView, type CheckLookup } from './today';

export type ReminderKind = 'morning' | 'afternoon' | 'weekly';
export const REMINDER_KINDS: readonly ReminderKind[] = ['morning', 'afternoon', 'weekly'];

export interface ReminderSettings {
  enabled: boolean;
  /** 'HH:MM', Shanghai time. */
  morning: string;
  afternoon: string;
  weekly: string;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { enabled: true, morning: '09:30', afternoon: '16:30', weekly: '15:00' };

export const SNOOZE_MS = 30 * 60_000;

/** The date of the weekly reminder in a week: Friday, or the last working day of the week when Friday is off. */
export function weeklyReminderDate(weekKey: string, cal: Calendar): string | null {
  const week = datesOfWeek(weekKey);
  if (cal.isWorkingDay(week[4])) return week[4];
  return [...week].reverse().find((d) => cal.isWorkingDay(d)) ?? null;
}

/** The next time (strictly after `now`) each reminder should go off. */
export function nextReminderTimes(now: number, settings: ReminderSettings, cal: Calendar): Record<ReminderKind, number> {
  const daily = (hhmm: string) => {
    const today = instantAt(dateKeyOf(now), hhmm);
    return today > now ? today : instantAt(dateKeyOf(now + DAY), hhmm);
  };
  let weekly = Number.POSITIVE_INFINITY;
  // This week's date if still ahead, else the next week that has a working day (a few weeks at most).
  for (let week = 0; week < 4 && !Number.isFinite(weekly); week++) {
    const date = weeklyReminderDate(weekKeyOf(now + week * 7 * DAY), cal);
    const at = date === null ? null : instantAt(date, settings.weekly);
    if (at !== null && at > now) weekly = at;
  }
  return { morning: daily(settings.morning), afternoon: daily(settings.afternoon), weekly };
}

export interface ReminderNotice {
  kind: ReminderKind;
  /** Items still to do for this reminder, and their titles. */
  remaining: number;
  titles: string[];
}

/** What a reminder going off at `now` should say, or null when nothing is undone. */
export function decideReminder(kind: ReminderKind, now: number, duties: readonly Duty[], lookup: CheckLookup, cal: Calendar): ReminderNotice | null {
  const view = todayView(duties, lookup, now, cal);
  const undone = (list: typeof view.daily) => list.filter((i) => i.dueAt !== null && i.check === null);
  if (kind === 'morning') {
    const due = view.daily.filter((i) => i.dueAt !== null);
    const started = due.some((i) => i.check !== null);
    return due.length > 0 && !started ? { kind, remaining: due.length, titles: due.map((i) => i.duty.title) } : null;
  }
  const left = undone(kind === 'afternoon' ? view.daily : view.weekly);
  return left.length > 0 ? { kind, remaining: left.length, titles: left.map((i) => i.duty.title) } : null;
}

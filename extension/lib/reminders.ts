/*
 * The reminder planner. Pure: given the time, the settings, the unit's duties and checks and the county's
 * calendar (as this device synced it), it says when the next reminders should go off and, when one goes off,
 * whether it has anything to say.
 *
 * - 到时提醒 (due): `leadMinutes` (30 by default) before each item's due time, while it is not done. Items due
 *   at the same instant share one reminder; a weekly sweep is reminded before its due time in its week.
 * - 早上 (09:30 by default): today's list has not been started (nothing ticked yet).
 * - 下午 (16:30): anything due today is still not ticked.
 * Nothing goes off on a day off (a weekend, a holiday, a local rest day), a 调休 make-up day is a working day
 * like any other. A reminder only speaks when something is undone.
 */
import { MINUTE, addDays, dateKeyOf, instantAt, weekKeyOfDate, type Calendar } from '../../shared/calendar';
import { dueAt } from '../../shared/schedule';
import type { Duty } from '../../shared/schemas/org';
import { todayView, type CheckLookup, type DutyItem, type TodayView } from './today';

export type ReminderKind = 'due' | 'morning' | 'afternoon';
export const REMINDER_KINDS: readonly ReminderKind[] = ['due', 'morning', 'afternoon'];

export interface ReminderSettings {
  enabled: boolean;
  /** 'HH:MM', Shanghai time. */
  morning: string;
  afternoon: string;
  /** How long before an item's due time its reminder comes. */
  leadMinutes: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { enabled: true, morning: '09:30', afternoon: '16:30', leadMinutes: 30 };
export const LEAD_MINUTES = { min: 5, max: 240 } as const;

export const SNOOZE_MS = 30 * 60_000;
/** How far ahead the planner looks for the next working day (a long holiday is nine days at most). */
const LOOKAHEAD_DAYS = 21;

/** The working dates from `from` on (itself included), within the lookahead. */
function workingDatesFrom(from: string, cal: Calendar): string[] {
  return Array.from({ length: LOOKAHEAD_DAYS }, (_, i) => addDays(from, i)).filter((d) => cal.isWorkingDay(d));
}

/** The next instant strictly after `now` at `hhmm` on a working day. */
function nextWorkingAt(now: number, hhmm: string, cal: Calendar): number {
  const at = workingDatesFrom(dateKeyOf(now), cal).map((d) => instantAt(d, hhmm)).find((t) => t > now);
  return at ?? Number.POSITIVE_INFINITY;
}

/**
 * The next 到时提醒: the earliest (due time − lead) after `now`, on a working day, of an item not done.
 * Null when nothing is due within the lookahead.
 */
export function nextDueReminder(now: number, duties: readonly Duty[], lookup: CheckLookup, settings: ReminderSettings, cal: Calendar): { at: number; dueAt: number } | null {
  const lead = settings.leadMinutes * MINUTE;
  for (const date of workingDatesFrom(dateKeyOf(now), cal)) {
    let best: { at: number; dueAt: number } | null = null;
    for (const duty of duties) {
      const key = duty.cadence === 'daily' ? date : weekKeyOfDate(date);
      const due = dueAt(duty, key, cal);
      if (due === null || dateKeyOf(due) !== date || lookup(duty.id, key)?.checked) continue;
      const at = due - lead;
      if (at > now && (!best || at < best.at)) best = { at, dueAt: due };
    }
    if (best) return best;
  }
  return null;
}

/** The next time (strictly after `now`) each reminder should go off; Infinity when none is ahead. */
export function nextReminderTimes(now: number, settings: ReminderSettings, duties: readonly Duty[], lookup: CheckLookup, cal: Calendar): Record<ReminderKind, number> {
  return {
    due: nextDueReminder(now, duties, lookup, settings, cal)?.at ?? Number.POSITIVE_INFINITY,
    morning: nextWorkingAt(now, settings.morning, cal),
    afternoon: nextWorkingAt(now, settings.afternoon, cal),
  };
}

export interface ReminderNotice {
  kind: ReminderKind;
  /** Items still to do for this reminder, and their titles. */
  remaining: number;
  titles: string[];
  /** 到时提醒: the due time the items share. */
  dueAt?: number;
}

const undone = (items: readonly DutyItem[]) => items.filter((i) => i.dueAt !== null && i.check === null);

/** What a reminder going off at `now` should say, or null when nothing is undone (or it is a day off). */
export function decideReminder(kind: ReminderKind, now: number, duties: readonly Duty[], lookup: CheckLookup, settings: ReminderSettings, cal: Calendar): ReminderNotice | null {
  const view = todayView(duties, lookup, now, cal);
  if (!view.workingDay) return null;
  const notice = (items: DutyItem[], dueAt?: number): ReminderNotice | null =>
    items.length > 0 ? { kind, remaining: items.length, titles: items.map((i) => i.duty.title), ...(dueAt === undefined ? {} : { dueAt }) } : null;
  switch (kind) {
    case 'due': {
      // Items coming due within the lead (an alarm may be a little late), or just past due when it was snoozed.
      const near = undone([...view.daily, ...view.weekly]).filter((i) => i.dueAt! > now - SNOOZE_MS && i.dueAt! <= now + settings.leadMinutes * MINUTE + MINUTE);
      return notice(near, Math.min(...near.map((i) => i.dueAt!)));
    }
    case 'morning': {
      const due = view.daily.filter((i) => i.dueAt !== null);
      return due.some((i) => i.check !== null) ? null : notice(due);
    }
    case 'afternoon':
      return notice(undone(view.daily));
  }
}

/**
 * What the toolbar badge counts: what is due next. Items already past their due time and still open (they
 * are late and can still be done), and those sharing the next due time ahead today or this week.
 */
export function dueNextCount(view: TodayView, now: number): number {
  const open = undone([...view.daily, ...view.weekly]).filter((i) => i.status === 'pending' || i.status === 'overdue');
  const late = open.filter((i) => i.dueAt! <= now).length;
  const ahead = open.filter((i) => i.dueAt! > now).map((i) => i.dueAt!);
  const next = Math.min(...ahead);
  return late + ahead.filter((t) => t === next).length;
}

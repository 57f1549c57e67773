/** The date ranges the dashboard's overview shows (today, this week, the last 30 days), in Shanghai dates. */
import { addDays, dateKeyOf, datesOfWeek, weekKeyOfDate } from './calendar';

export interface DateRange {
  from: string;
  to: string;
}

export const TREND_DAYS = 30;

export function todayRange(now: number): DateRange {
  const today = dateKeyOf(now);
  return { from: today, to: today };
}

/** Monday to Sunday of this ISO week. */
export function weekRange(now: number): DateRange {
  const dates = datesOfWeek(weekKeyOfDate(dateKeyOf(now)));
  return { from: dates[0], to: dates[6] };
}

/** The last 30 days, today included. */
export function recentRange(now: number, days = TREND_DAYS): DateRange {
  const today = dateKeyOf(now);
  return { from: addDays(today, -(days - 1)), to: today };
}

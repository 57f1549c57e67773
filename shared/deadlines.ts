/*
 * 时限 arithmetic, in one place: a deadline some days after an instant, and how many days an instant is past a
 * deadline, counted per category either in calendar days (自然日) or in working days (工作日) of the county
 * calendar. Issue deadlines, 超期天数 and the escalation ladder all count through a DayCounter, so a 时限 of
 * "3个工作日" set before 国庆 runs past the holiday and an issue is not "overdue" on days nobody works.
 *
 * Working days keep the time of day: 3 working days after Tuesday 29 September 10:00 is the third working date
 * after the 29th at 10:00. Days past a deadline are rounded up the same way: 1 as soon as it has passed, 2 once
 * the next working day's same time has passed, and so on; on a day off the count waits for the next working day.
 */
import { DAY, PACKAGE_CALENDAR, addDays, dateKeyOf, startOfDate, type Calendar } from './calendar';
import { DEFAULT_DEADLINE_DAYS, type Category } from './categories';

export const DAY_COUNTS = ['calendar', 'working'] as const;
export type DayCount = (typeof DAY_COUNTS)[number];
export const DAY_COUNT_NAMES: Record<DayCount, string> = { calendar: '自然日', working: '工作日' };

/** Per category: whether its 时限 counts calendar days or working days (the command center's setting). */
export type DeadlineCounting = Record<Category, DayCount>;

export interface DayCounter {
  count: DayCount;
  /** The instant `days` days (of this count) after `from`. */
  after(from: number, days: number): number;
  /** Whole days (of this count) past `deadline` at `now`, rounded up; 0 when it has not passed. */
  past(deadline: number, now: number): number;
}

// A year of days off in a row is no calendar: stop rather than loop on a broken one.
const MAX_STEPS = 400;

export function dayCounter(count: DayCount, cal: Calendar): DayCounter {
  if (count === 'calendar') {
    return { count, after: (from, days) => from + days * DAY, past: (deadline, now) => (now <= deadline ? 0 : Math.ceil((now - deadline) / DAY)) };
  }
  /** The same time of day on the next working date after the instant's date. */
  const nextWorking = (at: number) => {
    let date = dateKeyOf(at);
    const timeOfDay = at - startOfDate(date);
    for (let i = 0; i < MAX_STEPS; i++) {
      date = addDays(date, 1);
      if (cal.isWorkingDay(date)) return startOfDate(date) + timeOfDay;
    }
    throw new Error(`日历中${dateKeyOf(at)}之后${MAX_STEPS}天内没有工作日`);
  };
  return {
    count,
    after(from, days) {
      let at = from;
      for (let n = 0; n < days; n++) at = nextWorking(at);
      return at;
    },
    past(deadline, now) {
      let n = 0;
      for (let at = deadline; at < now; at = nextWorking(at)) n++;
      return n;
    },
  };
}

export const DEFAULT_DEADLINE_COUNTING: DeadlineCounting = {
  public_facilities: 'calendar',
  city_appearance: 'calendar',
  traffic_order: 'calendar',
  greening: 'calendar',
  sanitation: 'calendar',
  health_education: 'calendar',
  vector_control: 'calendar',
};

export type DeadlineDays = Record<Category, number>;

/** The command center's 时限 settings over the county calendar: the one way a deadline is set and counted. */
export interface DeadlineRules {
  /** When an issue of this category is due, given when the clock started (report, 交办 or a failed 回头看). */
  deadlineAfter(category: Category, from: number): number;
  /** How days past its deadline are counted (超期天数, escalation). */
  counterFor(category: Category): DayCounter;
}

export function deadlineRules(days: DeadlineDays, counting: Partial<DeadlineCounting>, cal: Calendar): DeadlineRules {
  const counters = { calendar: dayCounter('calendar', cal), working: dayCounter('working', cal) };
  const counterFor = (category: Category) => counters[counting[category] ?? 'calendar'];
  return { counterFor, deadlineAfter: (category, from) => counterFor(category).after(from, days[category]) };
}

/**
 * The defaults over the package's calendar: what a device uses for an issue it has just recorded, until the
 * server's copy comes back with the deadline the server stamped (shared/schemas/events.ts).
 */
export const ESTIMATED_DEADLINE_RULES: DeadlineRules = deadlineRules(DEFAULT_DEADLINE_DAYS, DEFAULT_DEADLINE_COUNTING, PACKAGE_CALENDAR);

/*
 * Dates and weeks as the county lives them: Asia/Shanghai (UTC+8 all year, no daylight saving), ISO weeks
 * starting on Monday, and China's working days (statutory holidays off, 调休 make-up days on) from the
 * maintained `chinese-days` package rather than a table typed by hand.
 * Date keys are 'YYYY-MM-DD' strings, week keys 'YYYY-Www'; instants are epoch milliseconds.
 */
import chineseDays from 'chinese-days';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A Date whose UTC fields read as the Shanghai wall clock at `ms`. */
function shanghaiFields(ms: number): Date {
  return new Date(ms + SHANGHAI_OFFSET);
}

function utcDateKey(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The Shanghai calendar date of an instant. */
export function dateKeyOf(ms: number): string {
  return utcDateKey(shanghaiFields(ms));
}

/** UTC midnight of a date key: a neutral anchor for calendar arithmetic. */
function anchor(dateKey: string): number {
  // Slices rather than split/map: this runs for every tick pushed and every cell of a report.
  return Date.UTC(Number(dateKey.slice(0, 4)), Number(dateKey.slice(5, 7)) - 1, Number(dateKey.slice(8, 10)));
}

export function isValidDateKey(dateKey: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateKey)) return false;
  return utcDateKey(new Date(anchor(dateKey))) === dateKey;
}

/** The instant Shanghai's day `dateKey` begins. */
export function startOfDate(dateKey: string): number {
  return anchor(dateKey) - SHANGHAI_OFFSET;
}

export function addDays(dateKey: string, days: number): string {
  return utcDateKey(new Date(anchor(dateKey) + days * DAY));
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(dateKey: string): number {
  return ((new Date(anchor(dateKey)).getUTCDay() + 6) % 7) + 1;
}

/** The ISO week (Monday start) a date belongs to, e.g. 2026-W48. The year is the week's own year. */
export function weekKeyOfDate(dateKey: string): string {
  const thursday = anchor(dateKey) + (4 - weekdayOf(dateKey)) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - anchor(`${year}-01-01`)) / (7 * DAY));
  return `${year}-W${pad(week)}`;
}

export function weekKeyOf(ms: number): string {
  return weekKeyOfDate(dateKeyOf(ms));
}

/** Weeks in an ISO year: 53 when 1 January or 31 December falls on a Thursday. */
export function weeksInYear(year: number): number {
  const jan1 = weekdayOf(`${year}-01-01`);
  const dec31 = weekdayOf(`${year}-12-31`);
  return jan1 === 4 || dec31 === 4 ? 53 : 52;
}

export function isValidWeekKey(weekKey: string): boolean {
  const m = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(Number(m[1]));
}

/** The seven dates of an ISO week, Monday first. */
export function datesOfWeek(weekKey: string): string[] {
  const [year, week] = weekKey.split('-W').map(Number);
  const jan4 = `${year}-01-04`;
  const monday = addDays(jan4, 1 - weekdayOf(jan4) + (week - 1) * 7);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * Whether the State Council's holiday arrangement for `year` is in the calendar package. New Year's Day is
 * a holiday every year, so a year whose 1 January is not marked as one has not been published (or packaged) yet.
 */
export function hasOfficialSchedule(year: number): boolean {
  return chineseDays.isHoliday(`${year}-01-01`);
}

const estimatedHolidays = new Map<number, Set<string>>();

/**
 * For a year whose arrangement is not out yet: the statutory holidays themselves (元旦, 春节 from 除夕 for four
 * days, 清明, 劳动节 two days, 端午, 中秋, 国庆 three days), lunar dates converted by the package. 调休 make-up
 * days cannot be foreseen; upgrading chinese-days brings the real arrangement once published.
 */
function statutoryHolidays(year: number): Set<string> {
  let set = estimatedHolidays.get(year);
  if (set) return set;
  const lunar = (md: string) => chineseDays.getSolarDateFromLunar(`${year}-${md}`).date;
  const springFestival = lunar('01-01');
  set = new Set([
    `${year}-01-01`,
    ...[-1, 0, 1, 2].map((d) => addDays(springFestival, d)),
    chineseDays.getSolarTermDate(year, 4, 'pure_brightness'),
    `${year}-05-01`,
    `${year}-05-02`,
    lunar('05-05'),
    lunar('08-15'),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ]);
  estimatedHolidays.set(year, set);
  return set;
}

// Every tick pushed and every report asks this; the package parses the date on each call (about 3.5 µs), so
// answers are kept. A county asks about a few thousand dates at most.
const workingDays = new Map<string, boolean>();

/** Whether people work on this date in China, counting 调休 make-up days as working days. */
export function isWorkingDay(dateKey: string): boolean {
  let answer = workingDays.get(dateKey);
  if (answer === undefined) {
    const year = Number(dateKey.slice(0, 4));
    answer = hasOfficialSchedule(year) ? chineseDays.isWorkday(dateKey) : weekdayOf(dateKey) <= 5 && !statutoryHolidays(year).has(dateKey);
    workingDays.set(dateKey, answer);
  }
  return answer;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 'HH:MM' on a Shanghai date, as an instant. */
export function instantAt(dateKey: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return startOfDate(dateKey) + h * HOUR + m * MINUTE;
}

/** Wall-clock 'HH:MM' in Shanghai. */
export function timeOfDay(ms: number): string {
  const d = shanghaiFields(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

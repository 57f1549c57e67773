/*
 * Dates and weeks as the county lives them: Asia/Shanghai (UTC+8 all year, no daylight saving), ISO weeks
 * starting on Monday, and China's working days (statutory holidays off, 调休 make-up days on) from the
 * maintained `chinese-days` package rather than a table typed by hand, overlaid by the county's own entries
 * (see Calendar below).
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
  // Read back off the anchor (Date.UTC rolls 2026-02-30 over into March and years 0–99 into the 1900s), without
  // formatting a key: this runs twice for every tick pushed.
  const d = new Date(anchor(dateKey));
  return d.getUTCFullYear() === Number(dateKey.slice(0, 4)) && d.getUTCMonth() + 1 === Number(dateKey.slice(5, 7)) && d.getUTCDate() === Number(dateKey.slice(8, 10));
}

/**
 * A date as people type it — 2026-11-27, 2026/11/27, 2026.11.27, 2026年11月27日, 20261127, with or without
 * leading zeros — as its date key, or null when it is not a real date.
 */
export function parseDateInput(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const key = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidDateKey(key) ? key : null;
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
 * a holiday every year, so a year whose 1 January is not named as one has not been published (or packaged) yet.
 * (Asking whether it is a holiday is not enough: a 1 January on a weekend is "off" in any year.)
 */
export function packageHasSchedule(year: number): boolean {
  return chineseDays.getDayDetail(`${year}-01-01`).name.includes('元旦');
}

const estimatedHolidays = new Map<number, Set<string>>();

/**
 * For a year whose arrangement is not out yet: the statutory holidays themselves (元旦, 春节 from 除夕 for four
 * days, 清明, 劳动节 two days, 端午, 中秋, 国庆 three days), lunar dates converted by the package. 调休 make-up
 * days cannot be foreseen: this is a stopgap that the dashboard and `admin calendar` flag, until the county
 * enters the published schedule (or an upgraded chinese-days brings it).
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

/** Where an answer about a date comes from: the county's own entry, the package, the estimate, or the weekday. */
export type DaySource = 'county' | 'package' | 'estimate';

export interface PackageDay {
  working: boolean;
  source: Exclude<DaySource, 'county'>;
  /** The holiday's name when the package or the estimate names one (元旦, 国庆节…), else ''. */
  name: string;
}

// Every tick pushed and every report asks this; the package parses the date on each call (about 3.5 µs), so
// answers are kept. The package never changes while running, so this is a cache, not state.
const packageDays = new Map<string, PackageDay>();

/** What the package (or, for a year it lacks, the estimate) says of a date. */
export function packageDay(dateKey: string): PackageDay {
  let answer = packageDays.get(dateKey);
  if (answer === undefined) {
    const year = Number(dateKey.slice(0, 4));
    if (packageHasSchedule(year)) {
      const detail = chineseDays.getDayDetail(dateKey);
      // The package names ordinary days by weekday ("Saturday"); holidays and 调休 as "English,中文,days".
      answer = { working: detail.work, source: 'package', name: detail.name.split(',')[1] ?? '' };
    } else {
      const holiday = statutoryHolidays(year).has(dateKey);
      answer = { working: weekdayOf(dateKey) <= 5 && !holiday, source: 'estimate', name: holiday ? '法定节日（估算）' : '' };
    }
    packageDays.set(dateKey, answer);
  }
  return answer;
}

/*
 * The county's calendar: its own entries (a published schedule the package does not have yet, corrections,
 * local rest days such as an ethnic festival) over the package. The entries come from the ledger
 * (calendar.day_set events), so the server and every device build the same Calendar from the same entries and
 * pass it to the rules that need it (schedule, deadlines, reminders) as a value: no rule reads a global.
 */
export const DAY_KINDS = ['rest', 'work', 'local_rest'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_NAMES: Record<DayKind, string> = { rest: '休', work: '班', local_rest: '地方休' };

export interface CountyDay {
  date: string;
  kind: DayKind;
  /** What the day is, for people: 元旦, 春节调休, 三月三… ('' when not given). */
  name: string;
}

/** An entry as the ledger keeps it: 'cleared' means the county took its entry back (the package stands). */
export interface CountyEntry {
  date: string;
  kind: DayKind | 'cleared';
  name: string;
}

export interface Calendar {
  /** Whether people work on this date in the county, counting 调休 make-up days as working days. */
  isWorkingDay(dateKey: string): boolean;
  /** The county's own entry for a date, if it made one. */
  countyDay(dateKey: string): CountyDay | undefined;
  /** Whether `year`'s holiday arrangement is known: in the package, or entered by the county (a 休 or 班 day). */
  hasSchedule(year: number): boolean;
}

/** The calendar from the county's latest entry per date (server: calendar_days; device: its synced copy). */
export function makeCalendar(entries: Iterable<CountyEntry>): Calendar {
  const byDate = new Map<string, CountyDay>();
  const yearsEntered = new Set<number>();
  for (const e of entries) {
    if (e.kind === 'cleared') continue;
    byDate.set(e.date, { date: e.date, kind: e.kind, name: e.name });
    // A local rest day is the county's own custom, not the State Council's arrangement for the year.
    if (e.kind !== 'local_rest') yearsEntered.add(Number(e.date.slice(0, 4)));
  }
  return {
    isWorkingDay(dateKey) {
      const own = byDate.get(dateKey);
      return own ? own.kind === 'work' : packageDay(dateKey).working;
    },
    countyDay: (dateKey) => byDate.get(dateKey),
    hasSchedule: (year) => yearsEntered.has(year) || packageHasSchedule(year),
  };
}

/** The package alone, for a county that has entered nothing (and for tests of the package's own answers). */
export const PACKAGE_CALENDAR: Calendar = makeCalendar([]);

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 'HH:MM' on a Shanghai date, as an instant. */
export function instantAt(dateKey: string, hhmm: string): number {
  const colon = hhmm.indexOf(':');
  return startOfDate(dateKey) + Number(hhmm.slice(0, colon)) * HOUR + Number(hhmm.slice(colon + 1)) * MINUTE;
}

/** Wall-clock 'HH:MM' in Shanghai. */
export function timeOfDay(ms: number): string {
  const d = shanghaiFields(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

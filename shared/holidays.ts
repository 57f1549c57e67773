/*
 * The county's holiday schedule as people read and write it: the short list the command center pastes in,
 * what the calendar knows for a year (dashboard screen and `admin calendar <year>`), and the notice that a
 * year has no schedule yet. Both sides run these over a Calendar (shared/calendar.ts), never a global.
 *
 * The list, one entry a line (blank lines and lines starting with # are skipped):
 *   2027-01-01 休 元旦
 *   2027-02-05~2027-02-11 休 春节        (a range of dates, both ends included; "至" works too)
 *   2027-02-20 班 春节调休
 *   2027-04-02 地方休 三月三
 *   2027-05-06 撤销                      (takes the county's entry back: the package's answer stands)
 */
import { DAY_KIND_NAMES, datesBetween, isValidDateKey, packageDay, weekdayOf, dateKeyOf, type Calendar, type CountyEntry, type DayKind, type DaySource } from './calendar';

const WORDS: Record<string, CountyEntry['kind']> = { 休: 'rest', 班: 'work', 地方休: 'local_rest', 撤销: 'cleared' };
export const ENTRY_KIND_NAMES: Record<CountyEntry['kind'], string> = { ...DAY_KIND_NAMES, cleared: '撤销' };
/** A pasted list longer than this is more than a year's schedule: refused rather than half-read. */
export const MAX_SCHEDULE_DATES = 120;
const MAX_RANGE_DAYS = 31;

export type ParsedSchedule = { ok: true; entries: CountyEntry[] } | { ok: false; errors: string[] };

/** Reads the list; any bad line refuses the whole list, each error naming its line. */
export function parseSchedule(text: string): ParsedSchedule {
  const entries: CountyEntry[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\u3000/g, ' ').trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `第${i + 1}行“${line.length > 30 ? `${line.slice(0, 30)}…` : line}”`;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s*(?:~|～|至)\s*(\d{4}-\d{2}-\d{2}))?\s+(\S+)(?:\s+(.+))?$/.exec(line);
    if (!m) return void errors.push(`${where}：格式应为“2027-01-01 休 元旦”（日期、类型、名称，用空格隔开）`);
    const [, from, to = from, word, name = ''] = m;
    const kind = WORDS[word];
    if (!kind) return void errors.push(`${where}：类型“${word}”无效，应为 休、班、地方休 或 撤销`);
    if (!isValidDateKey(from) || !isValidDateKey(to)) return void errors.push(`${where}：日期不存在`);
    if (to < from) return void errors.push(`${where}：结束日期早于开始日期`);
    const dates = datesBetween(from, to);
    if (dates.length > MAX_RANGE_DAYS) return void errors.push(`${where}：一段日期最多${MAX_RANGE_DAYS}天`);
    if (name.length > 20) return void errors.push(`${where}：名称不能超过20个字`);
    for (const date of dates) entries.push({ date, kind, name: kind === 'cleared' ? '' : name.trim() });
  });
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.date)) errors.push(`${e.date} 出现了不止一次`);
    seen.add(e.date);
  }
  if (entries.length > MAX_SCHEDULE_DATES) errors.push(`一次最多录入${MAX_SCHEDULE_DATES}天，本次有${entries.length}天`);
  if (errors.length) return { ok: false, errors };
  if (entries.length === 0) return { ok: false, errors: ['没有可录入的日期'] };
  return { ok: true, entries };
}

export interface ListedDay {
  date: string;
  working: boolean;
  /** Who says so: the county's own entry, the package, or the estimate for a year the package lacks. */
  source: DaySource;
  /** As the county entered it, else rest or work from the package's answer. */
  kind: DayKind;
  name: string;
}

export interface YearListing {
  year: number;
  hasSchedule: boolean;
  /** Where the year's arrangement comes from, in words for a person. */
  basis: string;
  /** Days that are not plain (a weekday worked, a weekend off), and every day the county entered. */
  days: ListedDay[];
}

export const DAY_SOURCE_NAMES: Record<DaySource, string> = { county: '县里录入', package: '国务院安排（内置）', estimate: '估算' };

/** What the calendar knows of a year, for a person to check against the published notice. */
export function yearListing(cal: Calendar, year: number): YearListing {
  const days: ListedDay[] = [];
  for (const date of datesBetween(`${year}-01-01`, `${year}-12-31`)) {
    const own = cal.countyDay(date);
    const pkg = packageDay(date);
    const plain = weekdayOf(date) <= 5;
    if (!own && pkg.working === plain && !pkg.name) continue;
    days.push({
      date,
      working: cal.isWorkingDay(date),
      source: own ? 'county' : pkg.source,
      kind: own ? own.kind : pkg.working ? 'work' : 'rest',
      // The package names a make-up day after its holiday (元旦): say it is the 调休 day.
      name: own ? own.name : pkg.name && pkg.working ? `${pkg.name}调休` : pkg.name,
    });
  }
  const entered = days.some((d) => d.source === 'county' && d.kind !== 'local_rest');
  const basis = entered
    ? '已由指挥部录入'
    : cal.hasSchedule(year)
      ? '按国务院办公厅通知（系统内置）'
      : '尚未录入：暂按法定节日估算，调休上班日无法估算';
  return { year, hasSchedule: cal.hasSchedule(year), basis, days };
}

/** From 1 November the coming year's schedule is expected; the current year's is expected all year. */
const NOTICE_FROM_MONTH = 11;

/** The years whose schedule is missing and should be entered now, for the command center's notice. */
export function missingScheduleYears(cal: Calendar, now: number): number[] {
  const today = dateKeyOf(now);
  const year = Number(today.slice(0, 4));
  const expected = Number(today.slice(5, 7)) >= NOTICE_FROM_MONTH ? [year, year + 1] : [year];
  return expected.filter((y) => !cal.hasSchedule(y));
}

export function missingScheduleNotice(year: number): string {
  return `${year}年节假日安排尚未录入`;
}

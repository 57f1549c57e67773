/** The one place that turns instants and period keys into words a person reads. */
import { dateKeyOf, datesOfWeek, packageDay, timeOfDay, weekdayOf, type Calendar } from './calendar';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

export function weekdayName(weekday: number): string {
  return `周${WEEKDAYS[weekday - 1]}`;
}

/** 11月28日 */
export function monthDay(dateKey: string): string {
  const [, m, d] = dateKey.split('-').map(Number);
  return `${m}月${d}日`;
}

/** 2026年11月28日 周六 */
export function dateLabel(dateKey: string): string {
  const [y] = dateKey.split('-');
  return `${y}年${monthDay(dateKey)} ${weekdayName(weekdayOf(dateKey))}`;
}

/** 2026年第48周（11月23日—11月29日） */
export function weekLabel(weekKey: string): string {
  const [y, w] = weekKey.split('-W');
  const dates = datesOfWeek(weekKey);
  return `${y}年第${Number(w)}周（${monthDay(dates[0])}—${monthDay(dates[6])}）`;
}

/** 11月28日 09:30 in Shanghai time. */
export function dateTimeLabel(ms: number): string {
  return `${monthDay(dateKeyOf(ms))} ${timeOfDay(ms)}`;
}

/** 87.5% from a 0..1 rate; '—' when there is nothing to rate. */
export function percentLabel(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** 2026-11-28 09:30 in Shanghai time: a sortable instant for tables and exports. */
export function isoMinuteLabel(ms: number): string {
  return `${dateKeyOf(ms)} ${timeOfDay(ms)}`;
}

/** How many hex digits of a ledger checkpoint's hash are printed: 16 (64 bits) is plenty to catch a rewrite. */
export const CHECKPOINT_DIGITS = 16;

/**
 * 台账校验 as printed on a 通报 and in an export: the ledger's last seq and the start of its hash, e.g.
 * "48920:3f9a2c1d7e8b0a44"; `npm run admin -- verify --checkpoint 48920:3f9a2c1d7e8b0a44` checks it later.
 */
export function checkpointLabel(c: { seq: number; hash: string }): string {
  return `${c.seq}:${c.hash.slice(0, CHECKPOINT_DIGITS)}`;
}

/** 提高3.5个百分点 / 下降1.2个百分点 / 持平, as a county document words the change of a rate; '—' when either side has nothing to rate. */
export function rateChangeLabel(now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const points = (now - before) * 100;
  if (Math.abs(points) < 0.05) return '持平';
  return `${points > 0 ? '提高' : '下降'}${Math.abs(points).toFixed(1)}个百分点`;
}

/** 2026年11月28日, without the weekday: the form official documents use. */
export function longDateLabel(dateKey: string): string {
  return `${dateKey.slice(0, 4)}年${monthDay(dateKey)}`;
}

/** 95.5 / 100 / -0.25: a score or points to the hundredth at most, without trailing zeros; '—' for none. */
export function pointsLabel(points: number | null): string {
  return points === null ? '—' : String(Math.round(points * 100) / 100);
}

/**
 * What kind of day a date is, when it is not an ordinary working weekday: a rest day the county entered (by its
 * name), a statutory holiday (节假日, by its name), a weekend (周末), or a weekend worked as a 调休 make-up day.
 * An ordinary Sunday is a weekend, not a 节假日.
 */
export type DayNote =
  | { kind: 'county_rest'; name: string }
  | { kind: 'holiday'; name: string }
  | { kind: 'weekend' }
  | { kind: 'rest' }
  | { kind: 'makeup_workday' };

export function dayNote(calendar: Calendar, dateKey: string): DayNote | null {
  const weekend = weekdayOf(dateKey) >= 6;
  if (calendar.isWorkingDay(dateKey)) return weekend ? { kind: 'makeup_workday' } : null;
  const county = calendar.countyDay(dateKey);
  if (county?.name) return { kind: 'county_rest', name: county.name };
  const holiday = packageDay(dateKey).name;
  if (holiday && !packageDay(dateKey).working) return { kind: 'holiday', name: holiday };
  return weekend ? { kind: 'weekend' } : { kind: 'rest' };
}

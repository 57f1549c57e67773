import { describe, expect, it } from 'vitest';
import { PACKAGE_CALENDAR, packageHasSchedule, datesOfWeek, dateKeyOf, makeCalendar, weekKeyOf, weekKeyOfDate, weeksInYear, startOfDate, parseDateInput } from '../../shared/calendar';
import { dateLabel, weekLabel } from '../../shared/labels';

describe('Shanghai dates and ISO weeks', () => {
  it('midnight in Shanghai is 16:00 UTC the day before', () => {
    expect(dateKeyOf(Date.UTC(2026, 10, 27, 15, 59, 59))).toBe('2026-11-27');
    expect(dateKeyOf(Date.UTC(2026, 10, 27, 16, 0, 0))).toBe('2026-11-28');
    expect(startOfDate('2026-11-28')).toBe(Date.UTC(2026, 10, 27, 16));
  });

  it('a Sunday night in Shanghai still belongs to that week, not the next', () => {
    const sundayLate = Date.UTC(2026, 10, 29, 15, 30); // 23:30 Sunday 29 Nov in Shanghai
    expect(weekKeyOf(sundayLate)).toBe('2026-W48');
    expect(weekKeyOf(sundayLate + 60 * 60_000)).toBe('2026-W49'); // 00:30 Monday
  });

  it('weeks start on Monday', () => {
    expect(datesOfWeek('2026-W48')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  });

  it.each([
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in ISO week %s', (date, expected) => {
    expect(weekKeyOfDate(date)).toBe(expected);
  });

  it('2026 has 53 ISO weeks and 2027 has 52', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2027)).toBe(52);
    expect(datesOfWeek('2026-W53')[0]).toBe('2026-12-28');
  });

  it('labels dates and weeks in Chinese', () => {
    expect(dateLabel('2026-11-28')).toBe('2026年11月28日 周六');
    expect(weekLabel('2026-W48')).toBe('2026年第48周（11月23日—11月29日）');
  });
});

describe('China working days', () => {
  it('knows which years have the published arrangement', () => {
    expect(packageHasSchedule(2026)).toBe(true);
    expect(packageHasSchedule(2027)).toBe(false);
  });

  it.each([
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'last day of the National Day holiday'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, '调休 make-up Saturday'],
    ['2026-09-20', true, '调休 make-up Sunday before National Day'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2026-11-27', true, 'an ordinary Friday'],
    ['2026-11-28', false, 'an ordinary Saturday'],
    ['2026-02-14', true, 'Spring Festival 调休 Saturday'],
    ['2027-01-01', false, "New Year's Day of a year whose arrangement is not yet packaged"],
    ['2027-02-05', false, '除夕 2027, from the lunar calendar'],
    ['2027-02-09', true, 'a working Tuesday after the 2027 Spring Festival days'],
  ])('%s working day: %s (%s)', (date, expected) => {
    expect(PACKAGE_CALENDAR.isWorkingDay(date)).toBe(expected);
  });
});

describe("the county's own entries over the package", () => {
  const county = makeCalendar([
    { date: '2027-02-20', kind: 'work', name: '春节调休' },
    { date: '2027-01-01', kind: 'rest', name: '元旦' },
    { date: '2026-11-27', kind: 'local_rest', name: '三月三' },
    { date: '2026-10-10', kind: 'cleared', name: '' },
  ]);

  it('a make-up Saturday the package does not have yet is a working day', () => {
    expect(PACKAGE_CALENDAR.isWorkingDay('2027-02-20')).toBe(false);
    expect(county.isWorkingDay('2027-02-20')).toBe(true);
  });

  it('a local rest day is off, though the package has an ordinary Friday', () => {
    expect(county.isWorkingDay('2026-11-27')).toBe(false);
    expect(county.countyDay('2026-11-27')).toEqual({ date: '2026-11-27', kind: 'local_rest', name: '三月三' });
  });

  it('a cleared entry leaves the package in charge (the 调休 Saturday stays a working day)', () => {
    expect(county.isWorkingDay('2026-10-10')).toBe(true);
    expect(county.countyDay('2026-10-10')).toBeUndefined();
  });

  it('a year has a schedule once the county enters a 休 or 班 day for it; a local rest day alone is not one', () => {
    expect(PACKAGE_CALENDAR.hasSchedule(2027)).toBe(false);
    expect(county.hasSchedule(2027)).toBe(true);
    expect(makeCalendar([{ date: '2028-03-21', kind: 'local_rest', name: '三月三' }]).hasSchedule(2028)).toBe(false);
  });
});

describe('a date as people type it', () => {
  it.each([
    ['2026-11-27', '2026-11-27'],
    ['2026/11/27', '2026-11-27'],
    ['2026.1.5', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    [' 2026 年 11 月 27 日 ', '2026-11-27'],
    ['20261127', '2026-11-27'],
    ['2028-02-29', '2028-02-29'],
  ])('%s is %s', (typed, key) => expect(parseDateInput(typed)).toBe(key));

  it.each(['', '11/27/2026', '2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-11-00', '2026-11-31', '0099-01-01', '2026-11', '明天', '2026-11-27x'])('%s is not a date', (typed) => {
    expect(parseDateInput(typed)).toBeNull();
  });
});

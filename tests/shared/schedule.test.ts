import { describe, expect, it } from 'vitest';
import { PACKAGE_CALENDAR, instantAt } from '../../shared/calendar';
import { checkRefusal, dueAt, dueDate, dutyStatus, effectiveTime, periodEnd, periodKeyOf, periodKeysBetween, MAX_OFFLINE } from '../../shared/schedule';
import type { DutyTiming } from '../../shared/schedule';

const dailyWorking: DutyTiming = { cadence: 'daily', dueTime: '09:00', dueWeekday: 5, workingDaysOnly: true };
const dailyEveryDay: DutyTiming = { cadence: 'daily', dueTime: '17:00', dueWeekday: 5, workingDaysOnly: false };
const weeklyFriday: DutyTiming = { cadence: 'weekly', dueTime: '15:00', dueWeekday: 5, workingDaysOnly: true };

describe('when a duty is due', () => {
  it('a working-days duty is not due during the National Day holiday, but is on the 调休 Saturday', () => {
    expect(dueAt(dailyWorking, '2026-10-02', PACKAGE_CALENDAR)).toBeNull();
    expect(dueAt(dailyWorking, '2026-10-10', PACKAGE_CALENDAR)).toBe(instantAt('2026-10-10', '09:00'));
  });

  it('an every-day duty is due on holidays too', () => {
    expect(dueAt(dailyEveryDay, '2026-10-02', PACKAGE_CALENDAR)).toBe(instantAt('2026-10-02', '17:00'));
  });

  it('a weekly sweep whose Friday is a holiday moves back to the last working day before it', () => {
    expect(dueDate(weeklyFriday, '2026-W40', PACKAGE_CALENDAR)).toBe('2026-09-30'); // Fri 2 Oct is National Day
    expect(dueDate(weeklyFriday, '2026-W41', PACKAGE_CALENDAR)).toBe('2026-10-09');
  });

  it('a weekly duty is due in ISO week 53, moved off New Year\'s Day', () => {
    expect(dueDate(weeklyFriday, '2026-W53', PACKAGE_CALENDAR)).toBe('2026-12-31');
  });

  it('periods of a range: days and the weeks they touch', () => {
    expect(periodKeysBetween('daily', '2026-11-27', '2026-11-30')).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(periodKeysBetween('weekly', '2026-11-27', '2026-11-30')).toEqual(['2026-W48', '2026-W49']);
  });
});

describe('how a period ends up', () => {
  const day = '2026-11-27';
  const due = instantAt(day, '09:00');

  it.each([
    ['checked before the due time', due - 60_000, due + 1, 'on_time'],
    ['checked exactly at the due time', due, due + 1, 'on_time'],
    ['checked after the due time', due + 60_000, due + 120_000, 'late'],
    ['checked the next day (补做)', periodEnd('daily', day) + 3_600_000, periodEnd('daily', day) + 7_200_000, 'late'],
    ['not checked, before the due time', null, due - 1, 'pending'],
    ['not checked, after the due time, same day', null, due + 1, 'overdue'],
    ['not checked when the day is over', null, periodEnd('daily', day), 'missed'],
  ] as const)('%s: %s', (_what, checkedAt, now, expected) => {
    expect(dutyStatus(dailyWorking, day, checkedAt, now, PACKAGE_CALENDAR)).toBe(expected);
  });

  it('a day off is not due, whatever happens', () => {
    expect(dutyStatus(dailyWorking, '2026-11-28', null, Date.UTC(2026, 11, 30), PACKAGE_CALENDAR)).toBe('not_due');
  });
});

describe('checks and client clocks', () => {
  it('cannot check a period before it opens, nor a day the duty is not due', () => {
    expect(checkRefusal(dailyWorking, '2026-11-30', instantAt('2026-11-29', '12:00'), PACKAGE_CALENDAR)).toMatch('还没开始');
    expect(checkRefusal(dailyWorking, '2026-11-28', instantAt('2026-11-28', '12:00'), PACKAGE_CALENDAR)).toMatch('非工作日');
    expect(checkRefusal(dailyWorking, '2026-11-27', instantAt('2026-11-27', '12:00'), PACKAGE_CALENDAR)).toBeNull();
    expect(checkRefusal(dailyWorking, '2026-02-30', instantAt('2026-03-01', '12:00'), PACKAGE_CALENDAR)).toMatch('无效');
    expect(checkRefusal(weeklyFriday, '2026-W54', instantAt('2027-01-10', '12:00'), PACKAGE_CALENDAR)).toMatch('无效');
  });

  it('trusts a device clock within the offline window, not beyond it', () => {
    const received = instantAt('2026-11-27', '12:00');
    expect(effectiveTime(received - 3 * 86_400_000, received)).toEqual({ at: received - 3 * 86_400_000, clockSkewed: false });
    expect(effectiveTime(received - MAX_OFFLINE - 1, received)).toEqual({ at: received, clockSkewed: true });
    expect(effectiveTime(received + 3_600_000, received)).toEqual({ at: received, clockSkewed: true });
  });

  it('a backdated tick received after its day is judged by the receive time: late, not on time', () => {
    const received = instantAt('2026-11-27', '20:00');
    const claimed = instantAt('2026-11-20', '08:00') - MAX_OFFLINE; // a clock set far in the past
    const { at } = effectiveTime(claimed, received);
    expect(dutyStatus(dailyWorking, '2026-11-27', at, received, PACKAGE_CALENDAR)).toBe('late');
  });

  it('period keys follow the cadence', () => {
    const t = instantAt('2026-11-29', '23:59');
    expect(periodKeyOf('daily', t)).toBe('2026-11-29');
    expect(periodKeyOf('weekly', t)).toBe('2026-W48');
  });
});

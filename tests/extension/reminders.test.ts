/* Reminder decisions for given clocks and states, across a holiday, a 调休 Saturday and a Friday off. */
import { describe, expect, it } from 'vitest';
import { PACKAGE_CALENDAR, instantAt } from '../../shared/calendar';
import type { DutyCheckRow } from '../../shared/projection';
import { DEFAULT_REMINDER_SETTINGS, decideReminder, nextReminderTimes, weeklyReminderDate, type ReminderKind } from '../../extension/lib/reminders';
import { checkLookup } from '../../extension/lib/today';
import { CORNER, SIGNS, SWEEP } from './fixtures';

const WORKING_DAY_DUTIES = [SWEEP, SIGNS, CORNER];

function ticked(dutyId: string, periodKey: string, at: number): DutyCheckRow {
  return { unitId: 'u-a', dutyId, periodKey, checked: true, checkedAt: at, checkedBy: 'p', lastAt: at, lastEventId: `e-${dutyId}` };
}

describe('whether a reminder has something to say', () => {
  it.each<[string, ReminderKind, string, string, string[], number | null]>([
    ['morning, nothing ticked on a working day', 'morning', '2026-11-25', '09:30', [], 2],
    ['morning, the list already started', 'morning', '2026-11-25', '09:30', ['d-sweep'], null],
    ['afternoon, one item still undone', 'afternoon', '2026-11-25', '16:30', ['d-sweep'], 1],
    ['afternoon, everything ticked', 'afternoon', '2026-11-25', '16:30', ['d-sweep', 'd-signs'], null],
    ['morning on 国庆 (a statutory holiday): working-day items are not due', 'morning', '2026-10-01', '09:30', [], null],
    ['afternoon on 国庆: nothing undone that is due', 'afternoon', '2026-10-01', '16:30', [], null],
    ['morning on a plain Sunday', 'morning', '2026-11-29', '09:30', [], null],
    ['morning on the 调休 Saturday 2026-10-10: a working day', 'morning', '2026-10-10', '09:30', [], 2],
    ['weekly on Friday, the sweep not done', 'weekly', '2026-11-27', '15:00', [], 1],
    ['weekly on Friday, the sweep done', 'weekly', '2026-11-27', '15:00', ['d-corner'], null],
    ['weekly on Wednesday 9月30日 when Friday is 国庆', 'weekly', '2026-09-30', '15:00', [], 1],
  ])('%s', (_name, kind, date, time, done, expected) => {
    const now = instantAt(date, time);
    const checks = done.map((id) => ticked(id, id === 'd-corner' ? (date === '2026-09-30' ? '2026-W40' : '2026-W48') : date, now - 60_000));
    const actual = decideReminder(kind, now, WORKING_DAY_DUTIES, checkLookup(checks), PACKAGE_CALENDAR);
    expect(actual?.remaining ?? null).toBe(expected);
  });

  it('names the undone items', () => {
    const now = instantAt('2026-11-25', '16:30');
    const actual = decideReminder('afternoon', now, WORKING_DAY_DUTIES, checkLookup([ticked('d-sweep', '2026-11-25', now)]), PACKAGE_CALENDAR);
    expect(actual).toEqual({ kind: 'afternoon', remaining: 1, titles: ['公益广告牌检查'] });
  });
});

describe('when reminders go off', () => {
  it.each([
    ['a normal week: Friday', '2026-W48', '2026-11-27'],
    ['国庆 week: Friday off, the last working day is Wednesday', '2026-W40', '2026-09-30'],
    ['劳动节 week: Friday 5月1日 off, Thursday', '2026-W18', '2026-04-30'],
    ['the week after 国庆: Friday, though Saturday is a 调休 working day', '2026-W41', '2026-10-09'],
  ])('weekly reminder date, %s', (_name, week, expected) => {
    expect(weeklyReminderDate(week, PACKAGE_CALENDAR)).toBe(expected);
  });

  it.each([
    ['before 09:30 on a Wednesday', '2026-11-25', '08:00', { morning: ['2026-11-25', '09:30'], afternoon: ['2026-11-25', '16:30'], weekly: ['2026-11-27', '15:00'] }],
    ['Friday evening: tomorrow, and next Friday', '2026-11-27', '18:00', { morning: ['2026-11-28', '09:30'], afternoon: ['2026-11-28', '16:30'], weekly: ['2026-12-04', '15:00'] }],
    ['Monday of 国庆 week: Wednesday', '2026-09-28', '10:00', { morning: ['2026-09-29', '09:30'], afternoon: ['2026-09-28', '16:30'], weekly: ['2026-09-30', '15:00'] }],
  ])('next times, %s', (_name, date, time, expected) => {
    const actual = nextReminderTimes(instantAt(date, time), DEFAULT_REMINDER_SETTINGS, PACKAGE_CALENDAR);
    expect(actual).toEqual({
      morning: instantAt(...(expected.morning as [string, string])),
      afternoon: instantAt(...(expected.afternoon as [string, string])),
      weekly: instantAt(...(expected.weekly as [string, string])),
    });
  });

  it('follows the times set on the options page', () => {
    const actual = nextReminderTimes(instantAt('2026-11-25', '08:00'), { enabled: true, morning: '08:45', afternoon: '17:10', weekly: '10:00' }, PACKAGE_CALENDAR);
    expect(actual.morning).toBe(instantAt('2026-11-25', '08:45'));
    expect(actual.afternoon).toBe(instantAt('2026-11-25', '17:10'));
    expect(actual.weekly).toBe(instantAt('2026-11-27', '10:00'));
  });
});

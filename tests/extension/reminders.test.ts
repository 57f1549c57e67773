/*
 * The reminder planner across the 调休 week after 国庆 2026: 10月5日—7日 holiday, 8日—9日 working, Saturday 10日 a
 * make-up working day, Sunday 11日 off. Reminders come 30 minutes before each item's due time while it is not
 * done; the morning and afternoon summaries come on working days only; nothing goes off on a day off.
 */
import { describe, expect, it } from 'vitest';
import { PACKAGE_CALENDAR, instantAt, makeCalendar } from '../../shared/calendar';
import type { DutyCheckRow } from '../../shared/projection';
import { DEFAULT_REMINDER_SETTINGS, decideReminder, dueNextCount, nextDueReminder, nextReminderTimes } from '../../extension/lib/reminders';
import { checkLookup, todayView } from '../../extension/lib/today';
import { BINS, CORNER, SIGNS, SWEEP } from './fixtures';

// 门前三包区域清扫 09:00 and 公益广告牌检查 10:00 on working days; 垃圾桶清理 17:00 every day; 卫生死角清理 Friday 17:00.
const DUTIES = [SWEEP, SIGNS, BINS, CORNER];
const NONE = checkLookup([]);
const at = (date: string, hhmm: string) => instantAt(date, hhmm);

function ticked(dutyId: string, periodKey: string, when: number): DutyCheckRow {
  return { unitId: 'u-a', dutyId, periodKey, checked: true, checkedAt: when, checkedBy: 'p', lastAt: when, lastEventId: `e-${dutyId}`, history: null };
}

describe('reminder times derived from due times across a 调休 week', () => {
  it.each([
    ['on the holiday: the first working morning, 30 minutes before the sweep', at('2026-10-06', '12:00'), at('2026-10-08', '08:30'), at('2026-10-08', '09:00')],
    ['after it: 30 minutes before the signs', at('2026-10-08', '08:31'), at('2026-10-08', '09:30'), at('2026-10-08', '10:00')],
    ['after that: the every-day bins at 17:00', at('2026-10-08', '09:31'), at('2026-10-08', '16:30'), at('2026-10-08', '17:00')],
    ['Friday afternoon: the bins and the weekly sweep share 17:00', at('2026-10-09', '12:00'), at('2026-10-09', '16:30'), at('2026-10-09', '17:00')],
    ['Friday evening: the make-up Saturday is a working day', at('2026-10-09', '18:00'), at('2026-10-10', '08:30'), at('2026-10-10', '09:00')],
    ['Saturday evening: nothing on Sunday, though the bins are due every day', at('2026-10-10', '18:00'), at('2026-10-12', '08:30'), at('2026-10-12', '09:00')],
  ])('%s', (_name, now, expectedAt, expectedDue) => {
    expect(nextDueReminder(now, DUTIES, NONE, DEFAULT_REMINDER_SETTINGS, PACKAGE_CALENDAR)).toEqual({ at: expectedAt, dueAt: expectedDue });
  });

  it('an item already done is not reminded; the lead follows the setting', () => {
    const done = checkLookup([ticked('d-sweep', '2026-10-08', at('2026-10-08', '07:50'))]);
    expect(nextDueReminder(at('2026-10-08', '08:00'), DUTIES, done, DEFAULT_REMINDER_SETTINGS, PACKAGE_CALENDAR)?.at).toBe(at('2026-10-08', '09:30'));
    expect(nextDueReminder(at('2026-10-08', '08:00'), DUTIES, NONE, { ...DEFAULT_REMINDER_SETTINGS, leadMinutes: 10 }, PACKAGE_CALENDAR)?.at).toBe(at('2026-10-08', '08:50'));
  });

  it('a county rest day on the Friday: no reminders that day, the weekly sweep reminded on Thursday', () => {
    const county = makeCalendar([{ date: '2026-10-09', kind: 'local_rest', name: '三月三' }]);
    const thursday = nextDueReminder(at('2026-10-08', '09:31'), DUTIES, NONE, DEFAULT_REMINDER_SETTINGS, county);
    expect(thursday).toEqual({ at: at('2026-10-08', '16:30'), dueAt: at('2026-10-08', '17:00') });
    expect(decideReminder('due', at('2026-10-08', '16:30'), DUTIES, NONE, DEFAULT_REMINDER_SETTINGS, county)?.titles).toEqual(['垃圾桶清理', '卫生死角清理']);
    expect(nextDueReminder(at('2026-10-08', '18:00'), DUTIES, NONE, DEFAULT_REMINDER_SETTINGS, county)?.at).toBe(at('2026-10-10', '08:30'));
  });

  it('the morning and afternoon summaries skip days off', () => {
    const times = nextReminderTimes(at('2026-10-06', '12:00'), DEFAULT_REMINDER_SETTINGS, DUTIES, NONE, PACKAGE_CALENDAR);
    expect(times).toEqual({ due: at('2026-10-08', '08:30'), morning: at('2026-10-08', '09:30'), afternoon: at('2026-10-08', '16:30') });
    const saturday = nextReminderTimes(at('2026-10-10', '17:00'), DEFAULT_REMINDER_SETTINGS, DUTIES, NONE, PACKAGE_CALENDAR);
    expect([saturday.morning, saturday.afternoon]).toEqual([at('2026-10-12', '09:30'), at('2026-10-12', '16:30')]);
  });
});

describe('whether a reminder has something to say', () => {
  it.each([
    ['due, 30 minutes before the sweep', 'due', '2026-10-08', '08:30', [], ['门前三包区域清扫']],
    ['due, the sweep already done', 'due', '2026-10-08', '08:30', ['d-sweep'], null],
    ['due, snoozed 30 minutes: the item just come due is still named', 'due', '2026-10-08', '09:00', [], ['门前三包区域清扫']],
    ['morning, nothing ticked on a working day', 'morning', '2026-10-08', '09:30', [], ['门前三包区域清扫', '公益广告牌检查', '垃圾桶清理']],
    ['morning, the list already started', 'morning', '2026-10-08', '09:30', ['d-sweep'], null],
    ['afternoon, two still undone', 'afternoon', '2026-10-08', '16:30', ['d-sweep'], ['公益广告牌检查', '垃圾桶清理']],
    ['afternoon on the make-up Saturday', 'afternoon', '2026-10-10', '16:30', ['d-sweep', 'd-signs', 'd-bins'], null],
    ['morning on 国庆: nothing on a holiday, though the bins are due', 'morning', '2026-10-06', '09:30', [], null],
    ['afternoon on Sunday: nothing on a day off', 'afternoon', '2026-10-11', '16:30', [], null],
  ] as const)('%s', (_name, kind, date, time, done, expected) => {
    const now = at(date, time);
    const lookup = checkLookup(done.map((id) => ticked(id, date, now - 60_000)));
    expect(decideReminder(kind, now, DUTIES, lookup, DEFAULT_REMINDER_SETTINGS, PACKAGE_CALENDAR)?.titles ?? null).toEqual(expected);
  });
});

describe('the badge counts what is due next', () => {
  it('what is late and still open, and what shares the next due time', () => {
    const view = (now: number, lookup = NONE) => todayView(DUTIES, lookup, now, PACKAGE_CALENDAR);
    expect(dueNextCount(view(at('2026-10-08', '08:00')), at('2026-10-08', '08:00'))).toBe(1);
    expect(dueNextCount(view(at('2026-10-08', '09:05')), at('2026-10-08', '09:05'))).toBe(2);
    const done = checkLookup([ticked('d-sweep', '2026-10-08', at('2026-10-08', '09:10')), ticked('d-signs', '2026-10-08', at('2026-10-08', '09:10'))]);
    expect(dueNextCount(view(at('2026-10-08', '12:00'), done), at('2026-10-08', '12:00'))).toBe(1);
    // Friday 16:00: the bins and the weekly sweep share 17:00.
    const friday = checkLookup([ticked('d-sweep', '2026-10-09', 0), ticked('d-signs', '2026-10-09', 0)]);
    expect(dueNextCount(view(at('2026-10-09', '16:00'), friday), at('2026-10-09', '16:00'))).toBe(2);
  });
});

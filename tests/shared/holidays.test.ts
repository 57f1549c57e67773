/* The pasted schedule list, and when the missing-year notice is due. */
import { describe, expect, it } from 'vitest';
import { PACKAGE_CALENDAR, instantAt, makeCalendar } from '../../shared/calendar';
import { missingScheduleNotice, missingScheduleYears, parseSchedule } from '../../shared/holidays';

describe('reading a pasted schedule', () => {
  it('reads dates, ranges, kinds and names; skips blank lines and # comments', () => {
    const parsed = parseSchedule('# 2027年\n\n2027-01-01 休 元旦\n2027-02-05~2027-02-06 休 春节\n2027-02-20　班\n2027-04-09 地方休 三月 三\n2027-05-06 撤销 无所谓\n');
    expect(parsed).toEqual({
      ok: true,
      entries: [
        { date: '2027-01-01', kind: 'rest', name: '元旦' },
        { date: '2027-02-05', kind: 'rest', name: '春节' },
        { date: '2027-02-06', kind: 'rest', name: '春节' },
        { date: '2027-02-20', kind: 'work', name: '' },
        { date: '2027-04-09', kind: 'local_rest', name: '三月 三' },
        { date: '2027-05-06', kind: 'cleared', name: '' },
      ],
    });
  });

  it('refuses the whole list over any bad line, naming each', () => {
    const parsed = parseSchedule('2027-01-01 休 元旦\n2027-02-30 班\n2027-03-01 放假\n二〇二七年一月一日 休\n2027-03-05~2027-03-01 休\n2027-01-01 班');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      '第2行“2027-02-30 班”：日期不存在',
      '第3行“2027-03-01 放假”：类型“放假”无效，应为 休、班、地方休 或 撤销',
      '第4行“二〇二七年一月一日 休”：格式应为“2027-01-01 休 元旦”（日期、类型、名称，用空格隔开）',
      '第5行“2027-03-05~2027-03-01 休”：结束日期早于开始日期',
      '2027-01-01 出现了不止一次',
    ]);
    expect(parseSchedule('\n# 只有注释\n')).toEqual({ ok: false, errors: ['没有可录入的日期'] });
  });
});

describe('the missing-year notice', () => {
  it('comes from 1 November for the next year, and all year for the current one, until a 休 or 班 day is entered', () => {
    expect(missingScheduleYears(PACKAGE_CALENDAR, instantAt('2026-10-31', '23:59'))).toEqual([]);
    expect(missingScheduleYears(PACKAGE_CALENDAR, instantAt('2026-11-01', '00:00'))).toEqual([2027]);
    expect(missingScheduleYears(PACKAGE_CALENDAR, instantAt('2027-03-01', '10:00'))).toEqual([2027]);
    expect(missingScheduleYears(makeCalendar([{ date: '2027-01-01', kind: 'rest', name: '元旦' }]), instantAt('2026-11-01', '00:00'))).toEqual([]);
    expect(missingScheduleYears(makeCalendar([{ date: '2027-04-09', kind: 'local_rest', name: '三月三' }]), instantAt('2026-11-01', '00:00'))).toEqual([2027]);
    expect(missingScheduleNotice(2027)).toBe('2027年节假日安排尚未录入');
  });
});
